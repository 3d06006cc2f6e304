package org.segmentdsl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The conformance suite through snapshot files: each set's dataset saved with {@code bin/segment
 * snapshot}, then every case of {@link CliConformanceTest} through {@code eval} and {@code
 * explain} with {@code --snapshot} in place of {@code --data}: the exit status, standard output
 * and standard error byte for byte those of the {@code --data} run, which gives the expected
 * result. Every invalid document is refused alike by {@code eval} and {@code validate}.
 */
class SnapshotConformanceTest {
  @TempDir
  static Path tmp;

  /** Each set's snapshot, by set. */
  private static final Map<String, Path> SNAPSHOTS = new HashMap<>();

  @BeforeAll
  static void saveEachSetsDataset() {
    for (String set : CliConformanceTest.SETS) {
      Path file = tmp.resolve(set + ".snapshot");
      CliRun run = CliRun.of("snapshot", "--data", data(set), "--out", file.toString());
      assertThat(run.err()).isEmpty();
      assertThat(run.status()).isZero();
      assertThat(run.out()).startsWith(file + ": ").endsWith(" bytes\n");
      SNAPSHOTS.put(set, file);
    }
  }

  private static String data(String set) {
    return CliConformanceTest.ROOT.resolve(set).resolve("data").toString();
  }

  /**
   * Runs {@code command args...} on the set's dataset folder and on its snapshot, checks that
   * both print the same bytes with the same exit status, and returns the dataset folder's run.
   */
  private static CliRun sameOnBoth(String set, String command, String... args) {
    CliRun byData = CliRun.of(commandLine(command, "--data", data(set), args));
    CliRun bySnapshot = CliRun.of(commandLine(command, "--snapshot",
        SNAPSHOTS.get(set).toString(), args));
    assertThat(bySnapshot).isEqualTo(byData);
    return byData;
  }

  private static String[] commandLine(String command, String option, String value,
      String... args) {
    List<String> line = new ArrayList<>(List.of(command, option, value));
    line.addAll(List.of(args));
    return line.toArray(String[]::new);
  }

  @TestFactory
  Stream<DynamicTest> everyCaseThroughEvalAndExplainOnTheSnapshot() throws IOException {
    List<CliConformanceTest.Case> cases = CliConformanceTest.cases();
    assertThat(cases).hasSize(129);
    return cases.stream().map(c -> DynamicTest.dynamicTest(c.set() + "/" + c.segment(), () -> {
      String segment = CliConformanceTest.ROOT.resolve(c.set()).resolve(c.segment()).toString();
      CliRun eval = sameOnBoth(c.set(), "eval", "--segment", segment, "--now", c.now(),
          "--zone", c.zone(), "--output", "json");
      assertThat(eval.err()).isEmpty();
      assertThat(eval.status()).isZero();
      assertThat(eval.out().strip()).isEqualTo(c.expectedJson());

      CliRun explain = sameOnBoth(c.set(), "explain", "--segment", segment, "--now", c.now(),
          "--zone", c.zone());
      assertThat(explain.err()).isEmpty();
      assertThat(explain.status()).isZero();
      assertThat(explain.out()).isNotEmpty();
    }));
  }

  @TestFactory
  Stream<DynamicTest> everyInvalidDocumentIsRefusedAlikeOnTheSnapshot() throws IOException {
    List<Path> files;
    try (Stream<Path> list = Files.list(CliConformanceTest.ROOT.resolve("invalid"))) {
      files = list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    assertThat(files).isNotEmpty();
    return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(),
        () -> {
          CliRun eval = sameOnBoth("set1", "eval", "--segment", file.toString(), "--now",
              "2026-07-15T18:45:30Z");
          assertThat(eval.status()).isEqualTo(SegmentCli.INVALID);
          assertThat(eval.err()).startsWith("error: " + file + ": ");
          CliRun validate = sameOnBoth("set1", "validate", file.toString());
          assertThat(validate.status()).isEqualTo(SegmentCli.INVALID);
        }));
  }
}
