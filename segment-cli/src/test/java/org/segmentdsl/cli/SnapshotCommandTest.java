package org.segmentdsl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/segment snapshot} and {@code --snapshot}: the summary line, and files that cannot be
 * read or written: exit 1, an {@code error: } line naming the file, nothing on standard output, no
 * stack trace; {@code --data} and {@code --snapshot} together, or neither, a usage error.
 */
class SnapshotCommandTest {
  static final Path DATA = CliConformanceTest.ROOT.resolve("set1/data");

  /** A segment that every contact of set1 matches: the whole index, in its order. */
  static final String EVERYONE = "{\"format\": \"segment/v1\", \"where\": {\"not\": "
      + "{\"tag\": \"no-such-tag\"}}}";

  @TempDir
  Path dir;

  private Path snapshot() {
    Path file = dir.resolve("set1.snapshot");
    CliRun run = CliRun.of("snapshot", "--data", DATA.toString(), "--out", file.toString());
    assertThat(run.status()).as(run.err()).isZero();
    return file;
  }

  private static CliRun eval(String option, Path value) {
    return CliRun.of("eval", option, value.toString(), "--json", EVERYONE, "--now",
        "2026-07-15T18:45:30Z", "--output", "json");
  }

  private static long lines(String file) throws IOException {
    try (Stream<String> lines = Files.lines(DATA.resolve(file))) {
      return lines.filter(line -> !line.isBlank()).count();
    }
  }

  @Test
  void theSummaryLineCountsWhatTheFileHolds() throws IOException {
    Path file = dir.resolve("set1.snapshot");
    CliRun run = CliRun.of("snapshot", "--data", DATA.toString(), "--out", file.toString());
    assertThat(run.err()).isEmpty();
    assertThat(run.status()).isZero();
    long saved;
    try (Stream<Path> list = Files.list(DATA.resolve("segments"))) {
      saved = list.filter(p -> p.toString().endsWith(".json")).count();
    }
    assertThat(run.out()).isEqualTo(file + ": " + lines("contacts.jsonl") + " contacts, "
        + lines("events.jsonl") + " events, " + lines("deals.jsonl") + " deals, "
        + lines("accounts.jsonl") + " accounts, " + saved + " saved segments, "
        + Files.size(file) + " bytes\n");
  }

  @Test
  void theSnapshotAnswersAsTheDatasetFolder() {
    CliRun byData = eval("--data", DATA);
    assertThat(byData.status()).as(byData.err()).isZero();
    assertThat(eval("--snapshot", snapshot())).isEqualTo(byData);
  }

  @Test
  void aSnapshotSavedByAnotherProcessAnswersAsTheDatasetFolder() throws Exception {
    // bin/segment snapshot, then bin/segment eval --snapshot: two JVMs, as after a restart
    Path file = dir.resolve("other-process.snapshot");
    Process save = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java")
        .toString(), "-cp", System.getProperty("java.class.path"), SegmentCli.class.getName(),
        "snapshot", "--data", DATA.toString(), "--out", file.toString())
        .redirectErrorStream(true).start();
    String output = new String(save.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(save.waitFor()).as(output).isZero();
    assertThat(eval("--snapshot", file)).isEqualTo(eval("--data", DATA));
  }

  @Test
  void anExistingFileIsReplacedWhole() throws IOException {
    Path file = dir.resolve("set1.snapshot");
    Files.writeString(file, "x".repeat(1 << 20));
    snapshot();
    assertThat(eval("--snapshot", file)).isEqualTo(eval("--data", DATA));
    assertThat(dir.toFile().list()).containsExactly("set1.snapshot");
  }

  @Test
  void aMissingDatasetFolderIsExitOneAndWritesNothing() {
    Path none = dir.resolve("none");
    Path file = dir.resolve("out.snapshot");
    CliRun run = CliRun.of("snapshot", "--data", none.toString(), "--out", file.toString());
    assertThat(run.status()).isEqualTo(SegmentCli.INVALID);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).isEqualTo("error: " + none + ": not a dataset folder\n");
    assertThat(file).doesNotExist();
  }

  @Test
  void aBadDatasetIsExitOneAndWritesNothing() throws IOException {
    Path empty = Files.createDirectory(dir.resolve("empty"));
    Path file = dir.resolve("out.snapshot");
    CliRun run = CliRun.of("snapshot", "--data", empty.toString(), "--out", file.toString());
    assertThat(run.status()).isEqualTo(SegmentCli.INVALID);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).startsWith("error: " + empty.resolve("schema.json") + ": ")
        .doesNotContain("Exception");
    assertThat(file).doesNotExist();
  }

  @Test
  void anOutputThatCannotBeWrittenIsRefusedBeforeTheDatasetIsLoaded() {
    Path file = dir.resolve("no/such/folder/out.snapshot");
    // the dataset folder is missing too: the output is checked first
    CliRun run = CliRun.of("snapshot", "--data", dir.resolve("none").toString(), "--out",
        file.toString());
    assertThat(run.status()).isEqualTo(SegmentCli.INVALID);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).startsWith("error: " + file + ": cannot write: ");

    CliRun folder = CliRun.of("snapshot", "--data", DATA.toString(), "--out", dir.toString());
    assertThat(folder.status()).isEqualTo(SegmentCli.INVALID);
    assertThat(folder.out()).isEmpty();
    assertThat(folder.err()).isEqualTo("error: " + dir + ": cannot write: is a directory\n");
  }

  @Test
  void aMissingOptionIsAUsageError() {
    CliRun noOut = CliRun.of("snapshot", "--data", DATA.toString());
    assertThat(noOut.status()).isEqualTo(SegmentCli.USAGE);
    assertThat(noOut.out()).isEmpty();
    assertThat(noOut.err()).startsWith("error: ").contains("--out");

    CliRun noData = CliRun.of("snapshot", "--out", dir.resolve("x.snapshot").toString());
    assertThat(noData.status()).isEqualTo(SegmentCli.USAGE);
    assertThat(noData.err()).startsWith("error: ").contains("--data");
  }

  @Test
  void damagedForeignEmptyOrMissingSnapshotsAreExitOneNamingTheFile() throws IOException {
    byte[] good = Files.readAllBytes(snapshot());
    Map<String, byte[]> bad = new LinkedHashMap<>();
    bad.put("empty", new byte[0]);
    bad.put("truncated", Arrays.copyOf(good, good.length / 2));
    bad.put("headless", Arrays.copyOf(good, 8));
    byte[] flipped = good.clone();
    flipped[good.length / 2] ^= 0x10;
    bad.put("flipped", flipped);
    byte[] appended = Arrays.copyOf(good, good.length + 1);
    appended[good.length] = '\n';
    bad.put("appended", appended);
    bad.put("foreign", Files.readAllBytes(DATA.resolve("contacts.jsonl")));
    bad.put("text", "not a snapshot\n".getBytes(StandardCharsets.UTF_8));
    for (Map.Entry<String, byte[]> e : bad.entrySet()) {
      Path file = dir.resolve(e.getKey() + ".snapshot");
      Files.write(file, e.getValue());
      refusedNamingTheFile(file);
    }
    refusedNamingTheFile(dir.resolve("none.snapshot"));
    refusedNamingTheFile(dir); // a folder
  }

  private static void refusedNamingTheFile(Path file) {
    CliRun run = eval("--snapshot", file);
    assertThat(run.status()).as(file + ": " + run.err()).isEqualTo(SegmentCli.INVALID);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).startsWith("error: " + file + ": ").doesNotContain("\tat ")
        .doesNotContain("Exception");
  }

  @Test
  void everyCommandRefusesADamagedSnapshotAlike() throws IOException {
    byte[] bytes = Files.readAllBytes(snapshot());
    bytes[bytes.length / 3] ^= 0x01;
    Path file = Files.write(dir.resolve("damaged.snapshot"), bytes);
    Path segment = Files.writeString(dir.resolve("everyone.json"), EVERYONE);
    Path changes = Files.writeString(dir.resolve("changes.jsonl"), "");
    String first = null;
    for (List<String> args : List.of(
        List.of("eval", "--json", EVERYONE),
        List.of("explain", "--json", EVERYONE),
        List.of("validate", segment.toString()),
        List.of("replay", "--changes", changes.toString(), "--segment", segment.toString()))) {
      String[] line = Stream.concat(Stream.of(args.get(0), "--snapshot", file.toString()),
          args.stream().skip(1)).toArray(String[]::new);
      CliRun run = CliRun.of(line);
      assertThat(run.status()).as(String.join(" ", line)).isEqualTo(SegmentCli.INVALID);
      assertThat(run.out()).isEmpty();
      assertThat(run.err()).startsWith("error: " + file + ": ").doesNotContain("Exception");
      if (first == null) {
        first = run.err();
      }
      assertThat(run.err()).isEqualTo(first);
    }
  }

  @Test
  void dataAndSnapshotTogetherOrNeitherAreUsageErrors() {
    Path file = snapshot();
    for (String command : List.of("eval", "explain")) {
      CliRun both = CliRun.of(command, "--data", DATA.toString(), "--snapshot", file.toString(),
          "--json", EVERYONE);
      assertThat(both.status()).as(command).isEqualTo(SegmentCli.USAGE);
      assertThat(both.out()).isEmpty();
      assertThat(both.err()).startsWith("error: ").contains("--data").contains("--snapshot");

      CliRun neither = CliRun.of(command, "--json", EVERYONE);
      assertThat(neither.status()).as(command).isEqualTo(SegmentCli.USAGE);
      assertThat(neither.out()).isEmpty();
      assertThat(neither.err()).startsWith("error: ").contains("--data").contains("--snapshot");
    }
    CliRun validate = CliRun.of("validate", "--data", DATA.toString(), "--snapshot",
        file.toString(), file.toString());
    assertThat(validate.status()).isEqualTo(SegmentCli.USAGE);
    assertThat(validate.out()).isEmpty();
  }
}
