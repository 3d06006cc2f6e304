package org.segmentdsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.segmentdsl.dsl.Conditions.all;
import static org.segmentdsl.dsl.Conditions.dateField;
import static org.segmentdsl.dsl.Conditions.datetimeField;
import static org.segmentdsl.dsl.Conditions.days;
import static org.segmentdsl.dsl.Conditions.deal;
import static org.segmentdsl.dsl.Conditions.event;
import static org.segmentdsl.dsl.Conditions.field;
import static org.segmentdsl.dsl.Conditions.inSegment;
import static org.segmentdsl.dsl.Conditions.not;
import static org.segmentdsl.dsl.Conditions.tag;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.segmentdsl.condition.Condition;

/**
 * Live segments at the edges of time (live-segments.md section 1, segment-format.md 3.4 and 3.5):
 * each window entered and left exactly at its edge, to the microsecond, in the segment's zone,
 * across daylight-saving changes and 29 February; and the batches whose report is easy to get
 * wrong: a member removed, a contact removed and added back in one batch.
 */
class LiveSegmentsTimeTest {
  private static final ZoneId UTC = ZoneOffset.UTC;
  private static final ZoneId KOLKATA = ZoneId.of("Asia/Kolkata");
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static final Duration MICRO = Duration.ofNanos(1000);

  private static final Schema SCHEMA = Schema.builder()
      .contactField("day", FieldType.DATE)
      .contactField("at", FieldType.DATETIME)
      .dealField("stage", FieldType.STRING)
      .dealField("closeDate", FieldType.DATE)
      .dealField("closedAt", FieldType.DATETIME)
      .build();

  /** One listener's notifications; a resync never comes with a direct executor and a big queue. */
  private static final class Recorder implements SegmentListener {
    private final List<SegmentChange> changes = new ArrayList<>();

    @Override
    public void onChange(SegmentChange change) {
      changes.add(change);
    }

    @Override
    public void onResync(SegmentResync resync) {
      throw new AssertionError("unexpected resync " + resync);
    }

    /** Asserts that the last step reported nothing. */
    void nothing() {
      assertThat(changes).as("notifications of the last step").isEmpty();
    }

    /** Asserts that the last step reported exactly this one change, and forgets it. */
    SegmentChange one(List<String> entered, List<String> exited) {
      assertThat(changes).as("notifications of the last step").hasSize(1);
      SegmentChange c = changes.remove(0);
      assertThat(c.entered()).as("entered").containsExactlyElementsOf(entered);
      assertThat(c.exited()).as("exited").containsExactlyElementsOf(exited);
      assertThat(c.enteredRows().getCardinality()).isEqualTo(entered.size());
      assertThat(c.exitedRows().getCardinality()).isEqualTo(exited.size());
      return c;
    }
  }

  private static LiveSegments live(ContactIndex index, Instant start) {
    return live(index, start, SegmentRegistry.empty());
  }

  private static LiveSegments live(ContactIndex index, Instant start, SegmentRegistry saved) {
    return LiveSegments.builder(index).clock(Clock.fixed(start, UTC)).segments(saved)
        .executor(Runnable::run).build();
  }

  private static Recorder watch(LiveSegments live, String key, Condition c, ZoneId zone) {
    Recorder r = new Recorder();
    live.register(key, Segment.of(c), zone, r);
    return r;
  }

  private static List<String> members(LiveSegments live, String key) {
    return live.segments().stream().filter(s -> s.key().equals(key)).findFirst().orElseThrow()
        .members().ids();
  }

  /** The instant a calendar day starts in a zone. */
  private static Instant midnight(String date, ZoneId zone) {
    return LocalDate.parse(date).atStartOfDay(zone).toInstant();
  }

  @Test
  void anEventLeavesTheLastSevenDaysExactlyAtTheEdge() {
    Instant t = Instant.parse("2026-11-20T10:15:30.123456Z");
    Duration week = Duration.ofDays(7);
    ContactIndex index = ContactIndex.create(SCHEMA);
    index.update(b -> b.upsert(Contact.builder("c-1").build())
        .upsert(Contact.builder("c-2").build())
        .record(Event.of("c-1", "open", t))
        .record(Event.of("c-2", "open", t.plus(MICRO))));
    try (LiveSegments live = live(index, t)) {
      Recorder opened = watch(live, "opened", event("open").inLast(week), UTC);
      assertThat(members(live, "opened")).containsExactly("c-1"); // now - 7d < t <= now

      live.advanceTo(t.plus(MICRO)); // c-2's event is no longer in the future
      opened.one(List.of("c-2"), List.of());
      live.advanceTo(t.plus(MICRO)); // a zero-length tick
      opened.nothing();

      live.advanceTo(t.plus(week).minus(MICRO));
      opened.nothing();
      live.advanceTo(t.plus(week).minusNanos(1)); // now - 7d is still before t
      opened.nothing();
      live.advanceTo(t.plus(week)); // now - 7d == t: out
      opened.one(List.of(), List.of("c-1"));
      live.advanceTo(t.plus(week).plus(MICRO));
      opened.one(List.of(), List.of("c-2"));
      assertThat(members(live, "opened")).isEmpty();
    }
  }

  @Test
  void aDateInTheLastThirtyDaysChangesAtMidnightInTheSegmentsZone() {
    ContactIndex index = ContactIndex.create(SCHEMA);
    index.update(b -> b.upsert(Contact.builder("c-1").field("day", LocalDate.of(2026, 10, 1))
        .build()).upsert(Contact.builder("c-2").field("day", LocalDate.of(2026, 10, 31)).build()));
    Instant kolkataMidnight = midnight("2026-10-31", KOLKATA); // 2026-10-30T18:30:00Z
    try (LiveSegments live = live(index, kolkataMidnight.minus(MICRO))) {
      Condition recent = dateField("day").inLast(days(30)); // today - 30 < day <= today
      Recorder kolkata = watch(live, "kolkata", recent, KOLKATA);
      Recorder utc = watch(live, "utc", recent, UTC);
      assertThat(members(live, "kolkata")).containsExactly("c-1");
      assertThat(members(live, "utc")).containsExactly("c-1");

      live.advanceTo(kolkataMidnight); // 31 October in Kolkata, still the 30th in UTC
      kolkata.one(List.of("c-2"), List.of("c-1"));
      utc.nothing();

      live.advanceTo(midnight("2026-10-31", UTC).minus(MICRO));
      kolkata.nothing();
      utc.nothing();
      live.advanceTo(midnight("2026-10-31", UTC));
      kolkata.nothing();
      utc.one(List.of("c-2"), List.of("c-1"));
    }
  }

  @Test
  void anniversaryOnTheTwentyEighthOfFebruaryOfACommonYearTakesLeapDayBirthdays() {
    ContactIndex index = ContactIndex.create(SCHEMA);
    index.update(b -> b
        .upsert(Contact.builder("leap").field("day", LocalDate.of(2000, 2, 29)).build())
        .upsert(Contact.builder("feb28").field("day", LocalDate.of(1990, 2, 28)).build())
        .upsert(Contact.builder("mar1").field("day", LocalDate.of(1985, 3, 1)).build()));
    try (LiveSegments live = live(index, midnight("2027-02-27", BERLIN).plusSeconds(43_200))) {
      Recorder birthdays = watch(live, "birthdays", dateField("day").anniversary(), BERLIN);
      assertThat(members(live, "birthdays")).isEmpty();

      live.advanceTo(midnight("2027-02-28", BERLIN).minus(MICRO));
      birthdays.nothing();
      live.advanceTo(midnight("2027-02-28", BERLIN)); // 2027 has no 29 February
      birthdays.one(List.of("leap", "feb28"), List.of());
      live.advanceTo(midnight("2027-03-01", BERLIN).minus(MICRO));
      birthdays.nothing();
      live.advanceTo(midnight("2027-03-01", BERLIN));
      birthdays.one(List.of("mar1"), List.of("leap", "feb28"));

      live.advanceTo(midnight("2028-02-28", BERLIN)); // a leap year: the 28th is only the 28th
      birthdays.one(List.of("feb28"), List.of("mar1"));
      live.advanceTo(midnight("2028-02-29", BERLIN));
      birthdays.one(List.of("leap"), List.of("feb28"));
      live.advanceTo(midnight("2028-03-01", BERLIN));
      birthdays.one(List.of("mar1"), List.of("leap"));
    }
  }

  @Test
  void aCalendarDayFollowsDaylightSavingTimeWhileADayOfADatetimeWindowIs24Hours() {
    // 8 March 2026 in New York has 23 hours: 05:00Z (EST) to 04:00Z next day (EDT)
    ContactIndex index = ContactIndex.create(SCHEMA);
    Instant at = Instant.parse("2026-03-08T05:00:00Z");
    index.update(b -> b.upsert(Contact.builder("c-1").field("day", LocalDate.of(2026, 3, 8))
        .build()).upsert(Contact.builder("c-2").field("at", at).build()));
    try (LiveSegments live = live(index, at.minus(MICRO))) {
      Recorder today = watch(live, "today", dateField("day").inLast(days(1)), NEW_YORK);
      Recorder lastDay = watch(live, "last-day", datetimeField("at").inLast(Duration.ofDays(1)),
          NEW_YORK);

      live.advanceTo(at); // midnight in New York, and c-2's instant
      today.one(List.of("c-1"), List.of());
      lastDay.one(List.of("c-2"), List.of());

      live.advanceTo(Instant.parse("2026-03-09T04:00:00Z").minus(MICRO)); // 23:59:59.999999 EDT
      today.nothing();
      lastDay.nothing();
      live.advanceTo(Instant.parse("2026-03-09T04:00:00Z")); // 9 March in New York, 23 h later
      today.one(List.of(), List.of("c-1"));
      lastDay.nothing();

      live.advanceTo(at.plus(Duration.ofDays(1)).minus(MICRO));
      lastDay.nothing();
      live.advanceTo(at.plus(Duration.ofDays(1))); // 24 hours, not the local day
      lastDay.one(List.of(), List.of("c-2"));
    }
  }

  @Test
  void aCalendarDayLasts25HoursWhenBerlinFallsBack() {
    // 25 October 2026 in Berlin: 22:00Z the day before (CEST) to 23:00Z (CET)
    ContactIndex index = ContactIndex.create(SCHEMA);
    index.update(b -> b.upsert(Contact.builder("c-1").field("day", LocalDate.of(2026, 10, 25))
        .build()));
    Instant start = Instant.parse("2026-10-24T22:00:00Z");
    try (LiveSegments live = live(index, start.minus(MICRO))) {
      Recorder today = watch(live, "today", dateField("day").inLast(days(1)), BERLIN);
      live.advanceTo(start);
      today.one(List.of("c-1"), List.of());
      live.advanceTo(Instant.parse("2026-10-25T01:00:00Z")); // the first 02:00 CEST -> 02:00 CET
      today.nothing();
      live.advanceTo(Instant.parse("2026-10-25T22:59:59.999999Z"));
      today.nothing();
      live.advanceTo(Instant.parse("2026-10-25T23:00:00Z"));
      today.one(List.of(), List.of("c-1"));
    }
  }

  @Test
  void olderThanOnADatetimeTakesTheEdgeInstantToTheMicrosecond() {
    Instant v = Instant.parse("2026-05-01T08:00:00.000001Z");
    Duration span = Duration.ofHours(36);
    ContactIndex index = ContactIndex.create(SCHEMA);
    index.update(b -> b.upsert(Contact.builder("c-1").field("at", v).build())
        .upsert(Contact.builder("c-2").field("at", v.plus(MICRO)).build()));
    try (LiveSegments live = live(index, v.plus(span).minus(MICRO))) {
      Recorder old = watch(live, "old", datetimeField("at").olderThan(span), KOLKATA);
      assertThat(members(live, "old")).isEmpty();

      live.advanceTo(v.plus(span).minusNanos(1)); // v <= now - 36h does not hold yet
      old.nothing();
      live.advanceTo(v.plus(span)); // v == now - 36h
      old.one(List.of("c-1"), List.of());
      live.advanceTo(v.plus(span).plusNanos(999));
      old.nothing();
      live.advanceTo(v.plus(span).plus(MICRO));
      old.one(List.of("c-2"), List.of());
    }
  }

  @Test
  void aDealsDateWindowMovesItsOwnerInAndOut() {
    ContactIndex index = ContactIndex.create(SCHEMA);
    index.update(b -> b.upsert(Contact.builder("c-1").build())
        .upsert(Contact.builder("c-2").build())
        .upsert(Contact.builder("c-3").build())
        .upsertDeal(Deal.builder("d-1", "c-1").field("closeDate", LocalDate.of(2026, 12, 10))
            .build())
        .upsertDeal(Deal.builder("d-3", "c-3").field("stage", "won")
            .field("closedAt", Instant.parse("2026-12-03T12:00:00Z")).build())
        .upsertDeal(Deal.builder("d-4", "c-2").field("stage", "lost")
            .field("closedAt", Instant.parse("2026-12-03T12:00:00Z")).build()));
    try (LiveSegments live = live(index, midnight("2026-12-04", UTC).minus(MICRO))) {
      // today <= closeDate < today + 7: from 4 to 10 December
      Recorder closing = watch(live, "closing", deal(dateField("closeDate").inNext(days(7))),
          UTC);
      // both on the same deal: won, and closed in the last two days
      Recorder won = watch(live, "won", deal(all(field("stage").eq("won"),
          datetimeField("closedAt").inLast(Duration.ofDays(2)))), UTC);
      assertThat(members(live, "closing")).isEmpty();
      assertThat(members(live, "won")).containsExactly("c-3");

      live.advanceTo(midnight("2026-12-04", UTC));
      closing.one(List.of("c-1"), List.of());
      won.nothing();

      index.update(b -> b.upsertDeal(Deal.builder("d-1", "c-2")
          .field("closeDate", LocalDate.of(2026, 12, 10)).build())); // the deal changes hands
      closing.one(List.of("c-2"), List.of("c-1"));
      won.nothing();

      live.advanceTo(Instant.parse("2026-12-05T12:00:00Z").minus(MICRO));
      won.nothing();
      live.advanceTo(Instant.parse("2026-12-05T12:00:00Z"));
      won.one(List.of(), List.of("c-3"));

      live.advanceTo(midnight("2026-12-10", UTC).plus(Duration.ofHours(23)));
      closing.nothing();
      live.advanceTo(midnight("2026-12-11", UTC));
      closing.one(List.of(), List.of("c-2"));
    }
  }

  @Test
  void aSegmentReferencingATimeRelativeSavedSegmentFollowsItsBatchesAndTicks() {
    Instant now = Instant.parse("2026-12-01T09:00:00Z");
    ContactIndex index = ContactIndex.create(SCHEMA);
    index.update(b -> b.upsert(Contact.builder("c-1").tags("vip").build())
        .upsert(Contact.builder("c-2").tags("vip").build())
        .upsert(Contact.builder("c-3").build())
        .record(Event.of("c-1", "purchase", now.minus(Duration.ofDays(1))))
        .record(Event.of("c-3", "purchase", now.minus(Duration.ofDays(1)))));
    SegmentRegistry saved = SegmentRegistry.of(Segment.builder().id("recent-buyers")
        .where(event("purchase").inLast(Duration.ofDays(3))).build());
    try (LiveSegments live = live(index, now, saved)) {
      Recorder buyers = watch(live, "vip-buyers", all(tag("vip"), inSegment("recent-buyers")),
          BERLIN);
      Recorder lapsed = watch(live, "lapsed-vips",
          all(tag("vip"), not(inSegment("recent-buyers"))), BERLIN);
      // alone, the reference is evaluated over the whole index at registration
      Recorder all = watch(live, "all-buyers", inSegment("recent-buyers"), UTC);
      assertThat(members(live, "vip-buyers")).containsExactly("c-1");
      assertThat(members(live, "lapsed-vips")).containsExactly("c-2");
      assertThat(members(live, "all-buyers")).containsExactly("c-1", "c-3");

      index.record(Event.of("c-2", "purchase", now));
      buyers.one(List.of("c-2"), List.of());
      lapsed.one(List.of(), List.of("c-2"));
      all.one(List.of("c-2"), List.of());

      live.advanceTo(now.plus(Duration.ofDays(2)).minus(MICRO));
      buyers.nothing();
      lapsed.nothing();
      live.advanceTo(now.plus(Duration.ofDays(2))); // c-1's purchase is 3 days old
      buyers.one(List.of(), List.of("c-1"));
      lapsed.one(List.of("c-1"), List.of());
      all.one(List.of(), List.of("c-1", "c-3"));

      index.update(b -> b.addTag("c-3", "vip")); // its purchase is as old as c-1's
      buyers.nothing();
      lapsed.one(List.of("c-3"), List.of());
      live.advanceTo(now.plus(Duration.ofDays(3)));
      buyers.one(List.of(), List.of("c-2"));
      lapsed.one(List.of("c-2"), List.of());
      all.one(List.of(), List.of("c-2"));
    }
  }

  @Test
  void aMemberRemovedFromTheIndexExits() {
    Instant now = Instant.parse("2026-12-01T09:00:00Z");
    ContactIndex index = ContactIndex.create(SCHEMA);
    index.update(b -> b.upsert(Contact.builder("c-1").tags("vip").build())
        .upsert(Contact.builder("c-2").tags("vip").build())
        .upsert(Contact.builder("c-3").build())
        .record(Event.of("c-2", "open", now)));
    try (LiveSegments live = live(index, now)) {
      Recorder vips = watch(live, "vips", tag("vip"), UTC);
      Recorder quiet = watch(live, "quiet", event("open").never(), UTC);
      LiveSegment vipSegment = live.segments().get(0);
      int row = vipSegment.members().bitmap().toArray()[0];

      index.remove("c-1");
      SegmentChange exit = vips.one(List.of(), List.of("c-1"));
      assertThat(exit.exitedRows().toArray()).containsExactly(row);
      quiet.one(List.of(), List.of("c-1"));
      assertThat(vipSegment.members().ids()).containsExactly("c-2");

      index.remove("c-3"); // a member of "quiet" only
      vips.nothing();
      quiet.one(List.of(), List.of("c-3"));
      index.remove("c-3"); // no such contact: changes nothing
      vips.nothing();
      quiet.nothing();
    }
  }

  @Test
  void aContactRemovedAndAddedBackInOneBatchIsJudgedByBeforeAndAfter() {
    Instant now = Instant.parse("2026-12-01T09:00:00Z");
    ContactIndex index = ContactIndex.create(SCHEMA);
    index.update(b -> b.upsert(Contact.builder("c-1").tags("vip").build())
        .upsert(Contact.builder("c-2").build())
        .record(Event.of("c-1", "open", now)));
    try (LiveSegments live = live(index, now)) {
      Recorder vips = watch(live, "vips", tag("vip"), UTC);
      Recorder active = watch(live, "active", event("open").inLast(Duration.ofDays(7)), UTC);
      int row = live.segments().get(0).members().bitmap().toArray()[0];

      // a member before and after: nothing to report for "vips"; its events went with it
      index.update(b -> b.remove("c-1").upsert(Contact.builder("c-1").tags("vip").build()));
      vips.nothing();
      active.one(List.of(), List.of("c-1"));

      // not a member before, a member after: one entry, not an exit and an entry
      index.update(b -> b.remove("c-2").upsert(Contact.builder("c-2").tags("vip").build()));
      vips.one(List.of("c-2"), List.of());
      active.nothing();

      // a member before, not after: one exit, on the row it had all along
      index.update(b -> b.remove("c-1").upsert(Contact.builder("c-1").build())
          .record(Event.of("c-1", "open", now)));
      SegmentChange exit = vips.one(List.of(), List.of("c-1"));
      assertThat(exit.exitedRows().toArray()).containsExactly(row);
      active.one(List.of("c-1"), List.of());
    }
  }

  @Test
  void aRefusedBatchAZeroLengthTickAndAnEarlierInstantReportNothing() {
    Instant now = Instant.parse("2026-12-01T09:00:00Z");
    ContactIndex index = ContactIndex.create(SCHEMA);
    index.update(b -> b.upsert(Contact.builder("c-1").field("at", now).build()));
    try (LiveSegments live = live(index, now)) {
      Recorder recent = watch(live, "recent", datetimeField("at").inLast(Duration.ofHours(1)),
          UTC);
      assertThatThrownBy(() -> index.update(b -> b.upsert(Contact.builder("c-2").build())
          .setField("c-1", "at", null).addTag("nobody", "x")))
          .isInstanceOf(InvalidContactException.class);
      recent.nothing();
      live.advanceTo(now);
      recent.nothing();
      assertThatThrownBy(() -> live.advanceTo(now.minusNanos(1)))
          .isInstanceOf(IllegalArgumentException.class);
      recent.nothing();
      assertThat(live.now()).isEqualTo(now);
      assertThat(members(live, "recent")).containsExactly("c-1");
    }
  }
}
