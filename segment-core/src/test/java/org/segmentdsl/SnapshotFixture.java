package org.segmentdsl;

import static org.segmentdsl.dsl.Conditions.account;
import static org.segmentdsl.dsl.Conditions.all;
import static org.segmentdsl.dsl.Conditions.any;
import static org.segmentdsl.dsl.Conditions.booleanField;
import static org.segmentdsl.dsl.Conditions.dateField;
import static org.segmentdsl.dsl.Conditions.datetimeField;
import static org.segmentdsl.dsl.Conditions.deal;
import static org.segmentdsl.dsl.Conditions.event;
import static org.segmentdsl.dsl.Conditions.field;
import static org.segmentdsl.dsl.Conditions.geoField;
import static org.segmentdsl.dsl.Conditions.inSegment;
import static org.segmentdsl.dsl.Conditions.list;
import static org.segmentdsl.dsl.Conditions.not;
import static org.segmentdsl.dsl.Conditions.numberField;
import static org.segmentdsl.dsl.Conditions.prop;
import static org.segmentdsl.dsl.Conditions.tag;
import static org.segmentdsl.dsl.Conditions.tagStartsWith;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.segmentdsl.condition.Condition;

/**
 * A deterministic index for the snapshot tests: contacts with tags, lists, a field of every
 * {@link FieldType} and an account link, events with string, number and boolean properties,
 * deals and accounts with fields of every type, a few contacts removed (one added back, which
 * keeps its first place), and saved segments that reference each other.
 */
final class SnapshotFixture {
  static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

  static final Schema SCHEMA = Schema.builder()
      .contactField("country", FieldType.STRING)
      .contactField("company_size", FieldType.NUMBER)
      .contactField("signup_date", FieldType.DATE)
      .contactField("last_seen", FieldType.DATETIME)
      .contactField("vip", FieldType.BOOLEAN)
      .contactField("home", FieldType.GEO)
      .contactField("round", FieldType.NUMBER)
      .dealField("stage", FieldType.STRING)
      .dealField("value", FieldType.NUMBER)
      .dealField("close_date", FieldType.DATE)
      .dealField("updated", FieldType.DATETIME)
      .dealField("won", FieldType.BOOLEAN)
      .dealField("site", FieldType.GEO)
      .accountField("industry", FieldType.STRING)
      .accountField("employees", FieldType.NUMBER)
      .accountField("founded", FieldType.DATE)
      .accountField("renewed", FieldType.DATETIME)
      .accountField("active", FieldType.BOOLEAN)
      .accountField("hq", FieldType.GEO)
      .build();

  static final EvaluationContext CTX = EvaluationContext.at(NOW);

  private static final List<String> TAGS = List.of("interest-crm", "interest-erp",
      "status-customer", "status-lead", "source-webinar", "vip", "Ünïcode-tag", "x");
  private static final List<String> COUNTRIES = List.of("US", "us", "FR", "DE", "", "Ísland");
  private static final List<String> EVENT_TYPES = List.of("email_open", "email_click",
      "purchase", "page.visit");
  private static final List<String> STAGES = List.of("Qualified", "Proposal", "Won", "Lost");

  private SnapshotFixture() {}

  /** Saved segments, one referencing another, one with metadata. */
  static SegmentRegistry savedSegments() {
    Segment engaged = Segment.builder().id("engaged").name("Engaged")
        .where(event("email_click").atLeast(1).inLast(Duration.ofDays(30))).build();
    Segment usBuyers = Segment.builder().id("us-buyers").name("US buyers")
        .description("engaged US contacts with a purchase over 50")
        .where(all(field("country").eq("US"), inSegment("engaged"),
            event("purchase").where(prop("amount").gt(50))))
        .metadata("x-owner", "{\"team\":\"growth\"}").build();
    Segment bigDeals = Segment.builder().id("big-deals")
        .where(deal(all(numberField("value").gte(10_000), not(field("stage").eq("Lost")))))
        .build();
    return SegmentRegistry.of(engaged, usBuyers, bigDeals);
  }

  /** Conditions that together read every part of the fixture. */
  static List<Condition> probes() {
    return List.of(
        tag("interest-crm"), tagStartsWith("status-"), tag("Ünïcode-tag"),
        list("newsletter").subscribed(), list("promo").anyStatus(),
        field("country").eq("US"), field("country").ignoringCase().eq("us"),
        numberField("company_size").between(10, 500), dateField("signup_date").inLast(
            Period.ofDays(365)), datetimeField("last_seen").inLast(Duration.ofDays(7)),
        booleanField("vip").isTrue(), geoField("home").withinKm(48.85, 2.35, 1000),
        numberField("round").isSet(),
        event("email_open").atLeast(2), event("purchase").where(prop("first").eq(true)),
        event("page.visit").where(prop("campaign").eq("spring-sale")).inLast(Duration.ofDays(90)),
        deal(field("stage").eq("Won")), deal(booleanField("won").isFalse()),
        deal(geoField("site").withinKm(40.7, -74.0, 500)),
        deal(datetimeField("updated").inLast(Duration.ofDays(60))),
        account(field("industry").eq("SaaS")), account(numberField("employees").gt(100)),
        account(dateField("founded").lt(LocalDate.of(2000, 1, 1))),
        account(booleanField("active").isTrue()), account(geoField("hq").withinKm(0, 0, 5000)),
        account(datetimeField("renewed").isSet()),
        inSegment("engaged"), inSegment("us-buyers"), inSegment("big-deals"),
        any(not(tag("x")), inSegment("big-deals")));
  }

  /** An index of {@code contacts} contacts, about {@code eventsPerContact} events each. */
  static ContactIndex build(int contacts, int eventsPerContact, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    ContactIndex index = ContactIndex.create(SCHEMA);
    int accounts = Math.max(3, contacts / 100);
    index.update(b -> {
      for (int a = 0; a < accounts; a++) {
        b.upsertAccount(newAccount("acct-" + a, rnd));
      }
    });
    int batch = 2_000;
    for (int from = 0; from < contacts; from += batch) {
      int to = Math.min(contacts, from + batch);
      int first = from;
      index.update(b -> {
        for (int i = first; i < to; i++) {
          String id = "c-" + i;
          b.upsert(newContact(id, accounts, rnd));
          int events = rnd.nextInt(2 * eventsPerContact + 1);
          for (int e = 0; e < events; e++) {
            b.record(newEvent(id, rnd));
          }
          if (rnd.nextInt(3) == 0) {
            b.upsertDeal(newDeal("d-" + i, id, rnd));
          }
        }
      });
    }
    // removed contacts: their ids keep their places, and one comes back in its first place
    int every = Math.max(2, Math.min(17, contacts / 3));
    index.update(b -> {
      for (int i = 5; i < contacts; i += every) {
        b.remove("c-" + i);
      }
      if (contacts > 5) {
        b.upsert(newContact("c-5", accounts, rnd));
        b.record(newEvent("c-5", rnd));
      }
    });
    return index;
  }

  static Contact newContact(String id, int accounts, SplittableRandom rnd) {
    Contact.Builder c = Contact.builder(id);
    for (int t = rnd.nextInt(4); t > 0; t--) {
      c.tags(TAGS.get(rnd.nextInt(TAGS.size())));
    }
    if (rnd.nextBoolean()) {
      c.list("newsletter", ListStatus.values()[rnd.nextInt(ListStatus.values().length)]);
    }
    if (rnd.nextInt(3) == 0) {
      c.list("promo", ListStatus.values()[rnd.nextInt(ListStatus.values().length)]);
    }
    if (rnd.nextInt(10) < 8) {
      c.field("country", COUNTRIES.get(rnd.nextInt(COUNTRIES.size())));
    }
    if (rnd.nextInt(10) < 7) {
      c.field("company_size", rnd.nextInt(5) == 0 ? -0.0 : rnd.nextInt(1000) + 0.5 * rnd.nextInt(2));
    }
    if (rnd.nextInt(10) < 7) {
      c.field("signup_date", LocalDate.of(2026, 11, 28).minusDays(rnd.nextInt(800)));
    }
    if (rnd.nextInt(10) < 7) {
      c.field("last_seen", NOW.minusSeconds(rnd.nextLong(30 * 86_400L)).plusNanos(
          1_000L * rnd.nextInt(1_000_000)));
    }
    if (rnd.nextBoolean()) {
      c.field("vip", rnd.nextBoolean());
    }
    if (rnd.nextInt(10) < 6) {
      c.field("home", new GeoPoint(rnd.nextDouble() * 180 - 90, rnd.nextDouble() * 360 - 180));
    }
    if (rnd.nextInt(10) < 6) {
      c.account("acct-" + rnd.nextInt(accounts));
    }
    return c.build();
  }

  static Event newEvent(String contact, SplittableRandom rnd) {
    Map<String, Object> props = new LinkedHashMap<>();
    if (rnd.nextBoolean()) {
      props.put("campaign", rnd.nextBoolean() ? "spring-sale" : "cmp-" + rnd.nextInt(20));
    }
    if (rnd.nextBoolean()) {
      props.put("amount", rnd.nextInt(200) + 0.25 * rnd.nextInt(4));
    }
    if (rnd.nextInt(4) == 0) {
      props.put("first", rnd.nextBoolean());
    }
    Instant at = NOW.minusSeconds(rnd.nextLong(400 * 86_400L)).plusNanos(
        1_000L * rnd.nextInt(1_000_000));
    return Event.of(contact, EVENT_TYPES.get(rnd.nextInt(EVENT_TYPES.size())), at, props);
  }

  static Deal newDeal(String id, String contact, SplittableRandom rnd) {
    Deal.Builder d = Deal.builder(id, contact)
        .field("stage", STAGES.get(rnd.nextInt(STAGES.size())))
        .field("value", rnd.nextInt(40) * 500.0);
    if (rnd.nextBoolean()) {
      d.field("close_date", LocalDate.of(2026, 6, 1).plusDays(rnd.nextInt(365)));
    }
    if (rnd.nextBoolean()) {
      d.field("updated", NOW.minusSeconds(rnd.nextLong(120 * 86_400L)));
    }
    if (rnd.nextBoolean()) {
      d.field("won", rnd.nextBoolean());
    }
    if (rnd.nextBoolean()) {
      d.field("site", new GeoPoint(40 + rnd.nextDouble(), -75 + rnd.nextDouble()));
    }
    return d.build();
  }

  static Account newAccount(String id, SplittableRandom rnd) {
    return Account.builder(id)
        .field("industry", rnd.nextBoolean() ? "SaaS" : "Retail")
        .field("employees", rnd.nextInt(500))
        .field("founded", LocalDate.of(1980 + rnd.nextInt(45), 1 + rnd.nextInt(12), 1))
        .field("renewed", rnd.nextBoolean() ? NOW.minusSeconds(rnd.nextLong(86_400L * 365)) : null)
        .field("active", rnd.nextBoolean())
        .field("hq", new GeoPoint(rnd.nextDouble() * 20 - 10, rnd.nextDouble() * 20 - 10))
        .build();
  }

  /**
   * What a segment evaluation gives on each probe, with the saved segments: the ordered ids of
   * every probe, for comparing two indexes.
   */
  static List<List<String>> answers(ContactIndex index, SegmentRegistry segments) {
    return answers(index.snapshot(), segments);
  }

  /** The same on one snapshot. */
  static List<List<String>> answers(IndexSnapshot snapshot, SegmentRegistry segments) {
    EvaluationContext ctx = CTX.withSegments(segments);
    List<List<String>> out = new ArrayList<>();
    for (Condition c : probes()) {
      out.add(List.copyOf(snapshot.evaluate(c, ctx).ids()));
    }
    return out;
  }
}
