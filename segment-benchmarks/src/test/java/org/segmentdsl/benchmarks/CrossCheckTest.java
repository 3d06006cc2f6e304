package org.segmentdsl.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.ToLongFunction;
import org.junit.jupiter.api.Test;

/** The cross-check fails loudly, naming the workload and every engine's count. */
class CrossCheckTest {
  private record FakeEngine(String name, ToLongFunction<Workload> counts) implements Engine {
    @Override
    public long count(Workload workload) {
      return counts.applyAsLong(workload);
    }
  }

  @Test
  void agreeingEnginesGiveTheirCounts() {
    Engine a = new FakeEngine("a", w -> w.ordinal());
    Engine b = new FakeEngine("b", w -> w.ordinal());
    assertThat(CrossCheck.agreedCounts(List.of(a, b)))
        .containsEntry(Workload.W1_ONBOARDING, 0L)
        .containsEntry(Workload.W6_SALES, 5L)
        .hasSize(Workload.values().length);
  }

  @Test
  void aDisagreementNamesTheWorkloadAndEveryCount() {
    Engine ours = new FakeEngine("ours", w -> 10);
    Engine duck = new FakeEngine("duck", w -> w == Workload.W3_REENGAGEMENT ? 11 : 10);
    Engine plain = new FakeEngine("plain", w -> 10);
    assertThatThrownBy(() -> CrossCheck.agreedCounts(List.of(ours, duck, plain)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("W3 re-engagement")
        .hasMessageContaining("ours=10, duck=11, plain=10");
  }
}
