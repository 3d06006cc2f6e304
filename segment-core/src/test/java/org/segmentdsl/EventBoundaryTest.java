package org.segmentdsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.segmentdsl.dsl.Conditions.all;
import static org.segmentdsl.dsl.Conditions.event;
import static org.segmentdsl.dsl.Conditions.not;
import static org.segmentdsl.dsl.Conditions.prop;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.segmentdsl.condition.Condition;
import org.segmentdsl.condition.EventWindow;
import org.segmentdsl.dsl.Conditions;

/** Each rule of segment-format.md 3.5 at its edge. */
class EventBoundaryTest {
  static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
  static final EvaluationContext UTC = EvaluationContext.at(NOW);
  static final Duration D14 = Duration.ofDays(14);

  private final ContactIndex index = ContactIndex.create(Schema.builder().build());

  private void contacts(String... ids) {
    index.update(b -> {
      for (String id : ids) {
        b.upsert(Contact.builder(id).build());
      }
    });
  }

  private void click(String id, Instant at, Map<String, ?> props) {
    index.record(Event.of(id, "email_click", at, props));
  }

  private List<String> ids(Condition c, EvaluationContext ctx) {
    return index.evaluate(c, ctx).ids();
  }

  @Test
  void lastWindowExcludesItsStartInstantAndIncludesNow() {
    contacts("edge", "afterEdge", "now", "future");
    Instant edge = NOW.minus(D14);
    click("edge", edge, Map.of());
    click("afterEdge", edge.plusNanos(1000), Map.of());
    click("now", NOW, Map.of());
    click("future", NOW.plusNanos(1000), Map.of());
    assertThat(ids(event("email_click").inLast(D14), UTC)).containsExactly("afterEdge", "now");
    assertThat(ids(event("email_click"), UTC)).containsExactly("edge", "afterEdge", "now", "future");
  }

  @Test
  void lastWindowEdgeInTheMiddleOfADayIsRefinedAgainstRealTimes() {
    contacts("morning", "evening", "wholeDayInside");
    Instant edge = NOW.minus(D14); // 2026-11-14T12:00Z
    click("morning", Instant.parse("2026-11-14T11:59:59.999Z"), Map.of());
    click("evening", Instant.parse("2026-11-14T12:00:00.001Z"), Map.of());
    click("wholeDayInside", Instant.parse("2026-11-20T00:00:00Z"), Map.of());
    assertThat(edge).isEqualTo(Instant.parse("2026-11-14T12:00:00Z"));
    assertThat(ids(event("email_click").inLast(D14), UTC))
        .containsExactly("evening", "wholeDayInside");
    assertThat(ids(event("email_click").atLeast(1).atMost(5).inLast(D14), UTC))
        .containsExactly("evening", "wholeDayInside");
  }

  @Test
  void fromIsInclusiveAndToExclusive() {
    contacts("atFrom", "beforeFrom", "beforeTo", "atTo");
    Instant from = Instant.parse("2026-11-01T00:00:00Z");
    Instant to = Instant.parse("2026-11-08T00:00:00Z");
    click("atFrom", from, Map.of());
    click("beforeFrom", from.minusNanos(1000), Map.of());
    click("beforeTo", to.minusNanos(1000), Map.of());
    click("atTo", to, Map.of());
    assertThat(ids(event("email_click").between(from, to), UTC))
        .containsExactly("atFrom", "beforeTo");
    assertThat(ids(event("email_click").within(EventWindow.Range.of(from, null)), UTC))
        .containsExactly("atFrom", "beforeTo", "atTo");
    assertThat(ids(event("email_click").within(EventWindow.Range.of(null, to)), UTC))
        .containsExactly("atFrom", "beforeFrom", "beforeTo");
    // the DSL's one-sided windows are those ranges
    assertThat(event("email_click").since(from))
        .isEqualTo(event("email_click").within(EventWindow.Range.of(from, null)));
    assertThat(event("email_click").before(to))
        .isEqualTo(event("email_click").within(EventWindow.Range.of(null, to)));
    assertThat(ids(event("email_click").since(from), UTC))
        .containsExactly("atFrom", "beforeTo", "atTo");
    assertThat(ids(event("email_click").before(to), UTC))
        .containsExactly("atFrom", "beforeFrom", "beforeTo");
  }

  @Test
  void ignoringCaseOnAPropertyFilterThatCannotTakeItIsRefusedNotDropped() {
    assertThat(prop("campaign").ignoringCase().contains("Spring").ignoreCase()).isTrue();
    assertThatThrownBy(
        () -> prop("campaign").ignoringCase().eq("Spring"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("prop \"campaign\": ignoringCase() applies to contains, notContains, "
            + "startsWith and endsWith only, not to eq");
    assertThatThrownBy(
        () -> prop("campaign").ignoringCase().isSet())
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void windowsInDaysAreExactDaysOf24Hours() {
    assertThat(event("email_click").inLast(Conditions.days(14)))
        .isEqualTo(event("email_click").inLast(Duration.ofDays(14)));
    assertThat(event("email_click").inLast(java.time.Period.ofWeeks(2)))
        .isEqualTo(event("email_click").inLast(Duration.ofDays(14)));
    assertThatThrownBy(
        () -> event("email_click").inLast(java.time.Period.ofMonths(1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("months or years");
  }

  @Test
  void bareDatesAreMidnightInTheContextZone() {
    contacts("utcMorning", "nyMorning");
    click("utcMorning", Instant.parse("2026-11-01T02:00:00Z"), Map.of()); // 31 Oct in New York
    click("nyMorning", Instant.parse("2026-11-01T06:00:00Z"), Map.of()); // 1 Nov in New York
    Condition november = event("email_click")
        .within(EventWindow.Range.of(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 12, 1)));
    assertThat(ids(november, UTC)).containsExactly("utcMorning", "nyMorning");
    assertThat(ids(november, UTC.withZone(ZoneId.of("America/New_York"))))
        .containsExactly("nyMorning");
    Condition dsl = event("email_click").between(LocalDate.of(2026, 11, 1), LocalDate.of(2026, 12, 1));
    assertThat(dsl).isEqualTo(november);
    assertThat(ids(event("email_click").since(LocalDate.of(2026, 11, 1)),
        UTC.withZone(ZoneId.of("America/New_York")))).containsExactly("nyMorning");
    assertThat(ids(event("email_click").before(LocalDate.of(2026, 11, 1)),
        UTC.withZone(ZoneId.of("America/New_York")))).containsExactly("utcMorning");
  }

  @Test
  void atMostZeroMatchesContactsWithoutAnyEvent() {
    contacts("never", "old", "recent");
    click("old", NOW.minus(Duration.ofDays(100)), Map.of());
    click("recent", NOW.minus(Duration.ofDays(1)), Map.of());
    assertThat(ids(event("email_click").never().inLast(Duration.ofDays(90)), UTC))
        .containsExactly("never", "old");
    assertThat(ids(event("email_click").never(), UTC)).containsExactly("never");
    assertThat(ids(event("webinar_attended").never(), UTC))
        .containsExactly("never", "old", "recent");
    assertThat(ids(event("webinar_attended"), UTC)).isEmpty();
  }

  @Test
  void countsAreExactAndBothBoundsHold() {
    contacts("one", "two", "three");
    for (int i = 0; i < 3; i++) {
      for (int k = 0; k <= i; k++) {
        click(List.of("one", "two", "three").get(i), NOW.minus(Duration.ofHours(k + 1)), Map.of());
      }
    }
    assertThat(ids(event("email_click").atLeast(2), UTC)).containsExactly("two", "three");
    assertThat(ids(event("email_click").atMost(2), UTC)).containsExactly("one", "two");
    assertThat(ids(event("email_click").atLeast(2).atMost(2), UTC)).containsExactly("two");
    assertThat(ids(event("email_click").atLeast(0), UTC)).containsExactly("one", "two", "three");
    assertThat(ids(event("email_click").atLeast(2).inLast(Duration.ofMinutes(90)), UTC)).isEmpty();
    assertThat(ids(event("email_click").atLeast(2).inLast(Duration.ofMinutes(150)), UTC))
        .containsExactly("two", "three");
    assertThat(ids(event("email_click").atLeast(3).inLast(Duration.ofMinutes(150)), UTC)).isEmpty();
  }

  @Test
  void filtersMustHoldOnTheSameEventThatIsCounted() {
    contacts("same", "split");
    click("same", NOW.minusSeconds(10), Map.of("campaign", "spring-sale", "amount", 150));
    click("split", NOW.minusSeconds(10), Map.of("campaign", "spring-sale", "amount", 5));
    click("split", NOW.minusSeconds(20), Map.of("campaign", "other", "amount", 500));
    Condition both = event("email_click").where(prop("campaign").eq("spring-sale"),
        prop("amount").gte(100));
    assertThat(ids(both, UTC)).containsExactly("same");
  }

  @Test
  void aPropertyOfTheWrongTypeNeverMatches() {
    contacts("bool", "num", "str");
    click("bool", NOW, Map.of("flag", true));
    click("num", NOW, Map.of("flag", 1));
    click("str", NOW, Map.of("flag", "1"));
    assertThat(ids(event("email_click").where(prop("flag").eq(1)), UTC)).containsExactly("num");
    assertThat(ids(event("email_click").where(prop("flag").eq(true)), UTC)).containsExactly("bool");
    assertThat(ids(event("email_click").where(prop("flag").eq("1")), UTC)).containsExactly("str");
    assertThat(ids(event("email_click").where(prop("flag").gte(0)), UTC)).containsExactly("num");
    assertThat(ids(event("email_click").where(prop("flag").in(1, 2)), UTC)).containsExactly("num");
    assertThat(ids(event("email_click").where(prop("flag").contains("1")), UTC))
        .containsExactly("str");
    // of another type is neq; notContains needs a string
    assertThat(ids(event("email_click").where(prop("flag").neq(1)), UTC))
        .containsExactly("bool", "str");
    assertThat(ids(event("email_click").where(prop("flag").notContains("x")), UTC))
        .containsExactly("str");
  }

  @Test
  void neqAndNotInNeedThePropertyToBePresent() {
    contacts("with", "without");
    click("with", NOW, Map.of("campaign", "a"));
    click("without", NOW, Map.of());
    assertThat(ids(event("email_click").where(prop("campaign").neq("b")), UTC))
        .containsExactly("with");
    assertThat(ids(event("email_click").where(prop("campaign").notIn("b")), UTC))
        .containsExactly("with");
    assertThat(ids(event("email_click").where(prop("campaign").isNotSet()), UTC))
        .containsExactly("without");
    assertThat(ids(event("email_click").where(prop("campaign").eq("")), UTC)).isEmpty();
  }

  @Test
  void numbersCompareNumericallyAndIgnoreCaseAppliesToPatterns() {
    contacts("a", "b");
    click("a", NOW, Map.of("amount", -0.0, "url", "https://x.com/Pricing"));
    click("b", NOW, Map.of("amount", 100.5, "url", "https://x.com/blog"));
    assertThat(ids(event("email_click").where(prop("amount").eq(0)), UTC)).containsExactly("a");
    assertThat(ids(event("email_click").where(prop("amount").between(0, 100.5)), UTC))
        .containsExactly("a", "b");
    assertThat(ids(event("email_click").where(prop("url").contains("/pricing")), UTC)).isEmpty();
    assertThat(ids(event("email_click").where(prop("url").ignoringCase().contains("/pricing")),
        UTC)).containsExactly("a");
  }

  @Test
  void eventTypesAreCaseSensitive() {
    contacts("a");
    click("a", NOW, Map.of());
    assertThat(ids(event("Email_Click"), UTC)).isEmpty();
  }

  @Test
  void abandonedCartIsCheckoutWithoutPurchase() {
    contacts("abandoned", "bought", "idle");
    index.update(b -> b
        .record(Event.of("abandoned", "checkout_started", NOW.minus(Duration.ofHours(3))))
        .record(Event.of("bought", "checkout_started", NOW.minus(Duration.ofHours(3))))
        .record(Event.of("bought", "purchase", NOW.minus(Duration.ofHours(2)))));
    Condition abandoned = all(event("checkout_started").inLast(Duration.ofDays(1)),
        not(event("purchase").inLast(Duration.ofDays(1))));
    assertThat(ids(abandoned, UTC)).containsExactly("abandoned");
    assertThat(index.explain(abandoned, UTC).toString()).isEqualTo("""
        all: 1
          event "checkout_started" last P1D: 2
          not: 2
            event "purchase" last P1D: 1
        total: 1""");
  }

  @Test
  void removingAContactRemovesItsEventsAndDroppingOldEventsForgetsThem() {
    contacts("a", "b");
    click("a", NOW.minus(Duration.ofDays(400)), Map.of());
    click("a", NOW.minus(Duration.ofDays(1)), Map.of());
    click("b", NOW.minus(Duration.ofDays(400)), Map.of());
    index.dropEventsBefore(NOW.minus(Duration.ofDays(365)));
    assertThat(ids(event("email_click"), UTC)).containsExactly("a");
    assertThat(ids(event("email_click").atLeast(2), UTC)).isEmpty();
    index.update(b -> b.remove("a").upsert(Contact.builder("a").build()));
    assertThat(ids(event("email_click"), UTC)).isEmpty();
    assertThat(ids(event("email_click").never(), UTC)).containsExactly("a", "b");
  }

  @Test
  void eventsRecordedBeforeARemoveInTheSameBatchGoWithTheContact() {
    contacts("old");
    Instant day = NOW.minus(Duration.ofDays(1));
    index.update(b -> b
        // a contact the index holds: its events are staged by row
        .record(Event.of("old", "email_open", day))
        .remove("old")
        .upsert(Contact.builder("old").build())
        .record(Event.of("old", "email_click", day))
        // a contact new in this batch: its events are staged by id until it has a row
        .upsert(Contact.builder("new").build())
        .record(Event.of("new", "email_open", day))
        .remove("new")
        .upsert(Contact.builder("new").build())
        .record(Event.of("new", "email_click", day))
        .record(Event.of("new", "email_click", day.plusSeconds(1))));
    assertThat(ids(event("email_open"), UTC)).isEmpty();
    assertThat(ids(event("email_click").atLeast(2), UTC)).containsExactly("new");
    assertThat(ids(event("email_click").atMost(1), UTC)).containsExactly("old");
  }

  @Test
  void badEventsAreRefusedAndChangeNothing() {
    contacts("a");
    IndexSnapshot before = index.snapshot();
    assertThatThrownBy(() -> index.update(b -> b.record(Event.of("a", "ok", NOW))
        .record(Event.of("ghost", "email_click", NOW))))
        .isInstanceOf(InvalidContactException.class)
        .hasMessage("contact \"ghost\": record: no such contact");
    assertThatThrownBy(() -> Event.of("a", "", NOW)).hasMessageContaining("non-empty type");
    assertThatThrownBy(() -> Event.of("a", "x", NOW, Map.of("p", List.of(1))))
        .isInstanceOf(InvalidContactException.class)
        .hasMessageContaining("property \"p\" must be a string, a finite number or a boolean");
    assertThat(index.snapshot()).isSameAs(before);
    assertThat(ids(event("ok"), UTC)).isEmpty();
  }

  @Test
  void windowsAndCountsAreCheckedWhereTheyAreGiven() {
    assertThatThrownBy(() -> event("x").atLeast(3).atMost(2))
        .hasMessageContaining("atLeast must not exceed atMost");
    assertThatThrownBy(() -> event("x").between(NOW, NOW)).hasMessageContaining("from < to");
    assertThatThrownBy(() -> prop("x").between(2, 1)).hasMessageContaining("lo <= hi");
    assertThatThrownBy(() -> event("x").inLast(Duration.ZERO))
        .hasMessageContaining("longer than zero");
  }

  @Test
  void aMixedWindowReversedInTheContextZoneIsAnErrorAtEvaluation() {
    contacts("a");
    Condition c = event("x").within(new EventWindow.Range(
        new org.segmentdsl.condition.Literal.Text("2026-11-28"),
        new org.segmentdsl.condition.Literal.Text("2026-11-28T03:00:00Z")));
    assertThat(ids(c, UTC)).isEmpty();
    assertThatThrownBy(() -> ids(event("x").within(new EventWindow.Range(
        new org.segmentdsl.condition.Literal.Text("2026-11-29"),
        new org.segmentdsl.condition.Literal.Text("2026-11-28T12:00:00Z"))), UTC))
        .hasMessage("/where/within: window needs from < to, got from 2026-11-29T00:00:00Z and to "
            + "2026-11-28T12:00:00Z in zone UTC");
    // midnight of the 28th in New York is 05:00Z, after the "to" instant
    assertThatThrownBy(() -> ids(c, UTC.withZone(ZoneId.of("America/New_York"))))
        .isInstanceOf(InvalidSegmentException.class)
        .hasMessageStartingWith("/where/within: window needs from < to");
  }
}
