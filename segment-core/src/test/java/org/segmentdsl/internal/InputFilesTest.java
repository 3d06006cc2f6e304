package org.segmentdsl.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segmentdsl.SnapshotFile;

/**
 * Only regular files are opened: anything else is refused, saying what it is, without being
 * opened (a FIFO would block the open; a device is endless).
 */
class InputFilesTest {
  private static final Duration HANG_GUARD = Duration.ofSeconds(20);

  @TempDir
  Path dir;

  /** Makes a FIFO with mkfifo(1), which every Linux has. */
  static Path fifo(Path file) throws IOException, InterruptedException {
    Process p = new ProcessBuilder("mkfifo", file.toString()).inheritIO().start();
    assertThat(p.waitFor()).as("mkfifo " + file).isZero();
    return file;
  }

  private String refusal(Path file) {
    IOException e = assertTimeoutPreemptively(HANG_GUARD, () -> {
      try {
        InputFiles.open(file).close();
      } catch (IOException thrown) {
        return thrown;
      }
      throw new AssertionError(file + " was opened");
    });
    return InputFiles.describe(e);
  }

  @Test
  void aRegularFileAndALinkToOneAreRead() throws IOException {
    Path file = Files.writeString(dir.resolve("a.json"), "{}");
    Path link = Files.createSymbolicLink(dir.resolve("link.json"), file);
    assertThat(InputFiles.readAtMost(file, 10)).hasSize(2);
    assertThat(InputFiles.readAtMost(link, 10)).hasSize(2);
  }

  @Test
  void readingStopsOneByteAfterTheBound() throws IOException {
    Path file = Files.write(dir.resolve("big"), new byte[5000]);
    assertThat(InputFiles.readAtMost(file, 100)).hasSize(101);
    assertThat(InputFiles.readAtMost(file, 5000)).hasSize(5000);
  }

  @Test
  void eachKindOfNonRegularFileIsNamed() throws Exception {
    assertThat(refusal(dir)).isEqualTo("cannot read: is a directory");
    assertThat(refusal(fifo(dir.resolve("fifo")))).isEqualTo(
        "cannot read: is not a regular file (a FIFO)");
    assertThat(refusal(Files.createSymbolicLink(dir.resolve("zero"), Path.of("/dev/zero"))))
        .isEqualTo("cannot read: is not a regular file (a device)");
    Path loop = Files.createSymbolicLink(dir.resolve("loop"), dir.resolve("loop"));
    assertThat(refusal(loop)).isEqualTo(
        "cannot read: too many levels of symbolic links (a symbolic link loop)");
    assertThat(refusal(dir.resolve("none"))).isEqualTo("no such file");
  }

  @Test
  void aSnapshotFileThatIsAFifoIsRefusedWithoutBlocking() throws Exception {
    Path fifo = fifo(dir.resolve("snapshot.seg"));
    IOException e = assertTimeoutPreemptively(HANG_GUARD,
        () -> org.junit.jupiter.api.Assertions.assertThrows(IOException.class,
            () -> SnapshotFile.load(fifo)));
    assertThat(InputFiles.describe(e)).isEqualTo("cannot read: is not a regular file (a FIFO)");
    assertThatThrownBy(() -> SnapshotFile.load(dir.resolve("none")))
        .isInstanceOf(NoSuchFileException.class);
  }
}
