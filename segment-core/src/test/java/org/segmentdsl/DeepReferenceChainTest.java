package org.segmentdsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.segmentdsl.dsl.Conditions.all;
import static org.segmentdsl.dsl.Conditions.any;
import static org.segmentdsl.dsl.Conditions.inSegment;
import static org.segmentdsl.dsl.Conditions.not;
import static org.segmentdsl.dsl.Conditions.tag;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.segmentdsl.condition.Condition;
import org.segmentdsl.eval.ConditionChecker;

/**
 * Saved segments chained by reference, each nested as deep as the format allows (segment-format.md
 * section 4: "Any segment within these limits evaluates, however its saved segments nest: no stack
 * overflow"). Everything runs on a thread with a small stack, so that depth adding up across
 * references would overflow it.
 */
class DeepReferenceChainTest {
  static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

  /** Far less than a default thread's stack; one document's depth of 32 fits in it many times. */
  static final long SMALL_STACK = 256 * 1024;

  /**
   * Segments {@code s0 .. s(n-1)}: each 32 levels deep ({@code all}, {@code any}, {@code not}),
   * the innermost level referencing the next segment; the last one's innermost level is {@code
   * tag("lead")}. Each level keeps the leads that are not customers, so the members of every one
   * are {@code a} and {@code c} of {@link #sample()}.
   */
  static List<Segment> chain(int n) {
    List<Segment> segments = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      Condition inner = i == n - 1 ? tag("lead") : inSegment("s" + (i + 1));
      segments.add(Segment.builder().id("s" + i).where(deep(inner, 32)).build());
    }
    return segments;
  }

  /**
   * {@code inner} wrapped in {@code levels} groups, innermost first {@code any(tag("nobody"), x)},
   * {@code all(tag("lead"), not(tag("customer")), x)}, {@code not(x)}, {@code not(x)}, and again.
   */
  static Condition deep(Condition inner, int levels) {
    Condition c = inner;
    for (int level = 0; level < levels; level++) {
      c = switch (level % 4) {
        case 0 -> any(tag("nobody"), c);
        case 1 -> all(tag("lead"), not(tag("customer")), c);
        default -> not(c);
      };
    }
    return c;
  }

  static ContactIndex sample() {
    ContactIndex index = ContactIndex.create(Schema.builder().build());
    index.update(b -> b
        .upsert(Contact.builder("a").tags("lead", "engaged").build())
        .upsert(Contact.builder("b").tags("lead", "engaged", "customer").build())
        .upsert(Contact.builder("c").tags("lead").build())
        .upsert(Contact.builder("d").tags("engaged").build()));
    return index;
  }

  /** Runs {@code body} on a thread with a {@link #SMALL_STACK}; what it throws fails the test. */
  static void onSmallStack(Runnable body) throws Exception {
    FutureTask<Void> task = new FutureTask<>(body, null);
    new Thread(null, task, "small-stack", SMALL_STACK).start();
    task.get(120, TimeUnit.SECONDS);
  }

  @Test
  void theChainIsWithinTheLimits() {
    for (Segment s : chain(2)) {
      ConditionChecker.checkLimits(s.condition(), "/where");
    }
    assertThatThrownBy(() -> ConditionChecker.checkLimits(deep(tag("lead"), 33), ""))
        .hasMessageContaining("nested deeper than 32 levels");
  }

  @Test
  void fortyEightSegmentsThirtyTwoDeepEvaluateExplainAndCheckOnASmallStack() throws Exception {
    everyWayIn(48);
  }

  @Test
  void theLongestChainAllowedEvaluatesOnASmallStack() throws Exception {
    everyWayIn(ConditionChecker.MAX_REFERENCE_DEPTH);
  }

  private static void everyWayIn(int n) throws Exception {
    List<Segment> chain = chain(n);
    SegmentRegistry saved = SegmentRegistry.of(chain);
    EvaluationContext ctx = EvaluationContext.at(NOW).withSegments(saved);
    ContactIndex index = sample();
    onSmallStack(() -> {
      IndexSnapshot snapshot = index.snapshot();
      snapshot.validate(chain.get(0), saved);
      snapshot.validate(inSegment("s0"), saved);
      assertThat(snapshot.evaluate(chain.get(0), ctx).ids()).containsExactly("a", "c");
      assertThat(snapshot.evaluate(all(tag("engaged"), inSegment("s0")), ctx).ids())
          .containsExactly("a");
      Explanation explanation = snapshot.explain(chain.get(0), ctx);
      assertThat(explanation.total()).isEqualTo(2);
      String text = explanation.toString();
      assertThat(text).endsWith("total: 2");
      // the explanation shows each referenced segment in full once: every one of them is there
      assertThat(text).contains("segment \"s" + (n - 1) + "\": 2");
      assertThat(explanation.root()).isEqualTo(snapshot.explain(chain.get(0), ctx).root());
      assertThat(explanation.root().hashCode())
          .isEqualTo(snapshot.explain(chain.get(0), ctx).root().hashCode());
    });
    // live: the first membership, a commit that touches a few contacts, and an advance of time
    onSmallStack(() -> {
      try (LiveSegments live = LiveSegments.builder(index).segments(saved)
          .clock(java.time.Clock.fixed(NOW, ZoneOffset.UTC)).executor(Runnable::run).build()) {
        LiveSegment top = live.register(chain.get(0), ZoneOffset.UTC);
        LiveSegment engaged = live.register("engaged-top",
            Segment.of(all(tag("engaged"), inSegment("s0"))), ZoneOffset.UTC);
        assertThat(top.members().ids()).containsExactly("a", "c");
        index.update(b -> b.upsert(Contact.builder("e").tags("lead", "engaged").build()));
        assertThat(top.members().ids()).containsExactly("a", "c", "e");
        assertThat(engaged.members().ids()).containsExactly("a", "e");
        index.update(b -> b.upsert(Contact.builder("a").tags("lead", "customer").build()));
        assertThat(top.members().ids()).containsExactly("c", "e");
        live.advanceTo(NOW.plusSeconds(86_400));
        assertThat(top.members().ids()).containsExactly("c", "e");
      }
    });
  }

  @Test
  void aChainOneSegmentTooLongNamesItsFirstSegmentsAndItsLength() {
    List<Segment> chain = chain(ConditionChecker.MAX_REFERENCE_DEPTH + 1);
    SegmentRegistry saved = SegmentRegistry.of(chain);
    EvaluationContext ctx = EvaluationContext.at(NOW).withSegments(saved);
    assertThatThrownBy(() -> sample().evaluate(chain.get(0), ctx))
        .isInstanceOf(InvalidSegmentException.class)
        .satisfies(e -> {
          assertThat(e.getMessage()).hasSizeLessThan(400).doesNotContain("\n")
              .contains("segment reference chain s0 -> s1 -> s2 -> s3 -> ... is 65 segments "
                  + "long; at most 64 are allowed");
        });
    // from outside the chain (a condition without an id), the chain starts at the reference
    assertThatThrownBy(() -> sample().evaluate(inSegment("s0"), ctx))
        .isInstanceOf(InvalidSegmentException.class)
        .hasMessage("/where/segment: segment reference chain s0 -> s1 -> s2 -> s3 -> ... is 65 "
            + "segments long; at most 64 are allowed");
    // one segment down, the chain is at the limit
    assertThat(sample().evaluate(chain.get(1), ctx).ids()).containsExactly("a", "c");
  }

  @Test
  void aLongCycleNamesItsFirstSegmentsAndItsLength() {
    List<Segment> cycle = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      cycle.add(Segment.builder().id("loop-" + i)
          .where(all(tag("lead"), inSegment("loop-" + (i + 1) % 200))).build());
    }
    SegmentRegistry saved = SegmentRegistry.of(cycle);
    EvaluationContext ctx = EvaluationContext.at(NOW).withSegments(saved);
    assertThatThrownBy(() -> sample().evaluate(cycle.get(0), ctx))
        .isInstanceOf(InvalidSegmentException.class)
        .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(400))
        .hasMessage("/where/all/1/segment: segment reference cycle: loop-0 -> loop-1 -> loop-2 "
            + "-> loop-3 -> ... -> loop-0 is 200 segments long");
  }

  @Test
  void aProblemFoundThroughManySegmentsNamesTheFirstAndTheLast() {
    List<Segment> chain = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      chain.add(Segment.builder().id("p" + i).where(i == 39
          ? org.segmentdsl.dsl.Conditions.field("country").eq("US")
          : all(tag("lead"), inSegment("p" + (i + 1)))).build());
    }
    EvaluationContext ctx = EvaluationContext.at(NOW).withSegments(SegmentRegistry.of(chain));
    assertThatThrownBy(() -> sample().evaluate(Segment.of(inSegment("p0")), ctx))
        .isInstanceOf(InvalidSegmentException.class)
        .hasMessage("/where/segment: in segment \"p0\": /where/all/1/segment: in segment \"p1\": "
            + "/where/all/1/segment: (through 37 more segments) in segment \"p39\": /where/field: "
            + "unknown field \"country\"");
  }
}
