package org.segmentdsl.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.segmentdsl.dsl.Conditions.datetimeField;
import static org.segmentdsl.dsl.Conditions.event;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segmentdsl.Contact;
import org.segmentdsl.ContactIndex;
import org.segmentdsl.EvaluationContext;
import org.segmentdsl.Event;
import org.segmentdsl.FieldType;
import org.segmentdsl.Schema;
import org.segmentdsl.condition.Condition;

/**
 * segment-format.md section 1: instants in data are truncated to the microsecond toward the past,
 * instants in segments keep their precision and compare exactly. The same data given through the
 * Java API, a dataset folder and a change stream gives the same index, so every segment has the
 * same members, whichever way the data came.
 */
class InstantPrecisionTest {
  static final Schema SCHEMA = Schema.builder().contactField("seen", FieldType.DATETIME).build();
  static final EvaluationContext CTX = EvaluationContext.at(Instant.parse("2026-12-01T00:00:00Z"));

  /** Contact id to the instant of its {@code seen} field and of its one {@code visit} event. */
  static final Map<String, String> TIMES = new LinkedHashMap<>();

  static {
    TIMES.put("c-frac", "2026-01-01T10:00:00.0000019Z"); // stored as .000001
    TIMES.put("c-half", "2026-01-01T10:00:00.0000005Z"); // stored as .000000
    TIMES.put("c-neg", "-0001-01-01T00:00:00.0000005Z"); // toward the past, not toward zero
    TIMES.put("c-pre-epoch", "1969-12-31T23:59:59.9999995Z"); // stored as .999999
    TIMES.put("c-offset", "2026-01-01t12:00:00.0000019+02:00"); // lower case t, an offset
    TIMES.put("c-last", "+290000-12-31T23:59:59.9999999z"); // the range's last microsecond
  }

  @TempDir
  Path dir;

  private static ContactIndex viaApi() {
    ContactIndex index = ContactIndex.create(SCHEMA);
    index.update(b -> TIMES.forEach((id, text) -> {
      Instant at = Instants.parse(text);
      b.upsert(Contact.builder(id).field("seen", at).build());
      b.record(Event.of(id, "visit", at));
    }));
    return index;
  }

  private ContactIndex viaDataset() throws IOException {
    Files.writeString(dir.resolve("schema.json"),
        "{\"contact\": {\"fields\": {\"seen\": \"datetime\"}}}");
    StringBuilder contacts = new StringBuilder();
    StringBuilder events = new StringBuilder();
    TIMES.forEach((id, text) -> {
      contacts.append("{\"id\": \"").append(id).append("\", \"fields\": {\"seen\": \"")
          .append(text).append("\"}}\n");
      events.append("{\"contact\": \"").append(id).append("\", \"type\": \"visit\", \"at\": \"")
          .append(text).append("\"}\n");
    });
    Files.writeString(dir.resolve("contacts.jsonl"), contacts);
    Files.writeString(dir.resolve("events.jsonl"), events);
    return DatasetLoader.load(dir).index();
  }

  private static ContactIndex viaChangeStream() throws IOException {
    StringBuilder lines = new StringBuilder();
    TIMES.forEach((id, text) -> {
      lines.append("{\"op\": \"upsertContact\", \"contact\": {\"id\": \"").append(id)
          .append("\"}}\n");
      lines.append("{\"op\": \"setField\", \"id\": \"").append(id)
          .append("\", \"field\": \"seen\", \"value\": \"").append(text).append("\"}\n");
      lines.append("{\"op\": \"event\", \"event\": {\"contact\": \"").append(id)
          .append("\", \"type\": \"visit\", \"at\": \"").append(text).append("\"}}\n");
    });
    ContactIndex index = ContactIndex.create(SCHEMA);
    try (ChangeStream stream = ChangeStream.of(
        new ByteArrayInputStream(lines.toString().getBytes(StandardCharsets.UTF_8)),
        "changes.jsonl", SCHEMA)) {
      for (ChangeLine line = stream.next(); line != null; line = stream.next()) {
        assertThat(line).as(line.toString()).isInstanceOf(ChangeLine.Changes.class);
        index.update(((ChangeLine.Changes) line)::applyTo);
      }
    }
    return index;
  }

  private static List<String> ids(ContactIndex index, Condition c) {
    return List.copyOf(index.evaluate(c, CTX).ids());
  }

  private static Instant at(String text) {
    return Instant.parse(text);
  }

  @Test
  void apiDatasetAndChangeStreamTruncateAlikeAndSegmentsCompareExactly() throws IOException {
    Map<String, Condition> segments = new LinkedHashMap<>();
    // 10:00:00.0000019 is stored as 10:00:00.000001
    segments.put("before .0000011", datetimeField("seen").lt(at("2026-01-01T10:00:00.0000011Z")));
    segments.put("after .0000009", datetimeField("seen").gt(at("2026-01-01T10:00:00.0000009Z")));
    segments.put("at .000001", datetimeField("seen").eq(at("2026-01-01T10:00:00.000001Z")));
    segments.put("at .0000019", datetimeField("seen").eq(at("2026-01-01T10:00:00.0000019Z")));
    segments.put("from .0000011", datetimeField("seen").gte(at("2026-01-01T10:00:00.0000011Z")));
    segments.put("up to .0000001", datetimeField("seen").lte(at("2026-01-01T10:00:00.0000001Z")));
    segments.put("events from .0000009 to .0000011", event("visit").between(
        at("2026-01-01T10:00:00.0000009Z"), at("2026-01-01T10:00:00.0000011Z")));
    segments.put("events from .0000011", event("visit").between(
        at("2026-01-01T10:00:00.0000011Z"), at("2026-01-02T00:00:00Z")));
    segments.put("before year 0", datetimeField("seen").lt(at("0000-01-01T00:00:00Z")));
    segments.put("at -0001-01-01", datetimeField("seen").eq(at("-0001-01-01T00:00:00Z")));
    segments.put("at the epoch's last microsecond",
        datetimeField("seen").eq(at("1969-12-31T23:59:59.999999Z")));
    segments.put("at the range's last microsecond",
        datetimeField("seen").eq(at("+290000-12-31T23:59:59.999999Z")));

    Map<String, List<String>> expected = new LinkedHashMap<>();
    expected.put("before .0000011", List.of("c-frac", "c-half", "c-neg", "c-pre-epoch",
        "c-offset"));
    expected.put("after .0000009", List.of("c-frac", "c-offset", "c-last"));
    expected.put("at .000001", List.of("c-frac", "c-offset"));
    expected.put("at .0000019", List.of());
    expected.put("from .0000011", List.of("c-last"));
    expected.put("up to .0000001", List.of("c-half", "c-neg", "c-pre-epoch"));
    expected.put("events from .0000009 to .0000011", List.of("c-frac", "c-offset"));
    expected.put("events from .0000011", List.of());
    expected.put("before year 0", List.of("c-neg"));
    expected.put("at -0001-01-01", List.of("c-neg"));
    expected.put("at the epoch's last microsecond", List.of("c-pre-epoch"));
    expected.put("at the range's last microsecond", List.of("c-last"));

    Map<String, ContactIndex> paths = new LinkedHashMap<>();
    paths.put("api", viaApi());
    paths.put("dataset", viaDataset());
    paths.put("change stream", viaChangeStream());
    paths.forEach((path, index) -> segments.forEach((name, c) ->
        assertThat(ids(index, c)).as(path + ": " + name).isEqualTo(expected.get(name))));
  }

  @Test
  void eventTimesAreTruncatedTowardThePast() {
    assertThat(Event.of("c", "t", at("-0001-01-01T00:00:00.0000005Z")).at())
        .isEqualTo(at("-0001-01-01T00:00:00Z"));
    assertThat(Event.of("c", "t", at("1969-12-31T23:59:59.9999995Z")).at())
        .isEqualTo(at("1969-12-31T23:59:59.999999Z"));
    assertThat(Event.of("c", "t", at("2026-01-01T10:00:00.0000019Z")).at())
        .isEqualTo(at("2026-01-01T10:00:00.000001Z"));
    assertThat(Event.of("c", "t", at("+290000-12-31T23:59:59.9999999Z")).at())
        .isEqualTo(at("+290000-12-31T23:59:59.999999Z"));
  }
}
