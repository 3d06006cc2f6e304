package org.segmentdsl.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every file of a dataset must be a regular file, read with a bound: a FIFO, a device, a folder or
 * a huge file in its place is one problem naming the file, found at once, never a hang or an
 * exhausted heap.
 */
class DatasetFilesTest {
  private static final Duration HANG_GUARD = Duration.ofSeconds(30);
  private static final List<String> FILES = List.of("schema.json", "contacts.jsonl",
      "events.jsonl", "deals.jsonl", "accounts.jsonl", "segments/a.json");

  @TempDir
  Path dir;

  @BeforeEach
  void validDataset() throws IOException {
    Files.writeString(dir.resolve("schema.json"), "{\"contact\": {\"fields\": {}}}");
    Files.writeString(dir.resolve("contacts.jsonl"), "{\"id\": \"c-1\"}\n");
    Files.createDirectories(dir.resolve("segments"));
  }

  /** The load's problems; it must fail. */
  private List<String> problems() {
    return assertTimeoutPreemptively(HANG_GUARD, () -> {
      try {
        DatasetLoader.load(dir);
      } catch (DatasetException e) {
        return e.problems();
      }
      throw new AssertionError("the dataset loaded");
    });
  }

  private static void mkfifo(Path file) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("mkfifo", file.toString()).inheritIO().start();
    assertThat(p.waitFor()).as("mkfifo " + file).isZero();
  }

  @Test
  void theValidDatasetLoads() {
    assertThat(DatasetLoader.load(dir).index().snapshot().size()).isEqualTo(1);
  }

  /** Makes a file's replacement. */
  @FunctionalInterface
  private interface Replacement {
    void make(Path file) throws Exception;
  }

  /** Each file of the dataset in turn replaced: the load's one problem names it. */
  private void eachFileReplaced(Replacement replacement, String problem) throws Exception {
    for (String file : FILES) {
      validDataset(); // back to regular files
      Files.deleteIfExists(dir.resolve(file));
      replacement.make(dir.resolve(file));
      assertThat(problems()).as(file).containsExactly(dir.resolve(file) + ": " + problem);
      Files.delete(dir.resolve(file));
    }
  }

  @Test
  void aFifoInPlaceOfAnyFileIsNamedNotOpened() throws Exception {
    eachFileReplaced(DatasetFilesTest::mkfifo, "cannot read: is not a regular file (a FIFO)");
  }

  @Test
  void aLinkToDevZeroInPlaceOfAnyFileIsNamedNotRead() throws Exception {
    eachFileReplaced(file -> Files.createSymbolicLink(file, Path.of("/dev/zero")),
        "cannot read: is not a regular file (a device)");
  }

  @Test
  void aFolderOrALinkLoopInPlaceOfAFileIsNamed() throws Exception {
    eachFileReplaced(Files::createDirectory, "cannot read: is a directory");
    eachFileReplaced(file -> Files.createSymbolicLink(file, file),
        "cannot read: too many levels of symbolic links (a symbolic link loop)");
  }

  @Test
  void aSegmentsFolderThatIsAFileOrAFifoIsNamed() throws Exception {
    Files.delete(dir.resolve("segments"));
    Files.writeString(dir.resolve("segments"), "x");
    assertThat(problems()).containsExactly(dir.resolve("segments") + ": is not a directory");
    Files.delete(dir.resolve("segments"));
    mkfifo(dir.resolve("segments"));
    assertThat(problems()).containsExactly(dir.resolve("segments") + ": is not a directory");
  }

  @Test
  void aHugeSchemaIsRefusedAfterItsFirstMebibyte() throws IOException {
    byte[] huge = new byte[3 << 20];
    java.util.Arrays.fill(huge, (byte) ' ');
    Files.write(dir.resolve("schema.json"), huge);
    assertThat(problems()).containsExactly(dir.resolve("schema.json") + ": larger than 1 MiB");
  }

  @Test
  void aLineOverTheLimitEndsTheReadingOfItsFile() throws IOException {
    Files.writeString(dir.resolve("contacts.jsonl"), "{\"id\": \"c-1\"}\n"
        + "{\"id\": \"c-2\", \"x\": \"" + "y".repeat(2 << 20) + "\"}\n{\"id\": 3}\n");
    assertThat(problems()).containsExactly(dir.resolve("contacts.jsonl")
        + ":2: line is longer than 1 MiB (the rest of contacts.jsonl is not read)");
  }

  @Test
  void aSparseFileOfGigabytesWithoutALineBreakCostsOneLine() throws IOException {
    for (String file : List.of("contacts.jsonl", "events.jsonl")) {
      validDataset();
      Files.deleteIfExists(dir.resolve(file));
      try (RandomAccessFile f = new RandomAccessFile(dir.resolve(file).toFile(), "rw")) {
        f.setLength(6L << 30);
      }
      assertThat(problems()).as(file).containsExactly(dir.resolve(file)
          + ":1: line is longer than 1 MiB (the rest of " + file + " is not read)");
      Files.delete(dir.resolve(file));
    }
  }

  @Test
  void aSegmentFileOrChangeFileThatIsAFifoIsRefused() throws Exception {
    Path fifo = dir.resolve("fifo.json");
    mkfifo(fifo);
    IOException e = assertTimeoutPreemptively(HANG_GUARD, () ->
        org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
            () -> SegmentJson.read(fifo)));
    assertThat(e.getMessage()).endsWith("is not a regular file (a FIFO)");
    IOException c = assertTimeoutPreemptively(HANG_GUARD, () ->
        org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
            () -> ChangeStream.open(fifo, org.segmentdsl.Schema.builder().build())));
    assertThat(c.getMessage()).endsWith("is not a regular file (a FIFO)");
  }

  @Test
  void aLineOfOneMebibyteBeforeItsLineEndingIsReadWhereverTheChunksBreak() throws IOException {
    // the line reader reads 64 KiB chunks: put the \r and the \n on either side of a chunk's end
    for (int shift = -2; shift <= 2; shift++) {
      // a blank line fills the first chunk up to the long line, which starts `shift` bytes
      // after the chunk's end: its \r\n then falls at a chunk's end too
      String lines = "{\"id\": \"c-1\"}\n" + " ".repeat(65536 + shift - 15) + "\n";
      String head = "{\"id\": \"c-2\"";
      String line = head + " ".repeat((1 << 20) - head.length() - 1) + "}";
      Files.write(dir.resolve("contacts.jsonl"), (lines + line + "\r\n{\"id\": \"c-3\"}\r\n")
          .getBytes(StandardCharsets.UTF_8));
      assertThat(DatasetLoader.load(dir).index().snapshot().size()).as("shift " + shift)
          .isEqualTo(3);
      // the last line's \r alone ends it too, as it ends a shorter line
      Files.write(dir.resolve("contacts.jsonl"), (lines + line + "\r")
          .getBytes(StandardCharsets.UTF_8));
      assertThat(DatasetLoader.load(dir).index().snapshot().size()).as("shift " + shift)
          .isEqualTo(2);
      Files.write(dir.resolve("contacts.jsonl"), (lines + " " + line + "\r\n")
          .getBytes(StandardCharsets.UTF_8));
      assertThat(problems()).as("shift " + shift).containsExactly(dir.resolve("contacts.jsonl")
          + ":3: line is longer than 1 MiB (the rest of contacts.jsonl is not read)");
    }
  }
}
