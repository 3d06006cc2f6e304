package org.segmentdsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.segmentdsl.dsl.Conditions.all;
import static org.segmentdsl.dsl.Conditions.booleanField;
import static org.segmentdsl.dsl.Conditions.dateField;
import static org.segmentdsl.dsl.Conditions.datetimeField;
import static org.segmentdsl.dsl.Conditions.field;
import static org.segmentdsl.dsl.Conditions.geoField;
import static org.segmentdsl.dsl.Conditions.list;
import static org.segmentdsl.dsl.Conditions.not;
import static org.segmentdsl.dsl.Conditions.numberField;
import static org.segmentdsl.dsl.Conditions.tag;
import static org.segmentdsl.dsl.Conditions.tagContains;
import static org.segmentdsl.dsl.Conditions.tagEndsWith;
import static org.segmentdsl.dsl.Conditions.tagStartsWith;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.segmentdsl.condition.Condition;

/** Each operator of segment-format.md 3.1-3.4 at its boundary. */
class FieldBoundaryTest {
  static final Schema SCHEMA = Schema.builder()
      .contactField("country", FieldType.STRING)
      .contactField("size", FieldType.NUMBER)
      .contactField("day", FieldType.DATE)
      .contactField("at", FieldType.DATETIME)
      .contactField("vip", FieldType.BOOLEAN)
      .contactField("location", FieldType.GEO)
      .build();

  static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");
  static final EvaluationContext UTC = EvaluationContext.at(NOW);

  /** Builds an index of contacts each with one field set (or none), keyed by id. */
  private static ContactIndex index(String field, Map<String, Object> values) {
    ContactIndex index = ContactIndex.create(SCHEMA);
    index.update(b -> {
      values.forEach((id, v) -> b.upsert(Contact.builder(id).field(field, v).build()));
      b.upsert(Contact.builder("unset").build());
    });
    return index;
  }

  private static Map<String, Object> values(Object... idValue) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < idValue.length; i += 2) {
      m.put((String) idValue[i], idValue[i + 1]);
    }
    return m;
  }

  private static List<String> ids(ContactIndex index, Condition c, EvaluationContext ctx) {
    return index.evaluate(c, ctx).ids();
  }

  @Test
  void betweenIncludesBothBounds() {
    ContactIndex index = index("size", values("lo", 10, "mid", 15, "hi", 20, "below", 9.999,
        "above", 20.001));
    assertThat(ids(index, numberField("size").between(10, 20), UTC))
        .containsExactly("lo", "mid", "hi");
  }

  @Test
  void strictAndInclusiveComparisonsDifferOnlyAtTheValue() {
    ContactIndex index = index("size", values("a", 49, "b", 50, "c", 51));
    assertThat(ids(index, numberField("size").gt(50), UTC)).containsExactly("c");
    assertThat(ids(index, numberField("size").gte(50), UTC)).containsExactly("b", "c");
    assertThat(ids(index, numberField("size").lt(50), UTC)).containsExactly("a");
    assertThat(ids(index, numberField("size").lte(50), UTC)).containsExactly("a", "b");
  }

  @Test
  void neqExcludesUnsetContacts() {
    ContactIndex index = index("country", values("us", "US", "de", "DE"));
    assertThat(ids(index, field("country").neq("US"), UTC)).containsExactly("de");
    assertThat(ids(index, field("country").notIn("US"), UTC)).containsExactly("de");
    assertThat(ids(index, field("country").notContains("U"), UTC)).containsExactly("de");
    assertThat(ids(index, not(field("country").eq("US")), UTC)).containsExactly("de", "unset");
  }

  @Test
  void isNotSetIsTheOnlyOperatorMatchingUnsetContacts() {
    ContactIndex index = index("country", values("us", "US", "empty", ""));
    assertThat(ids(index, field("country").isNotSet(), UTC)).containsExactly("unset");
    assertThat(ids(index, field("country").isSet(), UTC)).containsExactly("us", "empty");
    assertThat(ids(index, field("country").eq(""), UTC)).containsExactly("empty");
  }

  @Test
  void negativeZeroEqualsZero() {
    ContactIndex index = index("size", values("neg", -0.0, "pos", 0.0, "one", 1));
    assertThat(ids(index, numberField("size").eq(0), UTC)).containsExactly("neg", "pos");
    assertThat(ids(index, numberField("size").eq(-0.0), UTC)).containsExactly("neg", "pos");
    assertThat(ids(index, numberField("size").lt(0), UTC)).isEmpty();
    assertThat(ids(index, numberField("size").in(-0.0, 1), UTC)).containsExactly("neg", "pos", "one");
  }

  @Test
  void inLastOnADateFieldExcludesTodayMinusNAndIncludesTodayMinusNPlusOne() {
    LocalDate today = LocalDate.of(2026, 11, 28);
    ContactIndex index = index("day", values("minus30", today.minusDays(30), "minus29",
        today.minusDays(29), "today", today, "tomorrow", today.plusDays(1)));
    assertThat(ids(index, dateField("day").inLast(Period.ofDays(30)), UTC))
        .containsExactly("minus29", "today");
    assertThat(ids(index, dateField("day").olderThan(Period.ofDays(30)), UTC))
        .containsExactly("minus30");
    assertThat(ids(index, dateField("day").inNext(Period.ofDays(1)), UTC)).containsExactly("today");
    assertThat(ids(index, dateField("day").inNext(Period.ofDays(2)), UTC))
        .containsExactly("today", "tomorrow");
  }

  @Test
  void aZoneWestOfUtcMovesTodayBack() {
    // 2026-11-28T03:00Z is still 27 November in New York
    Instant early = Instant.parse("2026-11-28T03:00:00Z");
    ContactIndex index = index("day", values("d27", LocalDate.of(2026, 11, 27), "d28",
        LocalDate.of(2026, 11, 28)));
    Condition onlyToday = dateField("day").inLast(Period.ofDays(1));
    assertThat(ids(index, onlyToday, EvaluationContext.at(early))).containsExactly("d28");
    assertThat(ids(index, onlyToday,
        EvaluationContext.of(early, ZoneId.of("America/New_York")))).containsExactly("d27");
  }

  @Test
  void aBareDateBoundOnADatetimeFieldIsMidnightInTheContextZone() {
    ContactIndex index = index("at", values(
        "utcMidnight", Instant.parse("2026-11-28T00:00:00Z"),
        "nyMidnight", Instant.parse("2026-11-28T05:00:00Z"),
        "justBeforeNy", Instant.parse("2026-11-28T04:59:59.999999Z")));
    Condition sinceThe28th = datetimeField("at").gte(LocalDate.of(2026, 11, 28));
    assertThat(ids(index, sinceThe28th, UTC))
        .containsExactly("utcMidnight", "nyMidnight", "justBeforeNy");
    assertThat(ids(index, sinceThe28th, UTC.withZone(ZoneId.of("America/New_York"))))
        .containsExactly("nyMidnight");
  }

  @Test
  void inLastOnADatetimeFieldExcludesTheStartInstantAndIncludesNow() {
    Instant edge = NOW.minus(Duration.ofDays(14));
    ContactIndex index = index("at", values("edge", edge,
        "afterEdge", edge.plusNanos(1000), "now", NOW, "future", NOW.plusNanos(1000),
        "inASecond", NOW.plusSeconds(1)));
    assertThat(ids(index, datetimeField("at").inLast(Duration.ofDays(14)), UTC))
        .containsExactly("afterEdge", "now");
    assertThat(ids(index, datetimeField("at").olderThan(Duration.ofDays(14)), UTC))
        .containsExactly("edge");
    assertThat(ids(index, datetimeField("at").inNext(Duration.ofSeconds(1)), UTC))
        .containsExactly("now", "future");
  }

  @Test
  void datetimeValuesAreKeptToTheMicrosecond() {
    ContactIndex index = index("at", values("a", Instant.parse("2026-01-01T00:00:00.0000019Z")));
    assertThat(ids(index, datetimeField("at").eq(Instant.parse("2026-01-01T00:00:00.000001Z")),
        UTC)).containsExactly("a");
    // a bound between two microseconds: v > 1.5us means v >= 2us
    assertThat(ids(index, datetimeField("at").gt(Instant.parse("2026-01-01T00:00:00.0000005Z")),
        UTC)).containsExactly("a");
    assertThat(ids(index, datetimeField("at").eq(Instant.parse("2026-01-01T00:00:00.0000015Z")),
        UTC)).isEmpty();
  }

  @Test
  void anniversaryOf29FebruaryIsOn28FebruaryInANonLeapYear() {
    ContactIndex index = index("day", values("leapling", LocalDate.of(2024, 2, 29),
        "feb28", LocalDate.of(2001, 2, 28), "mar1", LocalDate.of(2020, 3, 1)));
    Condition anniversary = dateField("day").anniversary();
    EvaluationContext feb28NonLeap = EvaluationContext.at(Instant.parse("2027-02-28T10:00:00Z"));
    EvaluationContext feb28Leap = EvaluationContext.at(Instant.parse("2028-02-28T10:00:00Z"));
    EvaluationContext feb29Leap = EvaluationContext.at(Instant.parse("2028-02-29T10:00:00Z"));
    EvaluationContext mar1NonLeap = EvaluationContext.at(Instant.parse("2027-03-01T10:00:00Z"));
    assertThat(ids(index, anniversary, feb28NonLeap)).containsExactly("leapling", "feb28");
    assertThat(ids(index, anniversary, feb28Leap)).containsExactly("feb28");
    assertThat(ids(index, anniversary, feb29Leap)).containsExactly("leapling");
    assertThat(ids(index, anniversary, mar1NonLeap)).containsExactly("mar1");
  }

  @Test
  void anniversaryFollowsTheContextZone() {
    ContactIndex index = index("day", values("nov27", LocalDate.of(1990, 11, 27)));
    Instant early = Instant.parse("2026-11-28T03:00:00Z");
    assertThat(ids(index, dateField("day").anniversary(), EvaluationContext.at(early))).isEmpty();
    assertThat(ids(index, dateField("day").anniversary(),
        EvaluationContext.of(early, ZoneId.of("America/New_York")))).containsExactly("nov27");
  }

  @Test
  void ignoreCaseComparesBothSidesInLowerCase() {
    ContactIndex index = index("country", values("upper", "US", "lower", "us", "other", "DE"));
    assertThat(ids(index, field("country").eq("us"), UTC)).containsExactly("lower");
    assertThat(ids(index, field("country").ignoringCase().eq("uS"), UTC))
        .containsExactly("upper", "lower");
    assertThat(ids(index, field("country").ignoringCase().neq("Us"), UTC)).containsExactly("other");
    assertThat(ids(index, field("country").ignoringCase().in("de", "xx"), UTC))
        .containsExactly("other");
    assertThat(ids(index, field("country").ignoringCase().startsWith("u"), UTC))
        .containsExactly("upper", "lower");
  }

  @Test
  void stringPatternsMatchByCharacter() {
    ContactIndex index = index("country", values("a", "United States", "b", "united kingdom"));
    assertThat(ids(index, field("country").startsWith("United"), UTC)).containsExactly("a");
    assertThat(ids(index, field("country").endsWith("dom"), UTC)).containsExactly("b");
    assertThat(ids(index, field("country").contains("ted"), UTC)).containsExactly("a", "b");
  }

  @Test
  void tagOperatorsMatchAnyCarriedTag() {
    ContactIndex index = ContactIndex.create(SCHEMA);
    index.update(b -> b
        .upsert(Contact.builder("crm").tags("interest-crm", "Source-Webinar").build())
        .upsert(Contact.builder("seo").tags("interest-seo").build())
        .upsert(Contact.builder("none").build()));
    assertThat(ids(index, tag("interest-crm"), UTC)).containsExactly("crm");
    assertThat(ids(index, tag("INTEREST-CRM"), UTC)).isEmpty();
    assertThat(ids(index, tag("INTEREST-CRM").ignoringCase(), UTC)).containsExactly("crm");
    assertThat(ids(index, tagStartsWith("interest-"), UTC)).containsExactly("crm", "seo");
    assertThat(ids(index, tagEndsWith("-webinar").ignoringCase(), UTC)).containsExactly("crm");
    assertThat(ids(index, tagContains("e"), UTC)).containsExactly("crm", "seo");
  }

  @Test
  void listStatusDefaultsToSubscribedAndAnyStatusTakesAll() {
    ContactIndex index = ContactIndex.create(SCHEMA);
    index.update(b -> b
        .upsert(Contact.builder("sub").list("news", ListStatus.SUBSCRIBED).build())
        .upsert(Contact.builder("unsub").list("news", ListStatus.UNSUBSCRIBED).build())
        .upsert(Contact.builder("bounced").list("news", ListStatus.BOUNCED).build())
        .upsert(Contact.builder("other").list("promo", ListStatus.SUBSCRIBED).build()));
    assertThat(ids(index, list("news").subscribed(), UTC)).containsExactly("sub");
    assertThat(ids(index, list("news").bounced(), UTC)).containsExactly("bounced");
    assertThat(ids(index, list("news").unconfirmed(), UTC)).isEmpty();
    assertThat(ids(index, list("news").anyStatus(), UTC)).containsExactly("sub", "unsub", "bounced");
    index.update(b -> b.setListStatus("sub", "news", ListStatus.UNSUBSCRIBED).leaveList("unsub", "news"));
    assertThat(ids(index, list("news").anyStatus(), UTC)).containsExactly("sub", "bounced");
    assertThat(ids(index, list("news").unsubscribed(), UTC)).containsExactly("sub");
  }

  @Test
  void booleanNeqMeansTheOtherValue() {
    ContactIndex index = index("vip", values("yes", true, "no", false));
    assertThat(ids(index, booleanField("vip").isTrue(), UTC)).containsExactly("yes");
    assertThat(ids(index, booleanField("vip").neq(true), UTC)).containsExactly("no");
    assertThat(ids(index, booleanField("vip").isSet(), UTC)).containsExactly("yes", "no");
  }

  @Test
  void geoPointJustInsideTheRadiusMatchesAndJustOutsideDoesNot() {
    // along a meridian one degree of latitude is exactly R * pi / 180 km
    double kmPerDegree = GeoPoint.EARTH_RADIUS_KM * Math.PI / 180;
    double radiusKm = 50;
    double degrees = radiusKm / kmPerDegree;
    ContactIndex index = index("location", values(
        "inside", new GeoPoint(40.0 + degrees - 1e-6, -74.0),
        "outside", new GeoPoint(40.0 + degrees + 1e-6, -74.0),
        "far", new GeoPoint(-33.9, 151.2)));
    assertThat(ids(index, geoField("location").withinKm(40.0, -74.0, radiusKm), UTC))
        .containsExactly("inside");
    assertThat(ids(index, geoField("location").withinMiles(40.0, -74.0, radiusKm / 1.609344), UTC))
        .containsExactly("inside");
  }

  @Test
  void geoCircleAcrossTheAntimeridianFindsPointsOnBothSides() {
    ContactIndex index = index("location", values(
        "east", new GeoPoint(-17.0, 179.9), "west", new GeoPoint(-17.0, -179.9),
        "away", new GeoPoint(-17.0, 170.0)));
    assertThat(ids(index, geoField("location").withinKm(-17.0, 180.0, 50), UTC))
        .containsExactly("east", "west");
    assertThat(ids(index, geoField("location").withinKm(-17.0, -180.0, 50), UTC))
        .containsExactly("east", "west");
  }

  @Test
  void geoCircleAroundAPoleTakesEveryLongitude() {
    ContactIndex index = index("location", values(
        "a", new GeoPoint(89.9, 0), "b", new GeoPoint(89.9, 180), "c", new GeoPoint(80, 90)));
    assertThat(ids(index, geoField("location").withinKm(90, 0, 100), UTC)).containsExactly("a", "b");
  }

  @Test
  void emptyGroupsFoldToEveryoneAndNoOne() {
    ContactIndex index = index("country", values("us", "US"));
    assertThat(ids(index, all(), UTC)).containsExactly("us", "unset");
    assertThat(ids(index, not(all()), UTC)).isEmpty();
    assertThat(ids(index, all(field("country").eq("US"), not(org.segmentdsl.dsl.Conditions.any())),
        UTC)).containsExactly("us");
  }
}
