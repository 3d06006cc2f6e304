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
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.json.JsonFactory;

/**
 * Every case of {@code conformance/replay/} through {@code bin/segment replay}, in process: the
 * standard output line by line (as parsed JSON objects), one {@code error: } line naming the
 * changes file and the line for each expected rejected line, and the exit status; then {@code
 * bin/segment eval} on the snapshot that the replay's {@code --save} wrote, line by line against
 * {@code expected-eval.jsonl}.
 *
 * <p>The cases are written to run with the case folder as the working directory. In process
 * there is no working directory to set, so the paths of the arguments are resolved here: the
 * files a case reads against the case folder, the snapshot it writes (and then reads) against a
 * temporary folder. A segment without an id is then named by its resolved path, which the
 * comparison maps back to the path as written.
 */
class ReplayConformanceTest {
  static final Path ROOT = CliConformanceTest.ROOT.resolve("replay");

  /** The options whose values are files of the case folder. */
  private static final Set<String> INPUT_OPTIONS = Set.of("--data", "--changes", "--segment");

  /** The options whose values are the snapshot the replay writes and eval reads. */
  private static final Set<String> SNAPSHOT_OPTIONS = Set.of("--save", "--snapshot");

  private static final JsonFactory JSON = new JsonFactory();

  @TempDir
  Path tmp;

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
        () -> {
          Path out = Files.createDirectory(tmp.resolve(dir.getFileName().toString()));
          replay(dir, out);
          evalTheSavedSnapshot(dir, out);
        }));
  }

  /** A case's command line with its paths resolved, and each resolved path as written. */
  private record Resolved(List<String> argv, Map<String, String> writtenOf) {
    static Resolved of(List<String> written, Path dir, Path out) {
      List<String> argv = new ArrayList<>();
      Map<String, String> writtenOf = new LinkedHashMap<>();
      for (int i = 0; i < written.size(); i++) {
        String arg = written.get(i);
        argv.add(arg);
        Path base = INPUT_OPTIONS.contains(arg) ? dir : SNAPSHOT_OPTIONS.contains(arg) ? out
            : null;
        if (base != null && i + 1 < written.size()) {
          String value = written.get(++i);
          String resolved = value.equals("-") ? value : base.resolve(value).toString();
          writtenOf.put(resolved, value);
          argv.add(resolved);
        }
      }
      return new Resolved(argv, writtenOf);
    }

    String valueOf(String option) {
      int at = argv.indexOf(option);
      return at >= 0 && at + 1 < argv.size() ? argv.get(at + 1) : null;
    }

    /** The output lines as objects, with a segment named by a resolved path named as written. */
    @SuppressWarnings("unchecked")
    List<Object> parsed(String stdout) {
      List<Object> lines = new ArrayList<>();
      for (String line : stdout.lines().toList()) {
        Map<String, Object> o = (Map<String, Object>) parse(line);
        o.computeIfPresent("segment", (k, v) -> writtenOf.getOrDefault((String) v, (String) v));
        lines.add(o);
      }
      return lines;
    }
  }

  @SuppressWarnings("unchecked")
  private static void replay(Path dir, Path out) throws IOException {
    Map<String, Object> spec = (Map<String, Object>) parse(
        Files.readString(dir.resolve("replay.args.json")));
    Resolved resolved = Resolved.of((List<String>) spec.get("argv"), dir, out);
    List<String> argv = resolved.argv();
    boolean stdin = Boolean.TRUE.equals(spec.get("stdin"));
    String changes = resolved.valueOf("--changes");
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
    assertThat(resolved.valueOf("--save")).as("--save").isNotNull();

    CliRun run = CliRun.withInput(input, argv.toArray(String[]::new));

    assertThat(resolved.parsed(run.out())).as(run.err())
        .isEqualTo(expected(dir.resolve("expected-stdout.jsonl")));

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
    assertThat(Path.of(resolved.valueOf("--save"))).isRegularFile();
  }

  @SuppressWarnings("unchecked")
  private static void evalTheSavedSnapshot(Path dir, Path out) throws IOException {
    Map<String, Object> spec = (Map<String, Object>) parse(
        Files.readString(dir.resolve("eval.args.json")));
    Resolved resolved = Resolved.of((List<String>) spec.get("argv"), dir, out);
    assertThat(resolved.valueOf("--snapshot")).as("eval reads the saved snapshot").isNotNull();

    CliRun run = CliRun.of(resolved.argv().toArray(String[]::new));

    assertThat(run.err()).isEmpty();
    assertThat(run.status()).isZero();
    assertThat(resolved.parsed(run.out()))
        .isEqualTo(expected(dir.resolve("expected-eval.jsonl")));
  }

  private static List<Object> expected(Path file) throws IOException {
    List<Object> lines = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      if (!line.isBlank()) {
        lines.add(parse(line));
      }
    }
    return lines;
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
