package org.segmentdsl.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.segmentdsl.FieldType;
import org.segmentdsl.InvalidSegmentException.Problem;
import org.segmentdsl.Schema;
import org.segmentdsl.Segment;
import org.segmentdsl.SegmentRegistry;

/**
 * One named case per rule of the format's sections 2 to 4: the document is refused with a {@link
 * SegmentFormatException} whose first problem has exactly this JSON Pointer and a message that
 * says what is wrong.
 */
class BadSegmentTest {
  static final Schema SCHEMA = Schema.builder()
      .contactField("country", FieldType.STRING)
      .contactField("size", FieldType.NUMBER)
      .contactField("signup", FieldType.DATE)
      .contactField("home", FieldType.GEO)
      .dealField("stage", FieldType.STRING)
      .accountField("industry", FieldType.STRING)
      .build();

  static final SegmentRegistry SAVED = SegmentRegistry.of(
      Segment.builder().id("loop-a").where(new org.segmentdsl.condition.SegmentReference("loop-b"))
          .build(),
      Segment.builder().id("loop-b").where(new org.segmentdsl.condition.SegmentReference("loop-a"))
          .build(),
      Segment.builder().id("customers").where(new org.segmentdsl.condition.TagCondition("c"))
          .build());

  /** A document whose where is {@code where}. */
  static String doc(String where) {
    return "{\"format\": \"segment/v1\", \"where\": " + where + "}";
  }

  static Arguments bad(String rule, String json, String pointer, String message) {
    return Arguments.of(rule, json, pointer, message);
  }

  static Stream<Arguments> cases() {
    String deep = "{\"not\": ".repeat(33) + "{\"tag\": \"a\"}" + "}".repeat(33);
    String wide = "{\"any\": [" + "{\"tag\": \"a\"}, ".repeat(10_000) + "{\"tag\": \"a\"}]}";
    String manyValues = "[" + "1, ".repeat(10_000) + "1]";
    return Stream.of(
        // 2. Document
        bad("document is an object", "[1]", "", "a segment document is a JSON object, got an array"),
        bad("format is required", "{\"where\": {\"tag\": \"a\"}}", "", "\"format\" is required"),
        bad("format is segment/v1", "{\"format\": \"segment/v2\", \"where\": {\"tag\": \"a\"}}",
            "/format", "must be \"segment/v1\", got \"segment/v2\""),
        bad("format is a string", "{\"format\": 1, \"where\": {\"tag\": \"a\"}}", "/format",
            "must be \"segment/v1\", got 1"),
        bad("where is required", "{\"format\": \"segment/v1\"}", "", "\"where\" is required"),
        bad("unknown top-level key", "{\"format\": \"segment/v1\", \"nmae\": \"x\", "
            + "\"where\": {\"tag\": \"a\"}}", "/nmae", "unknown key"),
        bad("id pattern", "{\"format\": \"segment/v1\", \"id\": \"Leads\", \"where\": "
            + "{\"tag\": \"a\"}}", "/id", "must match [a-z0-9][a-z0-9._-]{0,127}, got \"Leads\""),
        bad("id length", "{\"format\": \"segment/v1\", \"id\": \"" + "a".repeat(129)
            + "\", \"where\": {\"tag\": \"a\"}}", "/id", "must match"),
        bad("id is a string", "{\"format\": \"segment/v1\", \"id\": 7, \"where\": {\"tag\": \"a\"}}",
            "/id", "expects a string, got 7"),
        bad("name length", "{\"format\": \"segment/v1\", \"name\": \"" + "n".repeat(201)
            + "\", \"where\": {\"tag\": \"a\"}}", "/name", "is 201 characters long; at most 200"),
        bad("name is a string", "{\"format\": \"segment/v1\", \"name\": [], \"where\": "
            + "{\"tag\": \"a\"}}", "/name", "expects a string, got an array"),
        bad("description length", "{\"format\": \"segment/v1\", \"description\": \""
            + "d".repeat(4001) + "\", \"where\": {\"tag\": \"a\"}}", "/description",
            "is 4001 characters long; at most 4000"),
        // 3. Strict JSON
        bad("no comments", "{\"format\": \"segment/v1\", /* c */ \"where\": {\"tag\": \"a\"}}", "",
            "malformed JSON"),
        bad("no trailing content", doc("{\"tag\": \"a\"}") + " {}", "",
            "unexpected content after the JSON value"),
        bad("no NaN", doc("{\"field\": \"size\", \"op\": \"eq\", \"value\": NaN}"), "",
            "malformed JSON"),
        bad("no single quotes", "{'format': 'segment/v1'}", "", "malformed JSON"),
        bad("no duplicate keys", "{\"format\": \"segment/v1\", \"format\": \"segment/v1\", "
            + "\"where\": {\"tag\": \"a\"}}", "", "duplicate key \"format\""),
        bad("one kind key", doc("{\"label\": \"x\"}"), "/where", "a condition needs one kind key"),
        bad("only one kind key", doc("{\"tag\": \"a\", \"list\": \"b\"}"), "/where",
            "exactly one kind key, got tag, list"),
        bad("label is a string", doc("{\"tag\": \"a\", \"label\": 5}"), "/where/label",
            "expects a string, got 5"),
        bad("label length", doc("{\"tag\": \"a\", \"label\": \"" + "l".repeat(201) + "\"}"),
            "/where/label", "at most 200"),
        bad("keys allowed for the kind", doc("{\"list\": \"a\", \"op\": \"eq\"}"), "/where/op",
            "unknown key for a list condition"),
        // 3.1 Boolean
        bad("all takes an array", doc("{\"all\": {\"tag\": \"a\"}}"), "/where/all",
            "expects an array of conditions, got an object"),
        bad("not takes one condition", doc("{\"not\": [{\"tag\": \"a\"}]}"), "/where/not",
            "a condition is a JSON object, got an array"),
        // 3.2 Tag
        bad("empty tag", doc("{\"tag\": \"\"}"), "/where/tag", "must not be empty"),
        bad("tag op", doc("{\"tag\": \"a\", \"op\": \"regex\"}"), "/where/op",
            "a tag op is eq, startsWith, endsWith or contains, got \"regex\""),
        bad("tag ignoreCase is a boolean", doc("{\"tag\": \"a\", \"ignoreCase\": \"yes\"}"),
            "/where/ignoreCase", "expects true or false"),
        // 3.3 List
        bad("list status", doc("{\"list\": \"news\", \"status\": \"active\"}"), "/where/status",
            "a list status is subscribed, unsubscribed, bounced, unconfirmed or any"),
        bad("list name is a string", doc("{\"list\": 3}"), "/where/list", "expects a string"),
        // 3.4 Field
        bad("op is required", doc("{\"field\": \"size\"}"), "/where", "\"op\" is required"),
        bad("unknown op", doc("{\"field\": \"size\", \"op\": \"greater\"}"), "/where/op",
            "unknown operator \"greater\""),
        bad("no value for isSet", doc("{\"field\": \"size\", \"op\": \"isSet\", \"value\": 1}"),
            "/where/value", "this operator takes no value"),
        bad("value is required", doc("{\"field\": \"size\", \"op\": \"eq\"}"), "/where",
            "\"value\" is required"),
        bad("in is non-empty", doc("{\"field\": \"size\", \"op\": \"in\", \"value\": []}"),
            "/where/value", "expects a non-empty array"),
        bad("in values of one type", doc("{\"field\": \"country\", \"op\": \"in\", "
            + "\"value\": [\"US\", 1]}"), "/where/value/1", "of one JSON type"),
        bad("in takes at most 10,000 values", doc("{\"field\": \"size\", \"op\": \"in\", "
            + "\"value\": " + manyValues + "}"), "/where/value", "at most 10000"),
        bad("between takes a pair", doc("{\"field\": \"size\", \"op\": \"between\", "
            + "\"value\": [1]}"), "/where/value", "expects [lo, hi]"),
        bad("between lo <= hi", doc("{\"field\": \"size\", \"op\": \"between\", "
            + "\"value\": [5, 1]}"), "/where/value", "lo <= hi"),
        bad("pattern is non-empty", doc("{\"field\": \"country\", \"op\": \"contains\", "
            + "\"value\": \"\"}"), "/where/value", "empty"),
        bad("ignoreCase only with string ops", doc("{\"field\": \"size\", \"op\": \"gt\", "
            + "\"value\": 1, \"ignoreCase\": true}"), "/where/ignoreCase",
            "ignoreCase does not apply to operator \"gt\""),
        bad("duration syntax", doc("{\"field\": \"signup\", \"op\": \"inLast\", "
            + "\"value\": \"30 days\"}"), "/where/value", "is not a duration"),
        bad("duration above zero", doc("{\"field\": \"signup\", \"op\": \"inLast\", "
            + "\"value\": \"P0D\"}"), "/where/value", "longer than zero"),
        bad("duration at most 36,500 days", doc("{\"field\": \"signup\", \"op\": \"inLast\", "
            + "\"value\": \"P36501D\"}"), "/where/value", "36500"),
        bad("circle has km or miles", doc("{\"field\": \"home\", \"op\": \"within\", "
            + "\"value\": {\"lat\": 1, \"lon\": 2, \"km\": 3, \"miles\": 4}}"), "/where/value",
            "exactly one of \"km\" and \"miles\""),
        bad("circle latitude", doc("{\"field\": \"home\", \"op\": \"within\", "
            + "\"value\": {\"lat\": 91, \"lon\": 2, \"km\": 3}}"), "/where/value",
            "lat must be between -90 and 90"),
        bad("strings of at most 1,024 characters", doc("{\"field\": \"country\", \"op\": \"eq\", "
            + "\"value\": \"" + "v".repeat(1025) + "\"}"), "/where/value", "at most 1024"),
        // 3.5 Event
        bad("event type is non-empty", doc("{\"event\": \"\"}"), "/where/event",
            "must not be empty"),
        bad("atLeast is an integer", doc("{\"event\": \"open\", \"atLeast\": 1.5}"),
            "/where/atLeast", "expects an integer >= 0, got 1.5"),
        bad("atLeast fits an int", doc("{\"event\": \"open\", \"atLeast\": "
            + "100000000000000000000000000000}"), "/where/atLeast",
            "expects an integer >= 0, got 100000000000000000000000000000"),
        bad("atMost is not negative", doc("{\"event\": \"open\", \"atMost\": -1}"),
            "/where/atMost", "expects an integer >= 0, got -1"),
        bad("atLeast <= atMost", doc("{\"event\": \"open\", \"atLeast\": 3, \"atMost\": 2}"),
            "/where/atLeast", "atLeast 3 is greater than atMost 2"),
        bad("last and from exclude each other", doc("{\"event\": \"open\", \"within\": "
            + "{\"last\": \"P1D\", \"from\": \"2026-01-01\"}}"), "/where/within",
            "not both"),
        bad("window keys", doc("{\"event\": \"open\", \"within\": {\"until\": \"2026-01-01\"}}"),
            "/where/within/until", "unknown key"),
        bad("from before to", doc("{\"event\": \"open\", \"within\": {\"from\": \"2026-02-01\", "
            + "\"to\": \"2026-01-01\"}}"), "/where/within", "from < to"),
        bad("window bounds are instants or dates", doc("{\"event\": \"open\", \"within\": "
            + "{\"from\": \"yesterday\"}}"), "/where/within/from", "ISO-8601 instant"),
        bad("filters are an array", doc("{\"event\": \"open\", \"where\": {\"prop\": \"a\"}}"),
            "/where/where", "expects an array of property filters"),
        bad("filter keys", doc("{\"event\": \"open\", \"where\": [{\"prop\": \"a\", \"op\": \"eq\", "
            + "\"vaule\": 1}]}"), "/where/where/0/vaule", "unknown key for a property filter"),
        bad("comparison filters take numbers", doc("{\"event\": \"buy\", \"where\": [{\"prop\": "
            + "\"amount\", \"op\": \"gt\", \"value\": \"100\"}]}"), "/where/where/0/value",
            "takes a number"),
        bad("ignoreCase only on pattern filters", doc("{\"event\": \"buy\", \"where\": [{\"prop\": "
            + "\"c\", \"op\": \"eq\", \"value\": \"x\", \"ignoreCase\": true}]}"),
            "/where/where/0/ignoreCase", "ignoreCase applies only to"),
        bad("filter values are not null", doc("{\"event\": \"buy\", \"where\": [{\"prop\": \"c\", "
            + "\"op\": \"eq\", \"value\": null}]}"), "/where/where/0/value",
            "expects a string, number or boolean, got null"),
        // 3.6 Segment reference
        bad("segment id syntax", doc("{\"segment\": \"Engaged Leads\"}"), "/where/segment",
            "a segment id matches"),
        // 3.7 Deals and accounts
        bad("deal conditions are all, any, not, field", doc("{\"deal\": {\"tag\": \"a\"}}"),
            "/where/deal/tag", "only from all, any, not and field, not tag"),
        bad("account takes a condition", doc("{\"account\": \"acme\"}"), "/where/account",
            "a condition is a JSON object, got a string"),
        // 4. Limits
        bad("depth at most 32", doc(deep), "/where" + "/not".repeat(32),
            "nested deeper than 32 levels"),
        bad("at most 10,000 conditions", doc(wide), "/where/any/9999",
            "more than 10000 conditions"),
        bad("at most 1 MiB", doc("{\"tag\": \"" + "a".repeat(1 << 20) + "\"}"), "",
            "larger than 1 MiB"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void isRefusedWithItsPointer(String rule, String json, String pointer, String message) {
    assertThatThrownBy(() -> SegmentJson.read(json))
        .isInstanceOf(SegmentFormatException.class)
        .satisfies(e -> {
          List<Problem> problems = ((SegmentFormatException) e).problems();
          assertThat(problems).isNotEmpty();
          assertThat(problems.get(0).pointer()).as(rule).isEqualTo(pointer);
          assertThat(problems.get(0).message()).as(rule).contains(message);
        });
  }

  static Stream<Arguments> schemaCases() {
    return Stream.of(
        bad("unknown field, with the closest one", doc("{\"field\": \"contry\", \"op\": \"eq\", "
            + "\"value\": \"US\"}"), "/where/field",
            "unknown field \"contry\"; did you mean \"country\"?"),
        bad("operator that does not fit the type", doc("{\"all\": [{\"tag\": \"a\"}, {\"field\": "
            + "\"country\", \"op\": \"gt\", \"value\": 5}]}"), "/where/all/1/op",
            "operator \"gt\" does not apply to string field \"country\""),
        bad("value that does not fit the type", doc("{\"field\": \"signup\", \"op\": \"eq\", "
            + "\"value\": \"2026-01-01T00:00:00Z\"}"), "/where/value",
            "date field \"signup\" expects a date"),
        bad("deal fields inside deal", doc("{\"deal\": {\"field\": \"country\", \"op\": \"eq\", "
            + "\"value\": \"US\"}}"), "/where/deal/field", "unknown deal field \"country\""),
        bad("unknown segment", doc("{\"segment\": \"customer\"}"), "/where/segment",
            "unknown segment \"customer\"; did you mean \"customers\"?"),
        bad("reference cycle", doc("{\"segment\": \"loop-a\"}"), "/where/segment",
            "segment reference cycle: loop-a -> loop-b -> loop-a"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("schemaCases")
  void isRefusedAgainstTheSchema(String rule, String json, String pointer, String message) {
    // fine without a schema...
    SegmentJson.read(json);
    // ...refused with one
    assertThatThrownBy(() -> SegmentJson.read(json, SCHEMA, SAVED))
        .isInstanceOf(SegmentFormatException.class)
        .satisfies(e -> {
          Problem first = ((SegmentFormatException) e).problems().get(0);
          assertThat(first.pointer()).isEqualTo(pointer);
          assertThat(first.message()).contains(message);
        });
  }

  @org.junit.jupiter.api.Test
  void everyProblemIsReportedNotOnlyTheFirst() {
    String json = "{\"format\": \"segment/v2\", \"id\": \"X\", \"where\": {\"all\": ["
        + "{\"tag\": \"\"}, {\"list\": \"a\", \"status\": \"gone\"}, {\"event\": \"e\", "
        + "\"atLeast\": -1}]}, \"extra\": 1}";
    assertThatThrownBy(() -> SegmentJson.read(json))
        .isInstanceOf(SegmentFormatException.class)
        .satisfies(e -> assertThat(((SegmentFormatException) e).problems())
            .extracting(Problem::pointer)
            .containsExactly("/format", "/id", "/extra", "/where/all/0/tag",
                "/where/all/1/status", "/where/all/2/atLeast"));
  }
}
