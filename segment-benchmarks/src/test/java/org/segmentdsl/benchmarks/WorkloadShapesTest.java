package org.segmentdsl.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.segmentdsl.condition.All;
import org.segmentdsl.condition.Any;
import org.segmentdsl.condition.Condition;
import org.segmentdsl.condition.Not;

/** The workloads have the shapes their names promise: W8 is a segment of 20 conditions. */
class WorkloadShapesTest {
  @Test
  void theTwentyConditionNurtureHasTwentyConditions() {
    assertThat(leaves(SegmentDslEngine.condition(Workload.W8_NURTURE_20))).hasSize(20);
  }

  /** The conditions of a tree that are not {@code all}, {@code any} or {@code not}. */
  private static List<Condition> leaves(Condition c) {
    List<Condition> found = new ArrayList<>();
    if (c instanceof All all) {
      all.conditions().forEach(d -> found.addAll(leaves(d)));
    } else if (c instanceof Any any) {
      any.conditions().forEach(d -> found.addAll(leaves(d)));
    } else if (c instanceof Not not) {
      found.addAll(leaves(not.condition()));
    } else {
      found.add(c);
    }
    return found;
  }
}
