package org.segmentdsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.segmentdsl.dsl.Conditions.tag;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a snapshot reads back of contacts, deals, accounts and events, and what recording loses;
 * random histories against the reference are {@code reference.ReadBackMatchesReferenceTest}.
 */
class ReadBackTest {
  static final Schema SCHEMA = Schema.builder()
      .contactField("country", FieldType.STRING)
      .contactField("size", FieldType.NUMBER)
      .contactField("signup", FieldType.DATE)
      .contactField("last_login", FieldType.DATETIME)
      .contactField("vip", FieldType.BOOLEAN)
      .contactField("location", FieldType.GEO)
      .dealField("stage", FieldType.STRING)
      .dealField("value", FieldType.NUMBER)
      .accountField("industry", FieldType.STRING)
      .build();

  static final EvaluationContext CTX = EvaluationContext.at(Instant.parse("2026-11-28T12:00:00Z"));

  private static ContactIndex index() {
    ContactIndex index = ContactIndex.create(SCHEMA);
    index.update(b -> b
        .upsertAccount(Account.builder("acme").field("industry", "SaaS").build())
        .upsert(Contact.builder("c-1").tags("vip", "a-tag", "Zed")
            .list("promo", ListStatus.BOUNCED).list("newsletter", ListStatus.SUBSCRIBED)
            .field("vip", true).field("location", new GeoPoint(-0.0, 180))
            .field("size", 120).field("country", "")
            .field("last_login", OffsetDateTime.of(2026, 11, 27, 23, 30, 0, 123_456_789,
                ZoneOffset.ofHours(1)))
            .field("signup", LocalDate.of(2024, 2, 29)).account("acme").build())
        .upsert(Contact.builder("c-2").field("size", -0.0).build())
        .upsertDeal(Deal.builder("d-2", "c-1").field("value", 7).build())
        .upsertDeal(Deal.builder("d-1", "c-1").field("stage", "Won").build()));
    return index;
  }

  @Test
  void aContactComesBackWithTypedValuesInSchemaOrderAndSortedNames() {
    Contact c = index().contact("c-1").orElseThrow();
    assertThat(c.id()).isEqualTo("c-1");
    assertThat(new ArrayList<>(c.tags())).containsExactly("Zed", "a-tag", "vip");
    assertThat(new ArrayList<>(c.lists().keySet())).containsExactly("newsletter", "promo");
    assertThat(c.lists()).containsEntry("promo", ListStatus.BOUNCED);
    assertThat(new ArrayList<>(c.fields().keySet()))
        .containsExactly("country", "size", "signup", "last_login", "vip", "location");
    assertThat(c.fields()).containsEntry("country", "")
        .containsEntry("size", 120.0) // a Double, whatever Number was given
        .containsEntry("signup", LocalDate.of(2024, 2, 29))
        // an Instant to the microsecond: the offset and the nanoseconds are gone
        .containsEntry("last_login", Instant.parse("2026-11-27T22:30:00.123456Z"))
        .containsEntry("vip", true)
        .containsEntry("location", new GeoPoint(-0.0, 180));
    assertThat(c.account()).isEqualTo("acme");
    assertThat(index().contact("c-2").orElseThrow().fields()).containsEntry("size", 0.0);
  }

  @Test
  void upsertingAContactReadBackChangesNothing() {
    ContactIndex index = index();
    IndexSnapshot before = index.snapshot();
    Contact c = before.contact("c-1").orElseThrow();
    IndexSnapshot after = index.upsert(c);
    assertThat(after.contact("c-1")).contains(c);
    assertThat(after.dealsOf("c-1")).isEqualTo(before.dealsOf("c-1"));
    assertThat(after.evaluate(tag("vip"), CTX).ids()).containsExactly("c-1");
    // the snapshot read before is immutable: it answers as it did
    assertThat(before.contact("c-1")).contains(c);
  }

  @Test
  void dealsAndAccountsComeBackAsStored() {
    ContactIndex index = index();
    assertThat(index.deal("d-1")).contains(Deal.builder("d-1", "c-1").field("stage", "Won").build());
    assertThat(index.deal("d-2").orElseThrow().fields()).isEqualTo(Map.of("value", 7.0));
    assertThat(index.dealsOf("c-1")).extracting(Deal::id).containsExactly("d-2", "d-1");
    assertThat(index.dealIds()).containsExactly("d-2", "d-1");
    assertThat(index.dealsOf("c-2")).isEmpty();
    assertThat(index.account("acme")).contains(Account.builder("acme").field("industry", "SaaS")
        .build());
    assertThat(index.accountIds()).containsExactly("acme");
    // a deal changed later keeps its place: the order is the order deals were first added
    index.update(b -> b.upsertDeal(Deal.builder("d-2", "c-1").field("value", 8).build()));
    assertThat(index.dealsOf("c-1")).extracting(Deal::id).containsExactly("d-2", "d-1");
  }

  @Test
  void eventsComeBackInTimeOrderWithWhatRecordingKept() {
    ContactIndex index = index();
    Instant t = Instant.parse("2026-11-20T14:03:00Z");
    Map<String, Object> props = new LinkedHashMap<>();
    props.put("url", "https://example.com");
    props.put("amount", 3);
    props.put("zero", -0.0);
    props.put("first", true);
    index.update(b -> b
        .record(Event.of("c-1", "open", t.plusSeconds(60)))
        .record(Event.of("c-1", "open", t, Map.of("n", 2)))
        .record(Event.of("c-1", "click", t.plusNanos(1_999), props))
        .record(Event.of("c-1", "open", t, Map.of("n", 1))));
    List<Event> events = index.events("c-1");
    assertThat(events).containsExactly(
        Event.of("c-1", "open", t, Map.of("n", 2.0)), // same type, same instant: recording order
        Event.of("c-1", "open", t, Map.of("n", 1.0)),
        Event.of("c-1", "click", t.plusNanos(1_000),
            Map.of("amount", 3.0, "first", true, "url", "https://example.com", "zero", 0.0)),
        Event.of("c-1", "open", t.plusSeconds(60)));
    assertThat(new ArrayList<>(events.get(2).props().keySet()))
        .containsExactly("amount", "first", "url", "zero");
    assertThat(events.get(2).at()).isEqualTo(Instant.parse("2026-11-20T14:03:00.000001Z"));
    assertThat(events.get(2).props().get("amount")).isInstanceOf(Double.class);
    // events of different types at one instant: in the order of the types' names
    index.update(b -> b.record(Event.of("c-2", "b", t)).record(Event.of("c-2", "a", t)));
    assertThat(index.events("c-2")).extracting(Event::type).containsExactly("a", "b");
    index.dropEventsBefore(t.plusSeconds(1));
    assertThat(index.events("c-1")).containsExactly(Event.of("c-1", "open", t.plusSeconds(60)));
  }

  @Test
  void rowsMapBackToIdsInIndexOrder() {
    ContactIndex index = index();
    index.update(b -> b.upsert(Contact.builder("c-3").tags("vip").build()));
    SegmentResult vips = index.evaluate(tag("vip"), CTX);
    IndexSnapshot old = index.snapshot();
    assertThat(old.ids(vips.bitmap())).isEqualTo(vips.ids()).containsExactly("c-1", "c-3");
    assertThat(old.contactIds()).containsExactly("c-1", "c-2", "c-3");
    index.remove("c-1");
    // the row of a contact removed since holds no contact: left out
    assertThat(index.ids(vips.bitmap())).containsExactly("c-3");
    assertThat(index.id(0)).isEmpty();
    assertThat(old.id(0)).contains("c-1");
    // a contact added again keeps its first place
    index.upsert(Contact.builder("c-1").build());
    assertThat(index.contactIds()).containsExactly("c-1", "c-2", "c-3");
    assertThat(index.id(0)).contains("c-1");
  }

  @Test
  void unknownIdsAndRowsReadBackAsNothing() {
    ContactIndex index = index();
    assertThat(index.contact("nobody")).isEmpty();
    assertThat(index.deal("nobody")).isEmpty();
    assertThat(index.account("nobody")).isEmpty();
    assertThat(index.dealsOf("nobody")).isEmpty();
    assertThat(index.events("nobody")).isEmpty();
    assertThat(index.id(-1)).isEmpty();
    assertThat(index.id(1_000)).isEmpty();
  }
}
