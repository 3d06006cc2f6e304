package org.segmentdsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.segmentdsl.dsl.Conditions.any;
import static org.segmentdsl.dsl.Conditions.event;
import static org.segmentdsl.dsl.Conditions.field;
import static org.segmentdsl.dsl.Conditions.prop;
import static org.segmentdsl.dsl.Conditions.tagContains;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.segmentdsl.condition.Condition;

/**
 * Deadlines, timeouts and cancellation (segment-format.md 4): an evaluation past a limit stops
 * with an {@link EvaluationCancelledException} that says which; one within its limits answers as
 * if it had none.
 */
class EvaluationLimitsTest {
  private static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
  private static final EvaluationContext CTX = EvaluationContext.at(NOW);
  private static final int CONTACTS = 200_000;
  private static ContactIndex index;
  /**
   * Thousands of distinct {@code contains} patterns over 200,000 distinct tags and addresses: a
   * shared walk of each dictionary, some tenths of a second (minutes with a walk per pattern).
   */
  private static Condition huge;

  @BeforeAll
  static void build() {
    index = ContactIndex.create(Schema.builder().contactField("email", FieldType.STRING).build());
    index.update(b -> {
      for (int i = 0; i < CONTACTS; i++) {
        b.upsert(Contact.builder("c" + i).tags("tag-" + i)
            .field("email", "user" + i + "@example.com").build());
      }
    });
    List<Condition> conditions = new ArrayList<>();
    for (int i = 0; i < 9_999; i++) {
      conditions.add(i % 2 == 0 ? tagContains("x" + i) : field("email").contains("y" + i));
    }
    huge = any(conditions);
  }

  @Test
  void aDeadlineInThePastStopsEvaluateAndExplain() {
    EvaluationContext late = CTX.withDeadline(Instant.now().minusSeconds(1));
    EvaluationCancelledException e = assertThrows(EvaluationCancelledException.class,
        () -> index.evaluate(huge, late));
    assertThat(e.reason()).isEqualTo(EvaluationCancelledException.Reason.DEADLINE);
    assertThat(e).hasMessageStartingWith("evaluation passed its deadline ");
    assertThatThrownBy(() -> index.explain(huge, late))
        .isInstanceOf(EvaluationCancelledException.class);
    assertThatThrownBy(() -> index.snapshot().evaluate(huge, late).count())
        .isInstanceOf(EvaluationCancelledException.class);
  }

  @Test
  void aTimeoutStopsAnEvaluationThatRunsLonger() {
    EvaluationCancelledException e = assertTimeoutPreemptively(Duration.ofSeconds(60),
        () -> assertThrows(EvaluationCancelledException.class,
            () -> index.evaluate(huge, CTX.withTimeout(Duration.ofMillis(1)))));
    assertThat(e.reason()).isEqualTo(EvaluationCancelledException.Reason.DEADLINE);
    assertThat(e).hasMessage("evaluation passed its timeout of 1 ms");
  }

  @Test
  void aCancelledTokenStopsEvaluateExplainAndCount() {
    Cancellation stop = new Cancellation();
    stop.cancel();
    EvaluationContext cancelled = CTX.withCancellation(stop);
    assertThatThrownBy(() -> index.evaluate(huge, cancelled))
        .isInstanceOf(EvaluationCancelledException.class)
        .hasMessage("evaluation was cancelled");
    assertThatThrownBy(() -> index.explain(huge, cancelled))
        .isInstanceOf(EvaluationCancelledException.class);
    assertThatThrownBy(() -> index.evaluate(tagContains("tag"), cancelled).count())
        .isInstanceOf(EvaluationCancelledException.class)
        .extracting(t -> ((EvaluationCancelledException) t).reason())
        .isEqualTo(EvaluationCancelledException.Reason.CANCELLED);
  }

  @Test
  void cancellingFromAnotherThreadStopsARunningEvaluation() throws Exception {
    for (boolean explain : new boolean[] {false, true}) {
      // the evaluation may finish before the cancel lands (it takes a fraction of a second):
      // then it must have answered, and the next attempt tries again
      int finishedFirst = 0;
      while (true) {
        Cancellation stop = new Cancellation();
        EvaluationContext ctx = CTX.withCancellation(stop);
        CountDownLatch started = new CountDownLatch(1);
        CompletableFuture<Object> running = CompletableFuture.supplyAsync(() -> {
          started.countDown();
          return explain ? index.explain(huge, ctx) : index.evaluate(huge, ctx);
        });
        started.await();
        stop.cancel();
        Object answer = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> {
          try {
            return running.get();
          } catch (ExecutionException e) {
            return e.getCause();
          }
        });
        if (answer instanceof EvaluationCancelledException e) {
          assertThat(e).hasMessage("evaluation was cancelled");
          break;
        }
        assertThat(answer).isNotInstanceOf(Throwable.class);
        assertThat(++finishedFirst).as("evaluations that finished before the cancel")
            .isLessThan(20);
      }
    }
  }

  @Test
  void generousLimitsGiveTheSameAnswerAsNone() {
    index.record(Event.of("c7", "email_click", NOW.minusSeconds(60), Map.of("url", "/Pricing")));
    List<Condition> conditions = List.of(tagContains("tag-1"),
        field("email").endsWith("9@example.com"),
        field("email").ignoringCase().eq("USER5@example.com"),
        event("email_click").where(prop("url").ignoringCase().contains("pricing")));
    EvaluationContext generous = CTX.withDeadline(Instant.now().plus(Duration.ofHours(1)))
        .withTimeout(Duration.ofHours(1)).withCancellation(new Cancellation());
    for (Condition c : conditions) {
      assertThat(index.evaluate(c, generous).ids()).isEqualTo(index.evaluate(c, CTX).ids())
          .isNotEmpty();
      assertThat(index.explain(c, generous)).isEqualTo(index.explain(c, CTX));
    }
    EvaluationContext forever = CTX.withDeadline(Instant.MAX).withTimeout(
        Duration.ofSeconds(Long.MAX_VALUE));
    assertThat(index.evaluate(conditions.get(0), forever).ids())
        .isEqualTo(index.evaluate(conditions.get(0), CTX).ids());
  }

  @Test
  void contextsKeepTheirLimitsThroughTheirWithers() {
    Cancellation stop = new Cancellation();
    EvaluationContext ctx = new EvaluationContext(NOW, ZoneOffset.UTC, SegmentRegistry.empty())
        .withTimeout(Duration.ofSeconds(2)).withCancellation(stop)
        .withZone(ZoneOffset.ofHours(2)).withSegments(SegmentRegistry.empty());
    assertThat(ctx.timeout()).contains(Duration.ofSeconds(2));
    assertThat(ctx.cancellation()).containsSame(stop);
    assertThat(ctx.deadline()).isEmpty();
    assertThat(ctx).isEqualTo(EvaluationContext.of(NOW, ZoneOffset.ofHours(2))
        .withCancellation(stop).withTimeout(Duration.ofSeconds(2)));
    assertThat(ctx).isNotEqualTo(EvaluationContext.of(NOW, ZoneOffset.ofHours(2)));
    assertThatThrownBy(() -> CTX.withTimeout(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("timeout must not be negative, got PT-1S");
  }
}
