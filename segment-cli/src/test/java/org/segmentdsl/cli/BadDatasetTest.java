package org.segmentdsl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each error class of the dataset format, through {@code eval}: exit 1, {@code error: } lines that
 * name the file and the line, no stack trace, nothing on standard output.
 */
class BadDatasetTest {
  @TempDir
  Path dir;

  Path segment;

  @BeforeEach
  void validDataset() throws IOException {
    write("schema.json", """
        {"contact": {"fields": {"country": "string", "size": "number", "signup": "date",
                                "seen": "datetime", "home": "geo"}},
         "deal": {"fields": {"stage": "string"}},
         "account": {"fields": {"industry": "string"}}}
        """);
    write("accounts.jsonl", "{\"id\": \"acme\", \"fields\": {\"industry\": \"SaaS\"}}\n");
    write("contacts.jsonl", """
        {"id": "c-1", "tags": ["lead"], "lists": {"newsletter": "subscribed"}, "fields": {"country": "US", "size": 12, "signup": "2026-01-31", "seen": "2026-02-01T10:00:00+01:00", "home": {"lat": 40.7, "lon": -74.0}}, "account": "acme"}
        {"id": "c-2", "fields": {"country": null}}
        """);
    write("deals.jsonl", "{\"id\": \"d-1\", \"contact\": \"c-1\", \"fields\": {\"stage\": \"Won\"}}\n");
    write("events.jsonl", """
        {"contact": "c-1", "type": "email_open", "at": "2026-02-01T10:00:00Z", "props": {"campaign": "x", "n": 1, "ok": true}}
        """);
    segment = dir.resolve("tag.json");
    Files.writeString(segment, "{\"format\": \"segment/v1\", \"where\": {\"tag\": \"lead\"}}");
  }

  private void write(String file, String text) throws IOException {
    Path p = dir.resolve(file);
    Files.createDirectories(p.getParent());
    Files.writeString(p, text);
  }

  private void append(String file, String line) throws IOException {
    Files.writeString(dir.resolve(file), Files.readString(dir.resolve(file)) + line + "\n");
  }

  private CliRun eval() {
    return CliRun.of("eval", "--data", dir.toString(), "--segment", segment.toString(),
        "--now", "2026-03-01T00:00:00Z");
  }

  /** Fails the run, and returns its first error line. */
  private String failsWith(String file) {
    CliRun run = eval();
    assertThat(run.status()).as(run.err()).isEqualTo(SegmentCli.INVALID);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).doesNotContain("\tat ").doesNotContain("Exception");
    String first = run.err().lines().findFirst().orElseThrow();
    assertThat(first).startsWith("error: " + dir.resolve(file));
    return first.substring(("error: " + dir.resolve(file)).length());
  }

  @Test
  void theValidDatasetEvaluates() {
    CliRun run = eval();
    assertThat(run.err()).isEmpty();
    assertThat(run.out()).isEqualTo("c-1\n");
  }

  @Test
  void malformedJson() throws IOException {
    append("contacts.jsonl", "{\"id\": \"c-3\",");
    assertThat(failsWith("contacts.jsonl")).startsWith(":3: malformed JSON: ");
  }

  @Test
  void aLineThatIsNotAnObject() throws IOException {
    append("events.jsonl", "[1, 2]");
    assertThat(failsWith("events.jsonl")).isEqualTo(":2: expected a JSON object, got an array");
  }

  @Test
  void missingId() throws IOException {
    append("contacts.jsonl", "{\"tags\": [\"x\"]}");
    assertThat(failsWith("contacts.jsonl")).isEqualTo(":3: \"id\" is required");
  }

  @Test
  void duplicateId() throws IOException {
    append("contacts.jsonl", "{\"id\": \"c-1\"}");
    assertThat(failsWith("contacts.jsonl")).isEqualTo(":3: duplicate contact id \"c-1\"");
  }

  @Test
  void unknownField() throws IOException {
    append("contacts.jsonl", "{\"id\": \"c-3\", \"fields\": {\"contry\": \"US\"}}");
    assertThat(failsWith("contacts.jsonl"))
        .isEqualTo(":3: unknown field \"contry\"; did you mean \"country\"?");
  }

  @Test
  void valueOfTheWrongType() throws IOException {
    append("contacts.jsonl", "{\"id\": \"c-3\", \"fields\": {\"size\": \"12a\"}}");
    assertThat(failsWith("contacts.jsonl"))
        .isEqualTo(":3: field \"size\" expects a number, got \"12a\"");
  }

  @Test
  void aBareDateForADatetimeAndAMalformedDate() throws IOException {
    append("contacts.jsonl", "{\"id\": \"c-3\", \"fields\": {\"seen\": \"2026-02-01\"}}");
    append("contacts.jsonl", "{\"id\": \"c-4\", \"fields\": {\"signup\": \"2026-02-30\"}}");
    assertThat(failsWith("contacts.jsonl")).startsWith(":3: field \"seen\" expects an ISO-8601 "
        + "instant with offset");
    CliRun run = eval();
    assertThat(run.err()).contains(dir.resolve("contacts.jsonl") + ":4: field \"signup\" "
        + "expects a date \"YYYY-MM-DD\", got \"2026-02-30\"");
  }

  @Test
  void unknownListStatus() throws IOException {
    append("contacts.jsonl", "{\"id\": \"c-3\", \"lists\": {\"newsletter\": \"active\"}}");
    assertThat(failsWith("contacts.jsonl")).startsWith(":3: list \"newsletter\": unknown status "
        + "\"active\"");
  }

  @Test
  void referenceToAMissingContact() throws IOException {
    append("events.jsonl",
        "{\"contact\": \"c-9\", \"type\": \"email_open\", \"at\": \"2026-02-01T10:00:00Z\"}");
    assertThat(failsWith("events.jsonl")).isEqualTo(":2: contact \"c-9\" is not in contacts.jsonl");
  }

  @Test
  void theLinesOfAContactWhoseLineIsBadAreSummedUpNotEachReported() throws IOException {
    append("contacts.jsonl", "{\"id\": \"c-3\", \"fields\": {\"size\": \"12a\"}}");
    append("contacts.jsonl", "{\"id\": \"c-4\",");
    for (int i = 0; i < 3; i++) {
      append("events.jsonl",
          "{\"contact\": \"c-4\", \"type\": \"email_open\", \"at\": \"2026-02-01T10:00:00Z\"}");
    }
    // the event's own mistake is still reported, before the reference it makes
    append("events.jsonl", "{\"contact\": \"c-4\", \"type\": \"email_open\", \"at\": \"soon\"}");
    append("deals.jsonl", "{\"id\": \"d-2\", \"contact\": \"c-4\"}");
    CliRun run = eval();
    assertThat(run.status()).isEqualTo(SegmentCli.INVALID);
    assertThat(run.err().lines().toList()).containsExactly(
        "error: " + dir.resolve("contacts.jsonl") + ":3: field \"size\" expects a number, got \"12a\"",
        "error: " + dir.resolve("contacts.jsonl") + ":4: " + malformed(run.err()),
        "error: " + dir.resolve("deals.jsonl") + ": 1 line names what is not loaded because of the "
            + "errors above (first: line 2: contact \"c-4\" is not in contacts.jsonl)",
        "error: " + dir.resolve("events.jsonl") + ":5: \"at\" expects an ISO-8601 instant with "
            + "offset (\"2026-11-28T09:30:00Z\"), got \"soon\"",
        "error: " + dir.resolve("events.jsonl") + ": 3 lines name what is not loaded because of the "
            + "errors above (first: line 2: contact \"c-4\" is not in contacts.jsonl)");
  }

  /** The malformed JSON message of contacts.jsonl's line 4, as the run printed it. */
  private String malformed(String err) {
    String prefix = "error: " + dir.resolve("contacts.jsonl") + ":4: ";
    String line = err.lines().filter(l -> l.startsWith(prefix)).findFirst().orElseThrow();
    assertThat(line).contains("malformed JSON");
    return line.substring(prefix.length());
  }

  @Test
  void dealOfAMissingContact() throws IOException {
    append("deals.jsonl", "{\"id\": \"d-2\", \"contact\": \"c-9\"}");
    assertThat(failsWith("deals.jsonl")).isEqualTo(":2: contact \"c-9\" is not in contacts.jsonl");
  }

  @Test
  void referenceToAMissingAccount() throws IOException {
    append("contacts.jsonl", "{\"id\": \"c-3\", \"account\": \"globex\"}");
    assertThat(failsWith("contacts.jsonl"))
        .isEqualTo(":3: account \"globex\" is not in accounts.jsonl");
  }

  @Test
  void aLineOverTheLimit() throws IOException {
    append("contacts.jsonl", "{\"id\": \"c-3\", \"tags\": [\"" + "x".repeat(1 << 20) + "\"]}");
    assertThat(failsWith("contacts.jsonl"))
        .isEqualTo(":3: line is longer than 1 MiB (the rest of contacts.jsonl is not read)");
  }

  @Test
  void invalidUtf8() throws IOException {
    byte[] bad = "{\"id\": \"c-\u00e9\"}\n".getBytes(StandardCharsets.UTF_8);
    bad[bad.length - 4] = (byte) 0xFF;
    Files.write(dir.resolve("contacts.jsonl"), bad, java.nio.file.StandardOpenOption.APPEND);
    assertThat(failsWith("contacts.jsonl")).isEqualTo(":3: not valid UTF-8");
  }

  @Test
  void nonScalarEventProperty() throws IOException {
    append("events.jsonl", "{\"contact\": \"c-1\", \"type\": \"click\", "
        + "\"at\": \"2026-02-01T10:00:00Z\", \"props\": {\"tags\": [1]}}");
    assertThat(failsWith("events.jsonl"))
        .isEqualTo(":2: prop \"tags\" must be a string, number or boolean, got an array");
  }

  @Test
  void anEmptyEventPropertyName() throws IOException {
    append("events.jsonl", "{\"contact\": \"c-1\", \"type\": \"click\", "
        + "\"at\": \"2026-02-01T10:00:00Z\", \"props\": {\"\": 1}}");
    assertThat(failsWith("events.jsonl")).isEqualTo(":2: prop names must be non-empty");
  }

  @Test
  void aContactIdWithALineBreakIsAnErrorAtItsLineNotASecondMember() throws IOException {
    // the reproduction: printed one a line, "c1\nc2" beside "c2" read as two members
    write("contacts.jsonl", "{\"id\": \"c1\\nc2\", \"tags\": [\"lead\"]}\n{\"id\": \"c2\"}\n");
    write("events.jsonl", "");
    write("deals.jsonl", "");
    CliRun run = CliRun.of("eval", "--data", dir.toString(), "--segment", segment.toString(),
        "--now", "2026-03-01T00:00:00Z", "--output", "ids");
    assertThat(run.status()).as(run.err()).isEqualTo(SegmentCli.INVALID);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).isEqualTo("error: " + dir.resolve("contacts.jsonl") + ":1: contact id "
        + "\"c1\\nc2\" contains a control character (U+000A)\n");
  }

  @Test
  void namesThatBreakTheRuleAreErrorsAtTheirLineShownEscaped() throws IOException {
    append("accounts.jsonl", "{\"id\": \"" + "a".repeat(1025) + "\"}");
    append("contacts.jsonl", "{\"id\": \"c-3\", \"tags\": [\"ok\", \"bell\\u0007\"]}");
    append("contacts.jsonl", "{\"id\": \"c-4\", \"lists\": {\"news\u0085\": \"subscribed\"}}");
    append("contacts.jsonl", "{\"id\": \"c-5\", \"account\": \"acme\\t\"}");
    append("deals.jsonl", "{\"id\": \"d\u007f\", \"contact\": \"c-1\"}");
    append("events.jsonl", "{\"contact\": \"c-1\", \"type\": \"email\\topen\", "
        + "\"at\": \"2026-02-01T10:00:00Z\"}");
    append("events.jsonl", "{\"contact\": \"c-1\", \"type\": \"click\", "
        + "\"at\": \"2026-02-01T10:00:00Z\", \"props\": {\"a\\nb\": 1}}");
    append("events.jsonl", "{\"contact\": \"c-1\\r\", \"type\": \"click\", "
        + "\"at\": \"2026-02-01T10:00:00Z\"}");
    CliRun run = eval();
    assertThat(run.status()).as(run.err()).isEqualTo(SegmentCli.INVALID);
    assertThat(run.err()).doesNotContain("\tat ").doesNotContain("Exception")
        .doesNotContain("\u0007").doesNotContain("\u0085").doesNotContain("\u007f")
        .doesNotContain("\r");
    assertThat(run.err().lines()).containsExactly(
        "error: " + dir.resolve("accounts.jsonl") + ":2: account id \"" + "a".repeat(60)
            + "…\" is 1025 characters long; at most 1024 allowed",
        control("contacts.jsonl:3: tag \"bell\\u0007\"", "U+0007"),
        control("contacts.jsonl:4: list name \"news\\u0085\"", "U+0085"),
        control("contacts.jsonl:5: account id \"acme\\t\"", "U+0009"),
        control("deals.jsonl:2: deal id \"d\\u007f\"", "U+007F"),
        control("events.jsonl:2: event type \"email\\topen\"", "U+0009"),
        control("events.jsonl:3: prop name \"a\\nb\"", "U+000A"),
        control("events.jsonl:4: contact id \"c-1\\r\"", "U+000D"));
  }

  /** The error line for a name at {@code where} (file:line: what) with that control character. */
  private String control(String where, String codePoint) {
    int colon = where.indexOf(':');
    return "error: " + dir.resolve(where.substring(0, colon)) + where.substring(colon)
        + " contains a control character (" + codePoint + ")";
  }

  @Test
  void aLineOfExactlyOneMibBeforeItsCrLfIsRead() throws IOException {
    // a long string value: a tag is at most 1,024 characters
    String head = "{\"id\": \"c-3\", \"fields\": {\"country\": \"";
    String tail = "\"}}";
    String tag = "x".repeat((1 << 20) - head.length() - tail.length());
    Files.writeString(dir.resolve("contacts.jsonl"), Files.readString(dir.resolve("contacts.jsonl"))
        + head + tag + tail + "\r\n");
    assertThat(eval().status()).isZero();
    append("contacts.jsonl", head + tag + "x" + tail);
    assertThat(failsWith("contacts.jsonl"))
        .isEqualTo(":4: line is longer than 1 MiB (the rest of contacts.jsonl is not read)");
  }

  @Test
  void unknownKeyInALine() throws IOException {
    append("deals.jsonl", "{\"id\": \"d-2\", \"contact\": \"c-1\", \"stage\": \"Won\"}");
    assertThat(failsWith("deals.jsonl")).startsWith(":2: unknown key \"stage\"");
  }

  @Test
  void missingOrBadSchema() throws IOException {
    Files.delete(dir.resolve("schema.json"));
    assertThat(failsWith("schema.json")).startsWith(": missing");
    write("schema.json", "{\"contact\": {\"fields\": {\"size\": \"integer\"}}}");
    assertThat(failsWith("schema.json")).startsWith(": /contact/fields/size: unknown type");
  }

  @Test
  void missingContacts() throws IOException {
    Files.delete(dir.resolve("contacts.jsonl"));
    assertThat(failsWith("contacts.jsonl")).startsWith(": missing");
  }

  @Test
  void aSavedSegmentWithAMistakeNamesItsFile() throws IOException {
    write("segments/a.json", "{\"format\": \"segment/v1\", \"id\": \"a\", "
        + "\"where\": {\"segment\": \"b\"}}");
    write("segments/b.json", "{\"format\": \"segment/v1\", \"id\": \"b\", "
        + "\"where\": {\"not\": {\"segment\": \"a\"}}}");
    String first = failsWith("segments/a.json");
    assertThat(first).isEqualTo(": /where/segment: segment reference cycle: a -> b -> a");
    write("segments/b.json", "{\"format\": \"segment/v1\", \"where\": {\"tag\": \"x\"}}");
    assertThat(failsWith("segments/b.json")).isEqualTo(": a saved segment needs an \"id\"");
    write("segments/b.json", "{\"format\": \"segment/v1\", \"id\": \"c\", "
        + "\"where\": {\"tag\": \"x\"}}");
    assertThat(failsWith("segments/a.json")).startsWith(": /where/segment: unknown segment \"b\"");
  }

  @Test
  void aHundredProblemsAreListedAndTheOthersCounted() throws IOException {
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < 150; i++) {
      lines.append("{\"id\": \"x-").append(i).append("\", \"fields\": {\"size\": \"no\"}}\n");
    }
    append("contacts.jsonl", lines.toString());
    CliRun run = eval();
    assertThat(run.status()).isEqualTo(SegmentCli.INVALID);
    java.util.List<String> errors = run.err().lines().toList();
    assertThat(errors).hasSize(101).allMatch(l -> l.startsWith("error: "));
    assertThat(errors.get(99)).startsWith("error: " + dir.resolve("contacts.jsonl") + ":102: ");
    assertThat(errors.get(100)).isEqualTo("error: ... and 50 more problems");
  }
}
