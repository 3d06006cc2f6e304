package org.segmentdsl.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segmentdsl.InvalidSegmentException.Problem;
import org.segmentdsl.Schema;
import org.segmentdsl.Segment;

/**
 * Malformed and over-limit JSON, in segment documents, dataset lines and change streams: every
 * message speaks of JSON and of the formats' limits (segment-format.md section 4), in their
 * words, and never of the JSON library's internals. Only UTF-8 is read.
 */
class JsonMessagesTest {
  private static final List<String> INTERNALS = List.of("Jackson", "jackson",
      "StreamReadConstraints", "JsonReadFeature", "StreamReadFeature", "tools.jackson",
      "com.fasterxml", "Exception", "`", "REDACTED", "VALUE_STRING", "ALLOW_");

  @TempDir
  Path dir;

  /** Malformed or over-limit JSON values, each a whole document or line. */
  static List<String> malformed() {
    String deep = "[".repeat(1000) + "]".repeat(1000);
    return List.of("NaN", "{\"a\": NaN}", "{\"a\": Infinity}", "{\"a\": -Infinity}",
        "{\"a\": +1}", "{\"a\": 01}", "{\"a\": 0x10}", "{\"a\": .5}", "{\"a\": 1.}",
        "{'a': 1}", "{\"a\": 'b'}", "{a: 1}", "{\"a\": 1,}", "[1,]", "// c\n{}", "/* c */ {}",
        "# c\n{}", "{\"a\": 1, \"a\": 2}", "{\"a\": \"b\tc\"}", "{\"a\": \"\\x\"}",
        "{\"a\": \"\\u12\"}", "{\"a\": \"abc", "{\"a\"", "{\"a\" 1}", "{", "[", "]", "}", "",
        "{} {}", "{\"a\": tru}", "{\"a\": True}", "{\"a\": undefined}",
        "{\"a\": \"\\ud800\"}", "{\"a\": " + "1".repeat(5000) + "}",
        "{\"a\": 1." + "1".repeat(5000) + "}", "{\"" + "k".repeat(5000) + "\": 1}",
        "{\"" + "k".repeat(100_000) + "\": 1}", "{\"a\": " + deep + "}", deep,
        "{\"a\": " + "{\"b\": ".repeat(1000) + "1" + "}".repeat(1001));
  }

  private static void speaksOfJsonOnly(String input, String message) {
    for (String internal : INTERNALS) {
      assertThat(message).as("message for %s", abbreviate(input)).doesNotContain(internal);
    }
  }

  private static String abbreviate(String s) {
    return s.length() > 80 ? s.substring(0, 80) + "..." : s;
  }

  @Test
  void segmentDocumentsSpeakOfJsonNotOfTheParser() {
    for (String bad : malformed()) {
      for (String json : List.of(bad, "{\"format\": \"segment/v1\", \"where\": " + bad + "}",
          "{\"format\": \"segment/v1\", \"x-meta\": " + bad + ", \"where\": {\"tag\": \"a\"}}")) {
        try {
          SegmentJson.read(json);
        } catch (SegmentFormatException e) {
          e.problems().forEach(p -> speaksOfJsonOnly(json, p.toString()));
          continue;
        }
        assertThat(json).as("accepted").startsWith("{\"format\"");
      }
    }
  }

  @Test
  void datasetLinesSpeakOfJsonNotOfTheParser() throws IOException {
    Files.writeString(dir.resolve("schema.json"), "{\"contact\": {\"fields\": {}}}");
    StringBuilder contacts = new StringBuilder("{\"id\": \"c-1\"}\n");
    StringBuilder events = new StringBuilder();
    for (String bad : malformed()) {
      String line = bad.replace('\n', ' ');
      contacts.append(line).append('\n');
      events.append("{\"contact\": \"c-1\", \"type\": \"t\", \"at\": \"2026-01-01T00:00:00Z\", "
          + "\"props\": {\"p\": ").append(line).append("}}\n");
    }
    Files.writeString(dir.resolve("contacts.jsonl"), contacts);
    Files.writeString(dir.resolve("events.jsonl"), events);
    List<String> problems = new ArrayList<>();
    try {
      DatasetLoader.load(dir);
    } catch (DatasetException e) {
      problems.addAll(e.problems());
    }
    assertThat(problems).hasSizeGreaterThan(malformed().size());
    problems.forEach(p -> speaksOfJsonOnly(p, p));
  }

  @Test
  void changeStreamsSpeakOfJsonNotOfTheParser() {
    StringBuilder changes = new StringBuilder();
    for (String bad : malformed()) {
      changes.append(bad.replace('\n', ' ')).append('\n');
      changes.append("{\"op\": \"batch\", \"changes\": [").append(bad.replace('\n', ' '))
          .append("]}\n");
    }
    ChangeStream stream = ChangeStream.of(new ByteArrayInputStream(
        changes.toString().getBytes(StandardCharsets.UTF_8)), "changes.jsonl",
        Schema.builder().build());
    int rejected = 0;
    for (ChangeLine line = stream.next(); line != null; line = stream.next()) {
      if (line instanceof ChangeLine.Rejected r) {
        speaksOfJsonOnly(r.located(), r.located());
        rejected++;
      }
    }
    assertThat(rejected).isGreaterThan(malformed().size());
  }

  private static Problem firstProblem(String json) {
    SegmentFormatException e = org.junit.jupiter.api.Assertions.assertThrows(
        SegmentFormatException.class, () -> SegmentJson.read(json));
    return e.problems().get(0);
  }

  private static String doc(String where) {
    return "{\"format\": \"segment/v1\", \"where\": " + where + "}";
  }

  @Test
  void eachMessageSaysWhatTheFormatSays() {
    assertThat(firstProblem(doc("{\"field\": \"n\", \"op\": \"eq\", \"value\": NaN}")))
        .hasToString("malformed JSON: not a number: NaN is not JSON (line 1, column 74)");
    assertThat(firstProblem(doc("{\"field\": \"n\", \"op\": \"eq\", \"value\": -Infinity}"))
        .message()).startsWith("malformed JSON: not a number: -Infinity is not JSON");
    assertThat(firstProblem(doc("{\"field\": \"n\", \"op\": \"eq\", \"value\": 1"
        + "0".repeat(1024) + "}")).message()).startsWith("number too long: at most 1,024 digits");
    assertThat(firstProblem(doc("{\"tag\": \"a\", \"" + "k".repeat(1025) + "\": 1}")).message())
        .startsWith("name too long: at most 1,024 characters");
    assertThat(firstProblem("{\"format\": \"segment/v1\", \"format\": \"segment/v1\"}").message())
        .startsWith("malformed JSON: duplicate key \"format\"");
    assertThat(firstProblem(doc("{\"tag\": \"a\"} // c")).message())
        .startsWith("malformed JSON: comments are not JSON");
    assertThat(firstProblem(doc("{\"all\": [[}")).message())
        .startsWith("malformed JSON: Unexpected close marker '}': expected ']' (line 1, column");
  }

  @Test
  void conditionsNestedFarPastTheLimitAreRefusedAtTheThirtyThirdLevel() {
    String deep = "{\"not\": ".repeat(1000) + "{\"tag\": \"a\"}" + "}".repeat(1000);
    assertThat(firstProblem(doc(deep))).isEqualTo(new Problem("/where" + "/not".repeat(32),
        "conditions are nested deeper than 32 levels"));
    String groups = "{\"all\": [".repeat(1000) + "{\"tag\": \"a\"}" + "]}".repeat(1000);
    assertThat(firstProblem(doc(groups))).isEqualTo(new Problem("/where" + "/all/0".repeat(32),
        "conditions are nested deeper than 32 levels"));
  }

  @Test
  void userMetadataNestsUpToThirtyTwoLevels() {
    String where = "\"where\": {\"tag\": \"a\"}}";
    Segment ok = SegmentJson.read("{\"format\": \"segment/v1\", \"x-m\": " + "[".repeat(32)
        + "]".repeat(32) + ", " + where);
    assertThat(ok.metadata()).containsEntry("x-m", "[".repeat(32) + "]".repeat(32));
    assertThat(firstProblem("{\"format\": \"segment/v1\", \"x-m\": {\"a\": " + "[".repeat(32)
        + "]".repeat(32) + "}, " + where)).isEqualTo(new Problem("/x-m/a" + "/0".repeat(31),
            "user metadata nests deeper than 32 levels"));
    assertThat(firstProblem("{\"format\": \"segment/v1\", \"x-m\": " + "[".repeat(5000)
        + "]".repeat(5000) + ", " + where)).isEqualTo(new Problem("/x-m" + "/0".repeat(32),
            "user metadata nests deeper than 32 levels"));
  }

  private static Problem readBytes(byte[] bytes) {
    SegmentFormatException e = org.junit.jupiter.api.Assertions.assertThrows(
        SegmentFormatException.class, () -> SegmentJson.read(new ByteArrayInputStream(bytes)));
    return e.problems().get(0);
  }

  @Test
  void onlyUtf8IsRead() {
    String json = doc("{\"tag\": \"a\"}");
    for (String encoding : List.of("UTF-16LE", "UTF-16BE", "UTF-32LE", "UTF-32BE")) {
      byte[] bytes = json.getBytes(Charset.forName(encoding));
      assertThat(readBytes(bytes)).isEqualTo(new Problem("", "not UTF-8: looks like " + encoding));
      byte[] bom = "\ufeff".getBytes(Charset.forName(encoding));
      byte[] withBom = new byte[bom.length + bytes.length];
      System.arraycopy(bom, 0, withBom, 0, bom.length);
      System.arraycopy(bytes, 0, withBom, bom.length, bytes.length);
      assertThat(readBytes(withBom)).isEqualTo(new Problem("", "not UTF-8: looks like "
          + encoding));
    }
    byte[] latin1 = doc("{\"tag\": \"caf\u00e9\"}").getBytes(StandardCharsets.ISO_8859_1);
    assertThat(readBytes(latin1)).isEqualTo(new Problem("", "not valid UTF-8 (byte 46)"));
    byte[] surrogate = doc("{\"tag\": \"\u00e9\u00e9\"}").getBytes(StandardCharsets.UTF_8);
    surrogate[43] = (byte) 0xED; // ED A0 80: an encoded surrogate
    surrogate[44] = (byte) 0xA0;
    surrogate[45] = (byte) 0x80;
    surrogate[46] = (byte) 'x';
    assertThat(readBytes(surrogate)).isEqualTo(new Problem("", "not valid UTF-8 (byte 43)"));
  }

  @Test
  void datasetFilesInUtf16AreNamed() throws IOException {
    Files.write(dir.resolve("schema.json"), "{\"contact\": {\"fields\": {}}}"
        .getBytes(StandardCharsets.UTF_16));
    Files.write(dir.resolve("contacts.jsonl"), "{\"id\": \"c-1\"}\n{\"id\": \"c-2\"}\n"
        .getBytes(StandardCharsets.UTF_16LE));
    assertThatThrownBy(() -> DatasetLoader.load(dir)).isInstanceOf(DatasetException.class)
        .satisfies(e -> assertThat(((DatasetException) e).problems()).containsExactly(
            dir.resolve("schema.json") + ": not UTF-8: looks like UTF-16BE"));
    Files.writeString(dir.resolve("schema.json"), "{\"contact\": {\"fields\": {}}}");
    assertThatThrownBy(() -> DatasetLoader.load(dir)).isInstanceOf(DatasetException.class)
        .satisfies(e -> assertThat(((DatasetException) e).problems()).containsExactly(
            dir.resolve("contacts.jsonl") + ":1: not UTF-8: looks like UTF-16LE (the rest of "
                + "contacts.jsonl is not read)"));
  }
}
