package org.segmentdsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.segmentdsl.DeepReferenceChainTest.onSmallStack;
import static org.segmentdsl.dsl.Conditions.account;
import static org.segmentdsl.dsl.Conditions.all;
import static org.segmentdsl.dsl.Conditions.any;
import static org.segmentdsl.dsl.Conditions.deal;
import static org.segmentdsl.dsl.Conditions.field;
import static org.segmentdsl.dsl.Conditions.not;
import static org.segmentdsl.dsl.Conditions.tag;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;
import org.segmentdsl.condition.Condition;

/**
 * Condition trees built in Java are bounded by nothing until they are used: 100,000 levels deep
 * or a million conditions. Comparing, hashing and printing one never overflows the stack;
 * registering, evaluating or explaining one past the format's limits (segment-format.md 4) is an
 * {@link InvalidSegmentException} in the spec's words, with the JSON Pointer of where. Everything
 * runs on a thread with a {@linkplain DeepReferenceChainTest#SMALL_STACK small stack}, which
 * recursion over 100,000 levels would overflow.
 */
class DeepConditionTreeTest {
  private static final int DEEP = 100_000;
  private static final int MANY = 1_000_000;
  private static final String TOO_DEEP = "conditions are nested deeper than 32 levels";
  private static final String TOO_MANY = "more than 10000 conditions";

  /** {@code not(not(... inner))}, {@code levels} deep. */
  static Condition nots(int levels, Condition inner) {
    Condition c = inner;
    for (int i = 0; i < levels; i++) {
      c = not(c);
    }
    return c;
  }

  /** {@code all(any(all(... inner)))}, {@code levels} deep, {@code all} outermost. */
  static Condition allsAndAnys(int levels, Condition inner) {
    Condition c = inner;
    for (int i = levels - 1; i >= 0; i--) {
      c = i % 2 == 0 ? all(c) : any(c);
    }
    return c;
  }

  /** {@code all(tag("a"), ... 8 more ..., all(tag("a"), ... inner))}: ten conditions a level. */
  static Condition wideLevels(int levels, Condition inner) {
    Condition c = inner;
    for (int i = 0; i < levels; i++) {
      List<Condition> children = new ArrayList<>(Collections.nCopies(9, tag("a")));
      children.add(c);
      c = all(children);
    }
    return c;
  }

  /** Every shape of deep tree, each given its innermost condition. */
  private static final List<Function<Condition, Condition>> DEEP_SHAPES = List.of(
      inner -> nots(DEEP, inner),
      inner -> allsAndAnys(DEEP, inner),
      inner -> wideLevels(DEEP, inner), // a million conditions, too
      inner -> deal(nots(DEEP, inner)),
      inner -> account(allsAndAnys(DEEP, inner)));

  @Test
  void deepTreesAreComparedHashedAndPrintedOnASmallStack() throws Exception {
    onSmallStack(() -> {
      for (Function<Condition, Condition> shape : DEEP_SHAPES) {
        Condition a = shape.apply(field("stage").eq("Won"));
        Condition b = shape.apply(field("stage").eq("Won"));
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b)
            .isNotEqualTo(shape.apply(field("stage").eq("Lost")))
            .isNotEqualTo(shape.apply(field("stage").eq("Won").withLabel("won")))
            .isNotEqualTo(shape.apply(not(field("stage").eq("Won"))));
        assertThat(Segment.of(a)).isEqualTo(Segment.of(b)).hasSameHashCodeAs(Segment.of(b));
        assertThat(a.toString()).contains("field(\"stage\").eq(\"Won\"))").endsWith("))");
      }
    });
  }

  @Test
  void aDeepTreePrintsAsAShallowOne() throws Exception {
    assertThat(all(not(tag("a")), any(tag("b")).withLabel("l")).toString())
        .isEqualTo("all(not(tag(\"a\")), any(tag(\"b\")).withLabel(\"l\"))");
    onSmallStack(() -> {
      Condition leaf = tag("a");
      assertThat(nots(DEEP, leaf).toString()).isEqualTo("not(".repeat(DEEP) + leaf
          + ")".repeat(DEEP));
      assertThat(allsAndAnys(DEEP, leaf).toString()).isEqualTo(
          "all(any(".repeat(DEEP / 2) + leaf + ")".repeat(DEEP));
    });
  }

  /** A tree past the limits, and the problem every entry point reports for it. */
  private record PastTheLimits(Condition tree, String pointer, String message) {}

  private static List<PastTheLimits> pastTheLimits() {
    return List.of(
        new PastTheLimits(nots(DEEP, tag("a")), "/not".repeat(32), TOO_DEEP),
        new PastTheLimits(allsAndAnys(DEEP, tag("a")), "/all/0/any/0".repeat(16), TOO_DEEP),
        new PastTheLimits(wideLevels(DEEP, tag("a")), "/all/9".repeat(32), TOO_DEEP),
        new PastTheLimits(deal(nots(DEEP, field("stage").eq("Won"))),
            "/deal" + "/not".repeat(31), TOO_DEEP),
        new PastTheLimits(account(allsAndAnys(DEEP, field("industry").eq("SaaS"))),
            "/account" + "/all/0/any/0".repeat(15) + "/all/0", TOO_DEEP),
        new PastTheLimits(all(Collections.nCopies(MANY, tag("a"))), "/all/9999", TOO_MANY));
  }

  @Test
  void registeringATreePastTheLimitsIsRefusedWithWhere() throws Exception {
    onSmallStack(() -> {
      for (PastTheLimits p : pastTheLimits()) {
        Segment s = Segment.builder().id("big").where(p.tree()).build();
        String expected = "in segment \"big\": /where" + p.pointer() + ": " + p.message();
        refused(() -> SegmentRegistry.of(s), expected);
        refused(() -> SegmentRegistry.of(List.of(s)), expected);
        refused(() -> SegmentRegistry.empty().with(s), expected);
      }
      Segment deepest = Segment.builder().id("deepest").where(nots(32, tag("a"))).build();
      Segment largest = Segment.builder().id("largest")
          .where(all(Collections.nCopies(9_999, tag("a")))).build();
      assertThat(SegmentRegistry.of(deepest).with(largest).ids())
          .containsExactly("deepest", "largest");
    });
  }

  @Test
  void evaluatingOrExplainingATreePastTheLimitsIsAnInvalidSegmentException() throws Exception {
    ContactIndex index = DeepReferenceChainTest.sample();
    EvaluationContext ctx = EvaluationContext.at(DeepReferenceChainTest.NOW);
    onSmallStack(() -> {
      for (PastTheLimits p : pastTheLimits()) {
        Condition c = p.tree();
        Segment s = Segment.builder().id("big").where(c).build();
        // a condition alone is Segment.of(condition): its pointers are under /where too
        String inSegment = "/where" + p.pointer() + ": " + p.message();
        refused(() -> index.evaluate(c, ctx), inSegment);
        refused(() -> index.evaluate(s, ctx), inSegment);
        refused(() -> index.explain(c, ctx), inSegment);
        refused(() -> index.explain(s, ctx), inSegment);
        refused(() -> index.snapshot().evaluate(c, ctx), inSegment);
        refused(() -> index.snapshot().explain(s, ctx), inSegment);
        refused(() -> index.snapshot().validate(c), inSegment);
        try (LiveSegments live = LiveSegments.on(index)) {
          refused(() -> live.register(s, ZoneOffset.UTC), inSegment);
        }
      }
    });
  }

  private static void refused(ThrowingCallable call, String message) {
    assertThatThrownBy(call).isInstanceOf(InvalidSegmentException.class).hasMessage(message);
  }
}
