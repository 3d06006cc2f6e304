package org.segmentdsl.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.segmentdsl.dsl.Conditions.account;
import static org.segmentdsl.dsl.Conditions.all;
import static org.segmentdsl.dsl.Conditions.any;
import static org.segmentdsl.dsl.Conditions.booleanField;
import static org.segmentdsl.dsl.Conditions.dateField;
import static org.segmentdsl.dsl.Conditions.datetimeField;
import static org.segmentdsl.dsl.Conditions.days;
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
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.segmentdsl.Segment;
import org.segmentdsl.condition.Condition;
import org.segmentdsl.condition.EventWindow;
import org.segmentdsl.condition.Literal;

/** For every kind of condition, the DSL and the JSON build equal segments. */
class DslJsonAgreementTest {
  static Arguments same(String kind, Condition dsl, String where) {
    return Arguments.of(kind, dsl, where);
  }

  static Stream<Arguments> pairs() {
    return Stream.of(
        same("all", all(tag("a"), tag("b")), "{\"all\": [{\"tag\": \"a\"}, {\"tag\": \"b\"}]}"),
        same("empty all", all(), "{\"all\": []}"),
        same("any", any(tag("a")), "{\"any\": [{\"tag\": \"a\"}]}"),
        same("not", not(tag("a")), "{\"not\": {\"tag\": \"a\"}}"),
        same("tag", tag("interest-crm"), "{\"tag\": \"interest-crm\"}"),
        same("tag pattern ignoring case", tagStartsWith("Interest-").ignoringCase(),
            "{\"tag\": \"Interest-\", \"op\": \"startsWith\", \"ignoreCase\": true}"),
        same("list", list("newsletter").subscribed(), "{\"list\": \"newsletter\"}"),
        same("list status", list("newsletter").bounced(),
            "{\"list\": \"newsletter\", \"status\": \"bounced\"}"),
        same("list any status", list("newsletter").anyStatus(),
            "{\"list\": \"newsletter\", \"status\": \"any\"}"),
        same("string field", field("country").ignoringCase().in("US", "CA"),
            "{\"field\": \"country\", \"op\": \"in\", \"value\": [\"US\", \"CA\"], "
                + "\"ignoreCase\": true}"),
        same("number field", numberField("size").between(50, 1000.5),
            "{\"field\": \"size\", \"op\": \"between\", \"value\": [50, 1000.5]}"),
        same("date field", dateField("signup").inLast(days(30)),
            "{\"field\": \"signup\", \"op\": \"inLast\", \"value\": \"P30D\"}"),
        same("date value", dateField("signup").gte(LocalDate.of(2026, 1, 31)),
            "{\"field\": \"signup\", \"op\": \"gte\", \"value\": \"2026-01-31\"}"),
        same("datetime field", datetimeField("seen").olderThan(Duration.ofHours(36)),
            "{\"field\": \"seen\", \"op\": \"olderThan\", \"value\": \"P1DT12H\"}"),
        same("datetime value", datetimeField("seen").lt(Instant.parse("2026-11-28T09:30:00Z")),
            "{\"field\": \"seen\", \"op\": \"lt\", \"value\": \"2026-11-28T09:30:00Z\"}"),
        same("boolean field", booleanField("vip").isTrue(),
            "{\"field\": \"vip\", \"op\": \"eq\", \"value\": true}"),
        same("geo field", geoField("home").withinMiles(40.71, -74.0, 25),
            "{\"field\": \"home\", \"op\": \"within\", \"value\": {\"lat\": 40.71, \"lon\": -74.0, "
                + "\"miles\": 25}}"),
        same("unset field", field("country").isNotSet(),
            "{\"field\": \"country\", \"op\": \"isNotSet\"}"),
        same("anniversary", dateField("birthday").anniversary(),
            "{\"field\": \"birthday\", \"op\": \"anniversary\"}"),
        same("event", event("email_click").where(prop("campaign").eq("spring-sale")).atLeast(2)
                .inLast(Duration.ofDays(14)),
            "{\"event\": \"email_click\", \"where\": [{\"prop\": \"campaign\", \"op\": \"eq\", "
                + "\"value\": \"spring-sale\"}], \"atLeast\": 2, \"within\": {\"last\": \"P14D\"}}"),
        same("event never", event("email_open").never().inLast(Duration.ofDays(90)),
            "{\"event\": \"email_open\", \"atMost\": 0, \"within\": {\"last\": \"P90D\"}}"),
        same("event between", event("purchase").where(prop("amount").gte(100))
                .within(new EventWindow.Range((Literal.Text) Literal.of(LocalDate.of(2026, 1, 1)),
                    (Literal.Text) Literal.of(Instant.parse("2026-02-01T00:00:00Z")))),
            "{\"event\": \"purchase\", \"where\": [{\"prop\": \"amount\", \"op\": \"gte\", "
                + "\"value\": 100}], \"within\": {\"from\": \"2026-01-01\", "
                + "\"to\": \"2026-02-01T00:00:00Z\"}}"),
        same("event pattern filter", event("page_visit").where(prop("url").ignoringCase()
                .contains("/Pricing")),
            "{\"event\": \"page_visit\", \"where\": [{\"prop\": \"url\", \"op\": \"contains\", "
                + "\"value\": \"/Pricing\", \"ignoreCase\": true}]}"),
        same("segment reference", inSegment("engaged-leads"), "{\"segment\": \"engaged-leads\"}"),
        same("deal", deal(all(field("stage").eq("Won"), numberField("value").gte(1000))),
            "{\"deal\": {\"all\": [{\"field\": \"stage\", \"op\": \"eq\", \"value\": \"Won\"}, "
                + "{\"field\": \"value\", \"op\": \"gte\", \"value\": 1000}]}}"),
        same("account", account(not(field("industry").eq("SaaS"))),
            "{\"account\": {\"not\": {\"field\": \"industry\", \"op\": \"eq\", "
                + "\"value\": \"SaaS\"}}}"),
        same("label", tag("a").withLabel("Leads"), "{\"tag\": \"a\", \"label\": \"Leads\"}"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("pairs")
  void theDslAndTheJsonBuildTheSameSegment(String kind, Condition dsl, String where) {
    Segment fromJson = SegmentJson.read("{\"format\": \"segment/v1\", \"id\": \"s\", "
        + "\"where\": " + where + "}");
    Segment fromDsl = Segment.builder().id("s").where(dsl).build();
    assertThat(fromJson).isEqualTo(fromDsl);
    assertThat(SegmentJson.read(SegmentJson.write(fromDsl))).isEqualTo(fromDsl);
  }
}
