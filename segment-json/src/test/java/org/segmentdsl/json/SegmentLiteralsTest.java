package org.segmentdsl.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.segmentdsl.Contact;
import org.segmentdsl.ContactIndex;
import org.segmentdsl.EvaluationContext;
import org.segmentdsl.Event;
import org.segmentdsl.FieldType;
import org.segmentdsl.InvalidSegmentException.Problem;
import org.segmentdsl.Schema;
import org.segmentdsl.Segment;
import org.segmentdsl.SegmentRegistry;

/**
 * Segment literals take every instant and date that data takes (segment-format.md section 1):
 * {@code T} and {@code Z} in either case, years past 9999 with a sign, from -290000-01-01 to
 * +290000-12-31; outside that range, an error with a pointer. They are written back as given, and
 * they evaluate.
 */
class SegmentLiteralsTest {
  static final Schema SCHEMA = Schema.builder()
      .contactField("seen", FieldType.DATETIME)
      .contactField("signup", FieldType.DATE)
      .build();

  static final EvaluationContext CTX = EvaluationContext.at(Instant.parse("2026-12-01T00:00:00Z"));

  static String doc(String where) {
    return "{\"format\": \"segment/v1\", \"where\": " + where + "}";
  }

  static String field(String field, String op, String value) {
    return doc("{\"field\": \"" + field + "\", \"op\": \"" + op + "\", \"value\": \"" + value
        + "\"}");
  }

  static String window(String from, String to) {
    return doc("{\"event\": \"visit\", \"within\": {\"from\": \"" + from + "\", \"to\": \"" + to
        + "\"}}");
  }

  @Test
  void everyFormDataTakesIsALiteralWrittenBackAsGiven() {
    List<String> docs = List.of(
        field("seen", "lt", "+10000-01-01T00:00:00Z"),
        field("seen", "eq", "2026-01-01t00:00:00z"),
        field("seen", "gt", "-0001-01-01T00:00:00.0000005Z"),
        field("seen", "lte", "+290000-12-31T23:59:59.999999999Z"),
        field("seen", "gte", "-290000-01-01T00:00:00Z"),
        field("seen", "lt", "+10000-01-01"),
        field("signup", "lt", "+10000-01-01"),
        field("signup", "gt", "-0001-12-31"),
        field("signup", "eq", "+290000-12-31"),
        window("2026-01-01t00:00:00z", "+10000-01-01"),
        doc("{\"field\": \"seen\", \"op\": \"between\", \"value\": [\"2026-01-01t00:00:00Z\", "
            + "\"+10000-01-01T00:00:00z\"]}"));
    for (String json : docs) {
      Segment read = SegmentJson.read(json, SCHEMA, SegmentRegistry.of());
      String written = SegmentJson.write(read);
      assertThat(SegmentJson.read(written, SCHEMA, SegmentRegistry.of())).as(json)
          .isEqualTo(read);
      assertThat(SegmentJson.write(SegmentJson.read(written))).as(json).isEqualTo(written);
    }
    assertThat(SegmentJson.write(SegmentJson.read(field("seen", "eq", "2026-01-01t00:00:00z"))))
        .contains("\"2026-01-01t00:00:00z\"");
  }

  @Test
  void instantsAndDatesOutsideTheRangeAreRefusedWithAPointer() {
    String outside = "is outside -290000-01-01 to +290000-12-31";
    assertRefused(field("seen", "lt", "+290001-01-01T00:00:00Z"), "/where/value",
        "operator \"lt\": \"+290001-01-01T00:00:00Z\" " + outside);
    assertRefused(field("seen", "gt", "-290001-12-31T23:59:59Z"), "/where/value",
        "operator \"gt\": \"-290001-12-31T23:59:59Z\" " + outside);
    assertRefused(field("signup", "lt", "+290001-01-01"), "/where/value", outside);
    assertRefused(field("seen", "eq", "+290001-01-01"), "/where/value",
        "datetime field \"seen\": \"+290001-01-01\" " + outside);
    assertRefused(field("signup", "eq", "-290001-01-01"), "/where/value",
        "date field \"signup\": \"-290001-01-01\" " + outside);
    assertRefused(window("2026-01-01", "+999999999-12-31"), "/where/within/to",
        "\"+999999999-12-31\" " + outside);
    assertRefused(window("-300000-01-01T00:00:00Z", "2026-01-01"), "/where/within/from",
        "\"-300000-01-01T00:00:00Z\" " + outside);
  }

  private static void assertRefused(String json, String pointer, String message) {
    assertThatThrownBy(() -> SegmentJson.read(json, SCHEMA, SegmentRegistry.of()))
        .as(json)
        .isInstanceOf(SegmentFormatException.class)
        .satisfies(e -> {
          Problem first = ((SegmentFormatException) e).problems().get(0);
          assertThat(first.pointer()).as(json).isEqualTo(pointer);
          assertThat(first.message()).as(json).contains(message);
        });
  }

  @Test
  void theNewFormsEvaluate() {
    ContactIndex index = ContactIndex.create(SCHEMA);
    index.update(b -> b
        .upsert(Contact.builder("c-now").field("seen", Instant.parse("2026-01-01T00:00:00Z"))
            .field("signup", LocalDate.parse("2026-01-01")).build())
        .upsert(Contact.builder("c-far").field("seen", Instant.parse("+10000-06-01T00:00:00Z"))
            .field("signup", LocalDate.parse("-0001-06-01")).build())
        .record(Event.of("c-now", "visit", Instant.parse("2026-06-01T00:00:00Z")))
        .record(Event.of("c-far", "visit", Instant.parse("+10000-06-01T00:00:00Z"))));
    Map<String, List<String>> expected = Map.of(
        field("seen", "lt", "+10000-01-01T00:00:00Z"), List.of("c-now"),
        field("seen", "gte", "+10000-01-01"), List.of("c-far"),
        field("seen", "eq", "2026-01-01t00:00:00z"), List.of("c-now"),
        field("seen", "eq", "+10000-06-01t00:00:00Z"), List.of("c-far"),
        field("signup", "lt", "+10000-01-01"), List.of("c-now", "c-far"),
        field("signup", "lt", "0000-01-01"), List.of("c-far"),
        field("signup", "gt", "-0001-01-01"), List.of("c-now", "c-far"),
        window("2026-01-01t00:00:00z", "+10000-01-01"), List.of("c-now"),
        window("+10000-01-01", "+10001-01-01T00:00:00z"), List.of("c-far"));
    expected.forEach((json, ids) -> {
      Segment segment = SegmentJson.read(json, SCHEMA, SegmentRegistry.of());
      assertThat(index.evaluate(segment, CTX).ids()).as(json).containsExactlyElementsOf(ids);
    });
  }
}
