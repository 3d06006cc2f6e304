package org.segmentdsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.segmentdsl.dsl.Conditions.all;
import static org.segmentdsl.dsl.Conditions.any;
import static org.segmentdsl.dsl.Conditions.inSegment;
import static org.segmentdsl.dsl.Conditions.not;
import static org.segmentdsl.dsl.Conditions.tag;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class SegmentReferenceTest {
  static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

  private static Segment saved(String id, org.segmentdsl.condition.Condition where) {
    return Segment.builder().id(id).where(where).build();
  }

  private static ContactIndex sample() {
    ContactIndex index = ContactIndex.create(Schema.builder().build());
    index.update(b -> b
        .upsert(Contact.builder("a").tags("lead", "engaged").build())
        .upsert(Contact.builder("b").tags("lead", "engaged", "customer").build())
        .upsert(Contact.builder("c").tags("lead").build()));
    return index;
  }

  @Test
  void referencesSelectTheMembersOfSavedSegments() {
    SegmentRegistry saved = SegmentRegistry.of(
        saved("engaged-leads", all(tag("lead"), tag("engaged"))),
        saved("customers", tag("customer")));
    EvaluationContext ctx = EvaluationContext.at(NOW).withSegments(saved);
    Segment target = Segment.of(all(inSegment("engaged-leads"), not(inSegment("customers"))));
    assertThat(sample().evaluate(target, ctx).ids()).containsExactly("a");
    assertThat(sample().explain(target, ctx).toString()).isEqualTo("""
        all: 1
          segment "engaged-leads": 2
            all: 2
              tag "lead": 3
              tag "engaged": 2
          not: 2
            segment "customers": 1
              tag "customer": 1
        total: 1""");
  }

  @Test
  void anUnknownSegmentIsAnErrorWithItsPointer() {
    EvaluationContext ctx = EvaluationContext.at(NOW)
        .withSegments(SegmentRegistry.of(saved("customers", tag("customer"))));
    assertThatThrownBy(() -> sample().evaluate(
        Segment.of(any(tag("x"), inSegment("customer"))), ctx))
        .isInstanceOf(InvalidSegmentException.class)
        .hasMessage("/where/any/1/segment: unknown segment \"customer\"; did you mean "
            + "\"customers\"?");
    // without a registry, every reference is unknown
    assertThatThrownBy(() -> sample().evaluate(inSegment("customers"), EvaluationContext.at(NOW)))
        .isInstanceOf(InvalidSegmentException.class)
        .hasMessage("/where/segment: unknown segment \"customers\"");
  }

  @Test
  void aCycleIsAnErrorThatNamesIt() {
    SegmentRegistry saved = SegmentRegistry.of(
        saved("a", all(tag("lead"), inSegment("b"))),
        saved("b", any(tag("x"), inSegment("c"))),
        saved("c", not(inSegment("a"))),
        saved("self", inSegment("self")));
    EvaluationContext ctx = EvaluationContext.at(NOW).withSegments(saved);
    ContactIndex index = sample();
    assertThatThrownBy(() -> index.evaluate(saved.get("a").orElseThrow(), ctx))
        .isInstanceOf(InvalidSegmentException.class)
        .hasMessage("/where/all/1/segment: segment reference cycle: a -> b -> c -> a");
    assertThatThrownBy(() -> index.evaluate(Segment.of(inSegment("b")), ctx))
        .isInstanceOf(InvalidSegmentException.class)
        .hasMessage("/where/segment: segment reference cycle: b -> c -> a -> b");
    assertThatThrownBy(() -> index.snapshot().validate(inSegment("self"), saved))
        .isInstanceOf(InvalidSegmentException.class)
        .hasMessage("/where/segment: segment reference cycle: self -> self");
  }

  @Test
  void problemsInsideAReferencedSegmentAreReportedAtTheReference() {
    ContactIndex index = ContactIndex.create(
        Schema.builder().contactField("country", FieldType.STRING).build());
    SegmentRegistry saved = SegmentRegistry.of(saved("us",
        org.segmentdsl.dsl.Conditions.field("county").eq("US")));
    assertThatThrownBy(() -> index.snapshot().validate(all(inSegment("us")), saved))
        .isInstanceOf(InvalidSegmentException.class)
        .hasMessage("/where/all/0/segment: in segment \"us\": /where/field: unknown field \"county\"; "
            + "did you mean \"country\"?");
  }

  /**
   * Each level references the one below twice: evaluating every reference on its own would take
   * 2^40 evaluations of the bottom segment; evaluated once per id, it takes 41.
   */
  @Test
  @Timeout(120) // guards the suite against a regression that would never finish
  void eachReferencedSegmentIsEvaluatedOncePerEvaluation() {
    List<Segment> levels = new ArrayList<>();
    levels.add(saved("level-0", tag("engaged")));
    for (int i = 1; i <= 40; i++) {
      String below = "level-" + (i - 1);
      levels.add(saved("level-" + i, any(inSegment(below), all(tag("lead"), inSegment(below)))));
    }
    EvaluationContext ctx = EvaluationContext.at(NOW).withSegments(SegmentRegistry.of(levels));
    ContactIndex index = sample();
    assertThat(index.evaluate(inSegment("level-40"), ctx).ids()).containsExactly("a", "b");
    assertThat(index.explain(inSegment("level-40"), ctx).total()).isEqualTo(2);
  }

  @Test
  void registriesAreValues() {
    Segment one = saved("one", tag("x"));
    SegmentRegistry r = SegmentRegistry.of(one);
    assertThat(r.with(saved("two", tag("y"))).ids()).containsExactly("one", "two");
    assertThat(r.without("one").size()).isZero();
    assertThat(r.without("nope")).isSameAs(r);
    assertThat(r).isEqualTo(SegmentRegistry.of(saved("one", tag("x"))));
    assertThatThrownBy(() -> SegmentRegistry.of(one, saved("one", tag("z"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("two segments have the id \"one\"");
    assertThatThrownBy(() -> SegmentRegistry.of(Segment.of(tag("x"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("a segment in a registry needs an id");
  }

  @Test
  void aVeryLongChainOfReferencesIsAnErrorNotAStackOverflow() {
    List<Segment> chain = new ArrayList<>();
    for (int i = 0; i < 5_000; i++) {
      chain.add(saved("s-" + i, i == 4_999 ? tag("lead") : inSegment("s-" + (i + 1))));
    }
    EvaluationContext ctx = EvaluationContext.at(NOW).withSegments(SegmentRegistry.of(chain));
    assertThatThrownBy(() -> sample().evaluate(inSegment("s-0"), ctx))
        .isInstanceOf(InvalidSegmentException.class)
        .hasMessage("/where/segment: segment reference chain s-0 -> s-1 -> s-2 -> s-3 -> ... is 5000 "
            + "segments long; at most 64 are allowed");
    // a chain within the limit works
    assertThat(sample().evaluate(inSegment("s-4950"), ctx).ids()).containsExactly("a", "b", "c");
  }

  @Test
  void problemsSurviveSerialization() throws Exception {
    InvalidSegmentException e = new InvalidSegmentException("/where/tag", "must not be empty");
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    try (java.io.ObjectOutputStream out = new java.io.ObjectOutputStream(bytes)) {
      out.writeObject(e);
    }
    try (java.io.ObjectInputStream in = new java.io.ObjectInputStream(
        new java.io.ByteArrayInputStream(bytes.toByteArray()))) {
      assertThat(((InvalidSegmentException) in.readObject()).problems())
          .containsExactly(new InvalidSegmentException.Problem("/where/tag", "must not be empty"));
    }
  }
}
