package org.segmentdsl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The conformance suite through {@code bin/segment eval}, in process: every expected line of
 * every set, and every invalid document refused with exit 1. The data is the copy in
 * segment-json's test resources.
 */
class CliConformanceTest {
  static final Path ROOT = Path.of("../segment-json/src/test/resources/conformance");

  /** The sets of evaluation cases, each a dataset folder, segments and expected results. */
  static final List<String> SETS = List.of("set1", "set2", "set3");

  /** An expected line's fields, read with plain string handling (the format is fixed). */
  record Case(String set, String segment, String now, String zone, String expectedJson) {}

  static List<Case> cases() throws IOException {
    List<Case> out = new ArrayList<>();
    for (String set : SETS) {
      for (String line : Files.readAllLines(ROOT.resolve(set).resolve("expected.jsonl"))) {
        if (line.isBlank()) {
          continue;
        }
        String segment = field(line, "segment");
        // the CLI's json output is {"count": N, "ids": [...]}, as expected.jsonl holds them
        String result = line.substring(line.indexOf("\"count\""));
        out.add(new Case(set, segment, field(line, "now"), field(line, "zone"), "{" + result));
      }
    }
    return out;
  }

  private static String field(String line, String key) {
    int at = line.indexOf("\"" + key + "\": \"") + key.length() + 5;
    return line.substring(at, line.indexOf('"', at));
  }

  @TestFactory
  Stream<DynamicTest> everyCaseThroughEval() throws IOException {
    List<Case> cases = cases();
    assertThat(cases).hasSize(129);
    return cases.stream().map(c -> DynamicTest.dynamicTest(c.set() + "/" + c.segment(), () -> {
      CliRun run = CliRun.of("eval", "--data", ROOT.resolve(c.set()).resolve("data").toString(),
          "--segment", ROOT.resolve(c.set()).resolve(c.segment()).toString(),
          "--now", c.now(), "--zone", c.zone(), "--output", "json");
      assertThat(run.err()).isEmpty();
      assertThat(run.status()).isZero();
      assertThat(run.out().strip()).isEqualTo(c.expectedJson());
    }));
  }

  @Test
  void severalSegmentsLoadTheDatasetOnceAndPrintOneLineEach() throws IOException {
    List<Case> set1 = cases().subList(0, 5);
    List<String> args = new ArrayList<>(List.of("eval", "--data",
        ROOT.resolve("set1/data").toString(), "--now", set1.get(0).now(), "--zone",
        set1.get(0).zone()));
    for (Case c : set1) {
      args.add("--segment");
      args.add(ROOT.resolve("set1").resolve(c.segment()).toString());
    }
    CliRun run = CliRun.of(args.toArray(String[]::new));
    assertThat(run.status()).as(run.err()).isZero();
    List<String> lines = run.out().lines().toList();
    assertThat(lines).hasSize(5);
    for (int i = 0; i < 5; i++) {
      Case c = set1.get(i);
      assertThat(c.now()).isEqualTo(set1.get(0).now());
      String file = ROOT.resolve("set1").resolve(c.segment()).toString();
      assertThat(lines.get(i)).isEqualTo("{\"segment\": \"" + file + "\", "
          + c.expectedJson().substring(1));
    }
  }

  @TestFactory
  Stream<DynamicTest> everyInvalidDocumentExitsWithOne() throws IOException {
    List<Path> files;
    try (Stream<Path> list = Files.list(ROOT.resolve("invalid"))) {
      files = list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(),
        () -> {
          CliRun run = CliRun.of("eval", "--data", ROOT.resolve("set1/data").toString(),
              "--segment", file.toString(), "--now", "2026-07-15T18:45:30Z");
          assertThat(run.status()).isEqualTo(SegmentCli.INVALID);
          assertThat(run.out()).isEmpty();
          assertThat(run.err()).startsWith("error: " + file + ": ").doesNotContain("\tat ")
              .doesNotContain("Exception");
          CliRun validate = CliRun.of("validate", "--data", ROOT.resolve("set1/data").toString(),
              file.toString());
          assertThat(validate.status()).isEqualTo(SegmentCli.INVALID);
          assertThat(validate.err()).startsWith("error: " + file + ": ");
        }));
  }
}
