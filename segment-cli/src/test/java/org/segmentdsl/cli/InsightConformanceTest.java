package org.segmentdsl.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.segmentdsl.json.InsightCases;

/**
 * The insight conformance suite's cases through {@code bin/segment}: {@code overlap} and {@code
 * report} run as the suite says, in a JVM whose working directory is the set's folder, with the
 * arguments exactly as written (a segment without an id is named by its path as given); {@code
 * why} in this JVM, its paths resolved against the set's folder.
 */
class InsightConformanceTest {
  static final Path INSIGHT = CliConformanceTest.ROOT.resolve("insight");
  private static final Pattern ARG = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
  private static final Pattern PAIR =
      Pattern.compile("\"(\\w+)\":\\s*(\"(?:[^\"\\\\]|\\\\.)*\"|[-0-9.eE]+)");

  @TestFactory
  Stream<DynamicTest> everyOverlapCase() throws IOException {
    return cases("overlap");
  }

  @TestFactory
  Stream<DynamicTest> everyReportCase() throws IOException {
    return cases("report");
  }

  @TestFactory
  Stream<DynamicTest> everyWhyCase() throws IOException {
    List<Path> cases = InsightCases.cases(INSIGHT, "why");
    assertThat(cases).hasSizeGreaterThanOrEqualTo(3);
    return cases.stream().map(args -> DynamicTest.dynamicTest(
        INSIGHT.relativize(args).toString(), () -> checkWhy(args)));
  }

  @TestFactory
  Stream<DynamicTest> everyLintCase() throws IOException {
    List<Path> sets = InsightCases.setsWith(INSIGHT, "lint/args.json");
    assertThat(sets).hasSizeGreaterThanOrEqualTo(3);
    return sets.stream().map(set -> DynamicTest.dynamicTest(
        INSIGHT.relativize(set).toString() + "/lint", () -> {
          Path args = set.resolve("lint/args.json");
          CliRun run = run(args);
          assertThat(run.status()).as(run.err()).isZero();
          InsightCases.assertLint(Files.readAllLines(set.resolve("lint/expected.jsonl"))
              .stream().filter(l -> !l.isBlank()).toList(), run.out().lines().toList());
        }));
  }

  private static Stream<DynamicTest> cases(String command) throws IOException {
    List<Path> cases = InsightCases.cases(INSIGHT, command);
    assertThat(cases).hasSizeGreaterThanOrEqualTo(3);
    return cases.stream().map(args -> DynamicTest.dynamicTest(
        INSIGHT.relativize(args).toString(), () -> check(args)));
  }

  /** Runs a case's argv in a JVM of its own whose working directory is the case's set. */
  static CliRun run(Path argsFile) throws IOException, InterruptedException {
    Path set = argsFile.getParent().getParent();
    String args = Files.readString(argsFile);
    String argv = args.substring(args.indexOf('[') + 1, args.indexOf(']'));
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), SegmentCli.class.getName()));
    Matcher m = ARG.matcher(argv);
    while (m.find()) {
      command.add(m.group(1));
    }
    Process p = new ProcessBuilder(command).directory(set.toFile()).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    return new CliRun(p.waitFor(), out, err);
  }

  private static List<String> expected(Path argsFile) throws IOException {
    Path expectedFile = Path.of(argsFile.toString().replace(".args.json", ".expected.jsonl"));
    return Files.readAllLines(expectedFile).stream().filter(l -> !l.isBlank()).toList();
  }

  /**
   * A why case, in this JVM (a JVM per case would add a minute to the build): its paths resolved
   * against the set's folder, as the suite allows (why's output names no file).
   */
  @SuppressWarnings("unchecked")
  private static void checkWhy(Path argsFile) throws Exception {
    Path set = argsFile.getParent().getParent();
    Map<String, Object> args = (Map<String, Object>) InsightCases.parse(
        Files.readString(argsFile));
    List<String> argv = new ArrayList<>((List<String>) args.get("argv"));
    for (int i = 1; i < argv.size(); i++) {
      if (argv.get(i - 1).equals("--data") || argv.get(i - 1).equals("--segment")) {
        argv.set(i, set.resolve(argv.get(i)).toString());
      }
    }
    CliRun run = CliRun.of(argv.toArray(String[]::new));
    if (args.containsKey("expectedExit")) {
      assertThat(run.status()).as(run.err())
          .isEqualTo(((Number) args.get("expectedExit")).intValue());
      assertThat(run.err()).contains((String) args.get("expectedError"));
      assertThat(run.out()).isEmpty();
      return;
    }
    assertThat(run.status()).as(run.err()).isZero();
    InsightCases.assertWhy(expected(argsFile), run.out().lines().toList());
  }

  private static void check(Path argsFile) throws Exception {
    CliRun run = run(argsFile);
    assertThat(run.status()).as(run.err()).isZero();
    List<String> expected = expected(argsFile);
    List<String> actual = run.out().lines().toList();
    assertThat(actual).hasSameSizeAs(expected);
    for (int i = 0; i < expected.size(); i++) {
      Map<String, String> want = fields(expected.get(i));
      Map<String, String> got = fields(actual.get(i));
      Map<String, String> wantActivity = activity(expected.get(i));
      Map<String, String> gotActivity = activity(actual.get(i));
      assertThat(gotActivity.keySet()).as("line %d's event types", i + 1)
          .isEqualTo(wantActivity.keySet());
      for (Map.Entry<String, String> type : wantActivity.entrySet()) {
        Map<String, String> w = fields(type.getValue());
        Map<String, String> g = fields(gotActivity.get(type.getKey()));
        assertThat(g.get("members")).isEqualTo(w.get("members"));
        assertThat(g.get("others")).isEqualTo(w.get("others"));
        for (String share : List.of("membersShare", "othersShare")) {
          assertThat(Double.parseDouble(g.get(share)))
              .as("line %d %s %s", i + 1, type.getKey(), share)
              .isCloseTo(Double.parseDouble(w.get(share)), within(1e-9));
        }
      }
      want = top(expected.get(i));
      got = top(actual.get(i));
      assertThat(got.keySet()).as("line %d", i + 1).containsAll(want.keySet());
      for (Map.Entry<String, String> e : want.entrySet()) {
        if (e.getKey().equals("jaccard") || e.getKey().equals("share")) {
          assertThat(Double.parseDouble(got.get(e.getKey())))
              .isCloseTo(Double.parseDouble(e.getValue()), within(1e-9));
        } else {
          assertThat(got.get(e.getKey())).as("line %d %s", i + 1, e.getKey())
              .isEqualTo(e.getValue());
        }
      }
    }
  }

  private static final Pattern TYPE = Pattern.compile("\"(\\w+)\":\\s*\\{([^{}]*)\\}");

  /** A report line's activity: each event type's object, raw; empty for other lines. */
  static Map<String, String> activity(String line) {
    Map<String, String> out = new LinkedHashMap<>();
    int at = line.indexOf("\"activity\"");
    if (at >= 0) {
      Matcher m = TYPE.matcher(line.substring(line.indexOf('{', at) + 1));
      while (m.find()) {
        out.put(m.group(1), m.group(2));
      }
    }
    return out;
  }

  /** A line's keys and values outside its activity object. */
  static Map<String, String> top(String line) {
    int at = line.indexOf("\"activity\"");
    return fields(at < 0 ? line : line.substring(0, at));
  }

  /** A flat JSON object's keys and raw values. */
  static Map<String, String> fields(String line) {
    Map<String, String> out = new LinkedHashMap<>();
    Matcher m = PAIR.matcher(line);
    while (m.find()) {
      out.put(m.group(1), m.group(2));
    }
    return out;
  }
}
