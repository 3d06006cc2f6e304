package org.segmentdsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.segmentdsl.dsl.Conditions.numberField;
import static org.segmentdsl.dsl.Conditions.tag;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Atomic replace (snapshot.md): a process that saves to one path over and over is killed
 * ({@code destroyForcibly}, SIGKILL on Unix) at random moments, many times; after every kill the
 * path holds no file (only if no save ever completed) or a whole snapshot that loads and holds
 * exactly the state of one round: the last round the child reported, or the one after it (saved,
 * killed before it could say so). Each run goes on from the rounds of the one before, over the
 * file it left, so a save must also replace a file whose writer was killed and cope with whatever
 * temporary files killed saves left behind; their names are printed, not asserted.
 *
 * <p>A kill leaves what the process wrote in the operating system's cache: this tests the rename
 * and the cleanup of a killed save, not what a power cut does to unflushed data.
 *
 * <p>Most kills come a random delay after the child reported its first round; every fourth comes
 * a random delay after the start, possibly before the JVM is up or the first save is done. Runs
 * stop after {@value #MAX_KILLS} kills or {@value #SECONDS} seconds (at least {@value #MIN_KILLS}
 * kills): a bound on the test's length, not a check of speed.
 *
 * <p>The crash test loads in this JVM what another one saved; {@link
 * #aSnapshotSavedByAnotherProcessLoadsAndAnswersAlike} checks that on its own, without kills.
 */
class SnapshotCrashTest {
  static final long SEED = 0x5E6D_C8A5_2026L;
  static final int MAX_KILLS = 30;
  static final int MIN_KILLS = 8;
  static final int SECONDS = 40;
  /** How long a child may take to report its first round before it is taken for hung. */
  static final int HANG_SECONDS = 120;

  @TempDir
  Path dir;

  @TempDir
  Path logs;

  @Test
  @Timeout(value = 10, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void killedSavesLeaveThePreviousOrTheNewFileWhole() throws Exception {
    Path target = dir.resolve("contacts.snapshot");
    int fixtureSize = SnapshotCrashChild.fixture().size();
    SplittableRandom rnd = new SplittableRandom(SEED);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(SECONDS);
    Long state = null; // the round the file holds; null while there is no file
    long nextRound = 0;
    Set<String> strays = new TreeSet<>();
    List<String> history = new ArrayList<>();
    int kills = 0;
    int midRun = 0;
    while (kills < MAX_KILLS && (kills < MIN_KILLS || System.nanoTime() < deadline)) {
      long first = nextRound;
      boolean early = kills % 4 == 3;
      int delayMs = early ? rnd.nextInt(2_500) : rnd.nextInt(400);
      Child child = Child.start(target, first, logs.resolve("child-" + kills + ".err"));
      try {
        if (!early) {
          child.awaitFirstRound(HANG_SECONDS, SEED, kills);
        }
        Thread.sleep(delayMs);
        if (!child.process.isAlive()) {
          throw new AssertionError("seed " + SEED + ", run " + kills + ": the child stopped on "
              + "its own (a save failed?):\n" + child.errors());
        }
      } finally {
        child.kill();
      }
      long last = child.lastRound.get(); // first - 1: none reported
      if (last >= first) {
        midRun++;
      }
      Set<Long> allowed = new LinkedHashSet<>();
      if (last >= first) {
        allowed.add(last);
        allowed.add(last + 1);
      } else {
        allowed.add(state); // nothing reported: the file of the run before, or this run's first
        allowed.add(first);
      }
      String what = "seed " + SEED + ", run " + kills + " (" + (early ? "killed " + delayMs
          + " ms after the start" : "killed " + delayMs + " ms after its first round") + "), rounds "
          + first + ".." + last + " reported; the file may hold round " + allowed + "; history "
          + history;
      state = check(target, fixtureSize, allowed, what);
      history.add(first + ".." + last + "->" + state);
      nextRound = Math.max(first, last + 1) + 1;
      strays.addAll(others(target));
      kills++;
    }
    assertThat(midRun).as("kills after a reported round").isPositive();

    // whatever killed saves left, a save in this process still replaces the file
    ContactIndex index = SnapshotCrashChild.fixture();
    long round = nextRound;
    SnapshotCrashChild.round(index, SnapshotCrashChild.ids(index), round, round);
    SnapshotFile.save(index, SnapshotFixture.savedSegments(), target);
    assertThat(check(target, fixtureSize, Set.of(round), "seed " + SEED + ": the final save"))
        .isEqualTo(round);
    System.out.println("SnapshotCrashTest: " + kills + " kills (" + midRun
        + " after a reported round): " + history + "; files left beside the target: "
        + (strays.isEmpty() ? "none" : strays) + "; after the final save: " + others(target));
  }

  /**
   * The class path of a child JVM: this one's, and its module path when the tests run on it
   * (the child runs everything on the class path: it needs no module's encapsulation).
   */
  static String childClassPath() {
    String modules = System.getProperty("jdk.module.path");
    String classes = System.getProperty("java.class.path");
    return modules == null || modules.isEmpty() ? classes
        : modules + java.io.File.pathSeparator + classes;
  }

  /**
   * A file saved by another process (another JVM: other identity hash codes, other iteration
   * orders of {@code Set.of} and {@code Map.of}) loads here and answers every probe as the same
   * index built here does.
   */
  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aSnapshotSavedByAnotherProcessLoadsAndAnswersAlike() throws Exception {
    Path target = dir.resolve("other-process.snapshot");
    Path errors = logs.resolve("other-process.err");
    String java = ProcessHandle.current().info().command().orElseThrow();
    Process p = new ProcessBuilder(java, "-Xmx256m", "-XX:+UseSerialGC", "-cp",
        childClassPath(), SnapshotCrashChild.class.getName(),
        target.toString(), "7", "9")
        .redirectError(errors.toFile()).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    try {
      if (!p.waitFor(HANG_SECONDS, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new AssertionError("the child did not save three rounds and exit: "
            + Files.readString(errors));
      }
    } finally {
      p.destroyForcibly();
    }
    ContactIndex here = SnapshotCrashChild.fixture();
    List<String> ids = SnapshotCrashChild.ids(here);
    for (long r = 7; r <= 9; r++) {
      SnapshotCrashChild.round(here, ids, 7, r);
    }
    SnapshotFile.Loaded loaded = SnapshotFile.load(target);
    assertThat(loaded.segments()).isEqualTo(SnapshotFixture.savedSegments());
    assertThat(loaded.index().size()).isEqualTo(here.size());
    assertThat(SnapshotFixture.answers(loaded.index(), loaded.segments()))
        .isEqualTo(SnapshotFixture.answers(here, SnapshotFixture.savedSegments()));
    assertThat(loaded.index().evaluate(numberField("round").eq(9), SnapshotFixture.CTX).count())
        .isEqualTo(here.size());
  }

  /**
   * Checks that {@code target} is absent (if {@code allowed} holds null) or loads and holds the
   * state of one allowed round; returns that round, or null.
   */
  private static Long check(Path target, int fixtureSize, Set<Long> allowed, String what)
      throws IOException {
    if (!Files.exists(target)) {
      if (!allowed.contains(null)) {
        throw new AssertionError(what + ": the file is gone");
      }
      return null;
    }
    SnapshotFile.Loaded loaded;
    try {
      loaded = SnapshotFile.load(target);
    } catch (IOException e) {
      throw new AssertionError(what + ": the file does not load: " + e, e);
    }
    ContactIndex index = loaded.index();
    List<String> markers =
        index.evaluate(tag(SnapshotCrashChild.MARKER_TAG), SnapshotFixture.CTX).ids();
    if (markers.size() != 1 || !markers.get(0).startsWith("marker-")) {
      throw new AssertionError(what + ": expected one marker contact, found " + markers);
    }
    long round = Long.parseLong(markers.get(0).substring("marker-".length()));
    if (!allowed.contains(round)) {
      throw new AssertionError(what + ": the file holds round " + round);
    }
    int sameRound = index.evaluate(numberField("round").eq(round), SnapshotFixture.CTX).count();
    if (index.size() != fixtureSize + 1 || sameRound != index.size()
        || !loaded.segments().equals(SnapshotFixture.savedSegments())) {
      throw new AssertionError(what + ": round " + round + " is not whole: " + index.size()
          + " contacts (expected " + (fixtureSize + 1) + "), " + sameRound + " with round = "
          + round + ", saved segments " + loaded.segments());
    }
    return round;
  }

  /** The files beside the target: what killed saves left. */
  private static List<String> others(Path target) throws IOException {
    try (Stream<Path> files = Files.list(target.getParent())) {
      return files.filter(f -> !f.equals(target)).map(f -> f.getFileName().toString()).sorted()
          .toList();
    }
  }

  /** A running {@link SnapshotCrashChild} and what it has reported. */
  private static final class Child {
    final Process process;
    final Path errors;
    final AtomicLong lastRound;
    final CountDownLatch firstRound = new CountDownLatch(1);
    final Thread reader;

    private Child(Process process, Path errors, long first) {
      this.process = process;
      this.errors = errors;
      this.lastRound = new AtomicLong(first - 1);
      this.reader = new Thread(this::read, "snapshot-crash-child-reader");
      reader.setDaemon(true);
      reader.start();
    }

    static Child start(Path target, long first, Path errors) throws IOException {
      String java = ProcessHandle.current().info().command().orElseThrow();
      Process p = new ProcessBuilder(java, "-Xmx256m", "-XX:+UseSerialGC",
          "-XX:TieredStopAtLevel=1", "-cp", childClassPath(),
          SnapshotCrashChild.class.getName(), target.toString(), Long.toString(first))
          .redirectError(errors.toFile())
          .start();
      return new Child(p, errors, first);
    }

    /** Reads the reported rounds; a line cut by the kill (no newline) is not a report. */
    private void read() {
      StringBuilder line = new StringBuilder();
      try (InputStream in = process.getInputStream()) {
        int c;
        while ((c = in.read()) >= 0) {
          if (c == '\n') {
            lastRound.set(Long.parseLong(line.toString().trim()));
            firstRound.countDown();
            line.setLength(0);
          } else {
            line.append((char) c);
          }
        }
      } catch (IOException | NumberFormatException e) {
        // the pipe closes with the kill; a garbled line shows in the checks' message
      }
    }

    void awaitFirstRound(int seconds, long seed, int run) throws InterruptedException,
        IOException {
      if (!firstRound.await(seconds, TimeUnit.SECONDS)) {
        throw new AssertionError("seed " + seed + ", run " + run + ": no round reported in "
            + seconds + " s (alive: " + process.isAlive() + "):\n" + errors());
      }
    }

    void kill() throws InterruptedException {
      process.destroyForcibly();
      process.waitFor();
      reader.join(); // every line the child wrote before it died has been read
    }

    String errors() throws IOException {
      return Files.exists(errors) ? Files.readString(errors, StandardCharsets.UTF_8) : "";
    }
  }
}
