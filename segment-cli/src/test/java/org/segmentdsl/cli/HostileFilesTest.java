package org.segmentdsl.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segmentdsl.SnapshotFile;
import org.segmentdsl.json.ChangeStream;
import org.segmentdsl.json.DatasetException;
import org.segmentdsl.json.DatasetLoader;
import org.segmentdsl.json.SegmentJson;

/**
 * Hostile files in place of a dataset's files and of the files the command line names: FIFOs,
 * links to {@code /dev/zero}, folders, symbolic link loops and huge files. The loader (in this
 * JVM) and the command line (in a child JVM with a 256 MiB heap) each give, within seconds, a
 * clear error naming the file, exit status 1, and no stack trace.
 */
class HostileFilesTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  @TempDir
  Path dir;

  Path data;
  Path segment;

  @BeforeEach
  void validDataset() throws IOException {
    data = Files.createDirectories(dir.resolve("data"));
    Files.writeString(data.resolve("schema.json"), "{\"contact\": {\"fields\": {}}}");
    Files.writeString(data.resolve("contacts.jsonl"), "{\"id\": \"c-1\", \"tags\": [\"a\"]}\n");
    Files.createDirectories(data.resolve("segments"));
    segment = Files.writeString(dir.resolve("a.json"),
        "{\"format\": \"segment/v1\", \"where\": {\"tag\": \"a\"}}");
  }

  /** Makes a FIFO with mkfifo(1); fails loudly if it cannot. */
  private static Path mkfifo(Path file) throws IOException, InterruptedException {
    Files.deleteIfExists(file);
    Process p = new ProcessBuilder("mkfifo", file.toString()).inheritIO().start();
    assertThat(p.waitFor()).as("mkfifo " + file).isZero();
    return file;
  }

  private static Path zeroLink(Path file) throws IOException {
    Files.deleteIfExists(file);
    return Files.createSymbolicLink(file, Path.of("/dev/zero"));
  }

  /** A file of {@code size} bytes that holds no data (a hole): no line break, no disk used. */
  private static Path sparse(Path file, long size) throws IOException {
    Files.deleteIfExists(file);
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
      f.setLength(size);
    }
    return file;
  }

  // --- the command line in a child JVM ---

  private record Run(int status, String out, String err) {}

  /** Runs the CLI in a child JVM with a small heap; destroys it and fails after the timeout. */
  private Run child(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of(
        ProcessHandle.current().info().command().orElseThrow(), "-Xmx256m",
        "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-cp",
        System.getProperty("java.class.path"), SegmentCli.class.getName()));
    command.addAll(Arrays.asList(args));
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    Process p = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(
        Path.of("/dev/null").toFile())).redirectOutput(out.toFile()).redirectError(err.toFile())
        .start();
    if (!p.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
      p.destroyForcibly().waitFor();
      fail("segment " + String.join(" ", args) + " still runs after " + TIMEOUT);
    }
    return new Run(p.exitValue(), Files.readString(out), Files.readString(err));
  }

  /**
   * The CLI refuses the input: exit 1, nothing printed, a clear error naming {@code file}, then
   * {@code what} (": cannot read: ...", ":1: ...").
   */
  private void cliRefuses(Path file, String what, String... args) throws Exception {
    Run run = child(args);
    assertThat(run.status()).as(run.err()).isEqualTo(SegmentCli.INVALID);
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).doesNotContain("\tat ").doesNotContain("Exception")
        .doesNotContain("internal error").doesNotContain("heap")
        .startsWith("error: " + file + what);
  }

  private String[] eval() {
    return new String[] {"eval", "--data", data.toString(), "--segment", segment.toString(),
        "--now", "2026-01-01T00:00:00Z"};
  }

  /** The loader in this JVM: its problems, which must name the file. */
  private void loaderRefuses(Path file, String what) {
    List<String> problems = assertTimeoutPreemptively(TIMEOUT, () -> {
      try {
        DatasetLoader.load(data);
      } catch (DatasetException e) {
        return e.problems();
      }
      throw new AssertionError("the dataset loaded");
    });
    assertThat(problems).first().asString().startsWith(file + what);
  }

  /** A dataset with {@code file} made hostile fails the same in the loader and in the CLI. */
  private void datasetRefuses(Path file, String what) throws Exception {
    loaderRefuses(file, what);
    cliRefuses(file, what, eval());
  }

  @Test
  void hostileDatasetFiles() throws Exception {
    String fifo = ": cannot read: is not a regular file (a FIFO)";
    String device = ": cannot read: is not a regular file (a device)";
    for (String file : List.of("schema.json", "contacts.jsonl", "events.jsonl",
        "segments/a.json")) {
      validDataset();
      datasetRefuses(mkfifo(data.resolve(file)), fifo);
      Files.delete(data.resolve(file));
    }
    for (String file : List.of("schema.json", "contacts.jsonl", "events.jsonl")) {
      validDataset();
      datasetRefuses(zeroLink(data.resolve(file)), device);
      Files.delete(data.resolve(file));
    }
    validDataset();
    Files.delete(data.resolve("contacts.jsonl"));
    datasetRefuses(Files.createDirectory(data.resolve("contacts.jsonl")),
        ": cannot read: is a directory");
    Files.delete(data.resolve("contacts.jsonl"));

    validDataset();
    Path loop = data.resolve("deals.jsonl");
    datasetRefuses(Files.createSymbolicLink(loop, loop), ": cannot read: too many levels of "
        + "symbolic links (a symbolic link loop)");
    Files.delete(loop);

    validDataset();
    byte[] spaces = new byte[3 << 20];
    Arrays.fill(spaces, (byte) ' ');
    datasetRefuses(Files.write(data.resolve("schema.json"), spaces), ": larger than 1 MiB");

    validDataset();
    datasetRefuses(Files.writeString(data.resolve("contacts.jsonl"), "{\"id\": \"c-1\", \"x\": \""
        + "y".repeat(2 << 20) + "\"}\n"), ":1: line is longer than 1 MiB");

    validDataset();
    datasetRefuses(sparse(data.resolve("events.jsonl"), 5L << 30),
        ":1: line is longer than 1 MiB");
  }

  @Test
  void hostileFilesNamedOnTheCommandLine() throws Exception {
    String fifo = ": cannot read: is not a regular file (a FIFO)";
    Path segmentFifo = mkfifo(dir.resolve("fifo.json"));
    assertTimeoutPreemptively(TIMEOUT, () -> ReadAttempt.refused(() -> SegmentJson.read(
        segmentFifo)));
    cliRefuses(segmentFifo, fifo, "eval", "--data", data.toString(), "--segment",
        segmentFifo.toString());
    cliRefuses(segmentFifo, fifo, "validate", segmentFifo.toString());

    Path changes = mkfifo(dir.resolve("changes.jsonl"));
    assertTimeoutPreemptively(TIMEOUT, () -> ReadAttempt.refused(() -> ChangeStream.open(changes,
        org.segmentdsl.Schema.builder().build())));
    cliRefuses(changes, fifo, "replay", "--data", data.toString(), "--segment",
        segment.toString(), "--changes", changes.toString());

    Path snapshot = mkfifo(dir.resolve("data.seg"));
    assertTimeoutPreemptively(TIMEOUT, () -> ReadAttempt.refused(() -> SnapshotFile.load(
        snapshot)));
    cliRefuses(snapshot, fifo, "eval", "--snapshot", snapshot.toString(), "--segment",
        segment.toString());

    Path zeroChanges = zeroLink(dir.resolve("zero.jsonl"));
    cliRefuses(zeroChanges, ": cannot read: is not a regular file (a device)", "replay",
        "--data", data.toString(), "--segment", segment.toString(), "--changes",
        zeroChanges.toString());
    Path zero = zeroLink(dir.resolve("zero.json"));
    cliRefuses(zero, ": cannot read: is not a regular file (a device)", "validate",
        zero.toString());
    Path huge = sparse(dir.resolve("huge.json"), 5L << 30);
    cliRefuses(huge, ": document is larger than 1 MiB", "validate", huge.toString());
    Path deep = Files.writeString(dir.resolve("deep.json"), "{\"format\": \"segment/v1\", "
        + "\"where\": " + "[".repeat((1 << 20) - 40) + "}");
    cliRefuses(deep, ": malformed JSON: Unexpected close marker '}'", "validate",
        deep.toString());
    Path utf16 = Files.write(dir.resolve("utf16.json"), Files.readString(segment)
        .getBytes(java.nio.charset.StandardCharsets.UTF_16LE));
    cliRefuses(utf16, ": not UTF-8: looks like UTF-16LE", "validate", utf16.toString());
  }

  /** Checks that a read fails with an I/O exception rather than hanging or reading. */
  private static final class ReadAttempt {
    @FunctionalInterface
    interface Read {
      Object run() throws IOException;
    }

    static void refused(Read read) {
      try {
        read.run();
      } catch (IOException | UncheckedIOException e) {
        return;
      }
      fail("read");
    }
  }

  @Test
  void aSegmentFileThatIsNotARegularFileSaysWhatItIs() throws Exception {
    Path fifo = mkfifo(dir.resolve("fifo.json"));
    Path zeroChanges = zeroLink(dir.resolve("zero.jsonl"));
    cliRefuses(zeroChanges, ": cannot read: is not a regular file (a device)", "replay",
        "--data", data.toString(), "--segment", segment.toString(), "--changes",
        zeroChanges.toString());
    Path zero = zeroLink(dir.resolve("zero.json"));
    Path loop = Files.createSymbolicLink(dir.resolve("loop.json"), dir.resolve("loop.json"));
    Path none = dir.resolve("none.json");
    CliRun run = assertTimeoutPreemptively(TIMEOUT, () -> CliRun.of("validate", dir.toString(),
        fifo.toString(), zero.toString(), loop.toString(), none.toString(), ""));
    assertThat(run.status()).isEqualTo(SegmentCli.INVALID);
    assertThat(run.err()).isEqualTo(String.join("\n",
        "error: " + dir + ": cannot read: is a directory",
        "error: " + fifo + ": cannot read: is not a regular file (a FIFO)",
        "error: " + zero + ": cannot read: is not a regular file (a device)",
        "error: " + loop + ": cannot read: too many levels of symbolic links (a symbolic link "
            + "loop)",
        "error: " + none + ": no such file",
        "error: \"\": an empty path names no file", ""));
    CliRun eval = CliRun.of("eval", "--data", data.toString(), "--segment", dir.toString());
    assertThat(eval.err()).isEqualTo("error: " + dir + ": cannot read: is a directory\n");
  }

  @Test
  void aChangeFileThatIsAPipeSaysHowToStreamChanges() throws Exception {
    Path changes = mkfifo(dir.resolve("changes.jsonl"));
    CliRun run = assertTimeoutPreemptively(TIMEOUT, () -> CliRun.of("replay", "--data",
        data.toString(), "--segment", segment.toString(), "--changes", changes.toString()));
    assertThat(run.status()).isEqualTo(SegmentCli.INVALID);
    assertThat(run.err()).isEqualTo("error: " + changes + ": cannot read: is not a regular file "
        + "(a FIFO); for a stream, use --changes - and pipe it to standard input\n");
  }
}
