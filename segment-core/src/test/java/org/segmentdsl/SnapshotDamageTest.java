package org.segmentdsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.segmentdsl.InvalidSnapshotException.Problem;

/**
 * Damaged, foreign and newer snapshot files are refused with an {@link InvalidSnapshotException}
 * of the right {@link Problem} whose message starts with the file's name: truncated at every
 * offset, every single bit flipped, bytes appended, empty, other formats, a newer format version;
 * the same on a large file at random offsets. Never a loaded index, never another exception.
 *
 * <p>Which kinds a bit flip may give: in the 8-byte magic {@code NOT_A_SNAPSHOT} or {@code
 * CHECKSUM}; in the format version (bytes 8-11) {@code CHECKSUM}, {@code MALFORMED} or {@code
 * NEWER_VERSION} (only for a version above {@link SnapshotFile#FORMAT_VERSION}); anywhere else
 * {@code CHECKSUM} or {@code MALFORMED}, or {@code TRUNCATED} and {@code APPENDED} where the flip
 * changes the file length the header records. A file shorter than the magic whose bytes begin the
 * magic is {@code TRUNCATED}; any other file that does not begin with the magic is {@code
 * NOT_A_SNAPSHOT}.
 *
 * <p>The hang guards ({@code @Timeout}) are generous bounds against a loop that never ends, not
 * speed checks.
 */
class SnapshotDamageTest {
  static final String NAME = "small.snapshot";
  static final long SEED = 0x5E6D_5A4F_0013L;
  /** Where the format version lies (after the 8-byte magic). */
  static final int VERSION_AT = 8;
  static final int MAGIC_LENGTH = 8;

  static final Set<Problem> MAGIC_FLIP = EnumSet.of(Problem.NOT_A_SNAPSHOT, Problem.CHECKSUM);
  static final Set<Problem> VERSION_FLIP =
      EnumSet.of(Problem.CHECKSUM, Problem.MALFORMED, Problem.NEWER_VERSION);
  static final Set<Problem> BODY_FLIP = EnumSet.of(Problem.CHECKSUM, Problem.MALFORMED,
      Problem.TRUNCATED, Problem.APPENDED);

  private static ContactIndex smallIndex;
  private static SegmentRegistry saved;
  private static byte[] small;

  @TempDir
  Path dir;

  @BeforeAll
  static void saveTheSmallSnapshot() throws IOException {
    smallIndex = SnapshotFixture.build(12, 1, SEED);
    saved = SnapshotFixture.savedSegments();
    small = save(smallIndex, saved);
    // every damage test below is vacuous unless the undamaged file loads and answers as saved
    SnapshotFile.Loaded loaded = SnapshotFile.load(new ByteArrayInputStream(small), NAME);
    assertThat(loaded.segments()).isEqualTo(saved);
    assertThat(SnapshotFixture.answers(loaded.index(), loaded.segments()))
        .isEqualTo(SnapshotFixture.answers(smallIndex, saved));
    // every bit is flipped: a bound on the test's work (format version 1 writes the fixed-size
    // blocks of events, deals and accounts whole, so even these 11 contacts take about 40 KB)
    assertThat(small.length).as("the small snapshot's size").isBetween(512, 48 * 1024);
  }

  static byte[] save(ContactIndex index, SegmentRegistry segments) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SnapshotFile.Summary summary = SnapshotFile.save(index, segments, out);
    assertThat(summary.bytes()).isEqualTo(out.size());
    return out.toByteArray();
  }

  /** The magic, as the saved file starts. */
  static byte[] magic() {
    return Arrays.copyOf(small, MAGIC_LENGTH);
  }

  /**
   * Loads {@code length} bytes of {@code file} from a stream and returns the refusal; fails on a
   * loaded index or any other exception or error.
   */
  static InvalidSnapshotException refused(byte[] file, int length, String name,
      Supplier<String> what) {
    SnapshotFile.Loaded loaded;
    try {
      loaded = SnapshotFile.load(new ByteArrayInputStream(file, 0, length), name);
    } catch (InvalidSnapshotException e) {
      checkNamed(e, name, what);
      return e;
    } catch (Exception | Error e) { // also an OutOfMemoryError or a StackOverflowError
      throw new AssertionError(what.get() + ": expected an InvalidSnapshotException, got " + e, e);
    }
    throw new AssertionError(what.get() + ": a damaged file was loaded: " + loaded.summary());
  }

  static InvalidSnapshotException refused(byte[] file, String name, Supplier<String> what) {
    return refused(file, file.length, name, what);
  }

  /** As {@link #refused(byte[], String, Supplier)}, from a file loaded by path. */
  InvalidSnapshotException refusedFromPath(byte[] file, String fileName, Supplier<String> what)
      throws IOException {
    Path path = dir.resolve(fileName);
    Files.write(path, file);
    SnapshotFile.Loaded loaded;
    try {
      loaded = SnapshotFile.load(path);
    } catch (InvalidSnapshotException e) {
      checkNamed(e, path.toString(), what);
      return e;
    } catch (Exception | Error e) {
      throw new AssertionError(what.get() + ": expected an InvalidSnapshotException, got " + e, e);
    }
    throw new AssertionError(what.get() + ": a damaged file was loaded: " + loaded.summary());
  }

  private static void checkNamed(InvalidSnapshotException e, String name, Supplier<String> what) {
    if (!e.getMessage().startsWith(name + ": ") || !e.file().equals(name)
        || e.detail().isBlank()) {
      throw new AssertionError(what.get() + ": the message must start with \"" + name
          + ": \" and say what is wrong, got file=" + e.file() + " message=" + e.getMessage());
    }
  }

  static void assertProblem(InvalidSnapshotException e, Set<Problem> allowed,
      Supplier<String> what) {
    if (!allowed.contains(e.problem())) {
      throw new AssertionError(what.get() + ": expected one of " + allowed + ", got "
          + e.problem() + " (" + e.getMessage() + ")", e);
    }
  }

  @Test
  void emptyFileIsEmpty() throws IOException {
    assertThat(refused(new byte[0], NAME, () -> "empty stream").problem())
        .isEqualTo(Problem.EMPTY);
    InvalidSnapshotException e = refusedFromPath(new byte[0], "empty.snapshot", () -> "empty file");
    assertThat(e.problem()).isEqualTo(Problem.EMPTY);
  }

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void truncationAtEveryOffsetIsRefused() {
    for (int cut = 0; cut < small.length; cut++) {
      int at = cut;
      Supplier<String> what = () -> "cut to " + at + " of " + small.length + " bytes";
      InvalidSnapshotException e = refused(small, at, NAME, what);
      assertProblem(e, EnumSet.of(at == 0 ? Problem.EMPTY : Problem.TRUNCATED), what);
    }
  }

  @Test
  void truncationSaysHowLongTheFileShouldBe() {
    // past the header, which records the file's length: "truncated at byte 81920 of 1048576"
    for (int cut = small.length / 2; cut < small.length; cut += 97) {
      int at = cut;
      InvalidSnapshotException e = refused(small, at, NAME, () -> "cut to " + at);
      assertThat(e.detail()).as("cut to %d", at).contains(Integer.toString(small.length));
    }
  }

  @Test
  void truncatedFilesAreRefusedByPath() throws IOException {
    SplittableRandom rnd = new SplittableRandom(SEED);
    int[] cuts = new int[40];
    for (int i = 0; i < cuts.length; i++) {
      // the first bytes one by one (magic, version, header), then anywhere
      cuts[i] = i < 20 ? i : rnd.nextInt(small.length);
    }
    cuts[cuts.length - 1] = small.length - 1;
    for (int cut : cuts) {
      byte[] part = Arrays.copyOf(small, cut);
      Supplier<String> what = () -> "file cut to " + cut + " of " + small.length + " bytes";
      InvalidSnapshotException e = refusedFromPath(part, "cut-" + cut + ".snapshot", what);
      assertProblem(e, EnumSet.of(cut == 0 ? Problem.EMPTY : Problem.TRUNCATED), what);
    }
  }

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void everySingleBitFlipIsRefused() throws IOException {
    byte[] file = small.clone();
    Map<Problem, Integer> seen = new EnumMap<>(Problem.class);
    for (int at = 0; at < file.length; at++) {
      for (int bit = 0; bit < 8; bit++) {
        int byteAt = at;
        int bitNo = bit;
        file[at] ^= (byte) (1 << bit);
        Supplier<String> what = () -> "bit " + bitNo + " of byte " + byteAt + " of "
            + small.length + " flipped";
        InvalidSnapshotException e = refused(file, NAME, what);
        Set<Problem> allowed = at < MAGIC_LENGTH ? MAGIC_FLIP
            : at < VERSION_AT + 4 ? VERSION_FLIP : BODY_FLIP;
        assertProblem(e, allowed, what);
        if (e.problem() == Problem.NEWER_VERSION) {
          int version = versionOf(file);
          if (Integer.compareUnsigned(version, SnapshotFile.FORMAT_VERSION) <= 0) {
            throw new AssertionError(what.get() + ": version " + Integer.toUnsignedString(version)
                + " is not newer than " + SnapshotFile.FORMAT_VERSION + ": " + e.getMessage());
          }
        }
        seen.merge(e.problem(), 1, Integer::sum);
        file[at] ^= (byte) (1 << bit);
      }
    }
    assertThat(file).isEqualTo(small);
    assertThat(seen).containsKey(Problem.CHECKSUM);
    System.out.println("SnapshotDamageTest: " + small.length * 8 + " bit flips of a "
        + small.length + "-byte snapshot refused as " + seen);
  }

  @Test
  void flippedBitsAreRefusedByPath() throws IOException {
    SplittableRandom rnd = new SplittableRandom(SEED + 1);
    for (int i = 0; i < 30; i++) {
      int at = i < 12 ? i : rnd.nextInt(small.length);
      int bit = rnd.nextInt(8);
      byte[] file = small.clone();
      file[at] ^= (byte) (1 << bit);
      Supplier<String> what = () -> "file with bit " + bit + " of byte " + at + " flipped";
      InvalidSnapshotException e = refusedFromPath(file, "flip-" + i + ".snapshot", what);
      assertProblem(e, at < MAGIC_LENGTH ? MAGIC_FLIP : at < VERSION_AT + 4 ? VERSION_FLIP
          : BODY_FLIP, what);
    }
  }

  @Test
  void appendedBytesAreRefused() throws IOException {
    byte[] many = randomBytes(SEED + 2, 100_000);
    Map<String, byte[]> tails = Map.of("one zero byte", new byte[1],
        "one 0xFF byte", new byte[] {(byte) 0xFF}, "a newline", new byte[] {'\n'},
        "100000 random bytes", many, "100000 zero bytes", new byte[100_000],
        "a second copy of the file", small, "the magic", magic());
    for (Map.Entry<String, byte[]> tail : tails.entrySet()) {
      byte[] file = concat(small, tail.getValue());
      Supplier<String> what = () -> "appended " + tail.getKey();
      assertProblem(refused(file, NAME, what), EnumSet.of(Problem.APPENDED), what);
    }
    byte[] file = concat(small, new byte[1]);
    assertProblem(refusedFromPath(file, "appended.snapshot", () -> "file with a byte appended"),
        EnumSet.of(Problem.APPENDED), () -> "file with a byte appended");
  }

  @Test
  void foreignFilesAreNotSnapshots() throws IOException {
    byte[] random = randomBytes(SEED + 3, 4096);
    random[0] = (byte) (small[0] ^ 0x40); // not even the magic's first byte
    byte[] nearlyMagic = magic();
    nearlyMagic[MAGIC_LENGTH - 1] ^= 1;
    Map<String, byte[]> foreign = Map.of(
        "a PNG image", png(),
        "a JSON text", "{\"contacts\":[{\"id\":\"c-1\",\"tags\":[\"vip\"]}]}\n"
            .getBytes(StandardCharsets.UTF_8),
        "a zip file", zip(),
        "4096 random bytes", random,
        "3 bytes", "abc".getBytes(StandardCharsets.US_ASCII),
        "1 byte", new byte[] {'{'},
        "the magic with its last bit flipped", nearlyMagic,
        "the magic with its last bit flipped, then the rest of a snapshot",
        concat(nearlyMagic, Arrays.copyOfRange(small, MAGIC_LENGTH, small.length)));
    for (Map.Entry<String, byte[]> f : foreign.entrySet()) {
      Supplier<String> what = () -> f.getKey();
      assertProblem(refused(f.getValue(), NAME, what), EnumSet.of(Problem.NOT_A_SNAPSHOT), what);
    }
    assertProblem(refusedFromPath(png(), "image.png", () -> "a PNG file"),
        EnumSet.of(Problem.NOT_A_SNAPSHOT), () -> "a PNG file");
  }

  @Test
  void aFileShorterThanTheMagicThatBeginsItIsTruncated() {
    // a PNG starts with 0x89 too: one such byte could be either, and is taken as a cut snapshot
    for (int n = 1; n <= MAGIC_LENGTH; n++) {
      int length = n;
      Supplier<String> what = () -> "the first " + length + " bytes of the magic";
      assertProblem(refused(magic(), length, NAME, what), EnumSet.of(Problem.TRUNCATED), what);
    }
  }

  @Test
  void theMagicFollowedByGarbageIsDamaged() {
    byte[] file = concat(magic(), new byte[1000]);
    Supplier<String> what = () -> "the magic and 1000 zero bytes";
    assertProblem(refused(file, NAME, what), EnumSet.of(Problem.CHECKSUM, Problem.MALFORMED),
        what);
  }

  @Test
  void aNewerFormatVersionIsNamedWithBothVersions() throws IOException {
    // the hook itself must give a loadable file when it keeps the version
    SnapshotFile.Loaded same = SnapshotFile.load(new ByteArrayInputStream(
        SnapshotFile.withVersion(small, SnapshotFile.FORMAT_VERSION)), NAME);
    assertThat(SnapshotFixture.answers(same.index(), same.segments()))
        .isEqualTo(SnapshotFixture.answers(smallIndex, saved));

    for (int version : new int[] {SnapshotFile.FORMAT_VERSION + 1, 4711}) {
      byte[] newer = SnapshotFile.withVersion(small, version);
      Supplier<String> what = () -> "format version " + version;
      InvalidSnapshotException e = refused(newer, NAME, what);
      assertProblem(e, EnumSet.of(Problem.NEWER_VERSION), what);
      assertThat(e.detail()).as(what.get()).contains(Integer.toString(version))
          .contains(Integer.toString(SnapshotFile.FORMAT_VERSION));
      InvalidSnapshotException fromPath = refusedFromPath(newer, "v" + version + ".snapshot", what);
      assertThat(fromPath.problem()).isEqualTo(Problem.NEWER_VERSION);
      assertThat(fromPath.detail()).isEqualTo(e.detail());
    }
  }

  @Test
  void aVersionNeverShippedIsRefusedButNotAsNewer() {
    InvalidSnapshotException e =
        refused(SnapshotFile.withVersion(small, 0), NAME, () -> "format version 0");
    assertThat(e.problem()).isNotEqualTo(Problem.NEWER_VERSION);
  }

  @Test
  void aMissingFileIsAnIoErrorNotADamagedSnapshot() {
    Path absent = dir.resolve("absent.snapshot");
    assertThatThrownBy(() -> SnapshotFile.load(absent))
        .isInstanceOf(NoSuchFileException.class)
        .isNotInstanceOf(InvalidSnapshotException.class);
  }

  @Test
  @Timeout(value = 5, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void aLargeSnapshotIsRefusedAtRandomCutsAndFlips() throws IOException {
    ContactIndex index = SnapshotFixture.build(10_000, 2, SEED);
    SegmentRegistry segments = SnapshotFixture.savedSegments();
    byte[] large = save(index, segments);
    assertThat(large.length).as("the large snapshot spans more than a megabyte")
        .isGreaterThan(1 << 20);
    String name = "large.snapshot";
    SnapshotFile.Loaded whole = SnapshotFile.load(new ByteArrayInputStream(large), name);
    assertThat(SnapshotFixture.answers(whole.index(), whole.segments()))
        .isEqualTo(SnapshotFixture.answers(index, segments));
    whole = null;

    long seed = SEED + 4;
    SplittableRandom rnd = new SplittableRandom(seed);
    for (int i = 0; i < 300; i++) {
      int cut = i == 0 ? large.length - 1 : rnd.nextInt(large.length);
      Supplier<String> what = () -> "seed " + seed + ": large file (" + large.length
          + " bytes) cut to " + cut;
      assertProblem(refused(large, cut, name, what),
          EnumSet.of(cut == 0 ? Problem.EMPTY : Problem.TRUNCATED), what);
    }
    for (int i = 0; i < 300; i++) {
      int at = rnd.nextInt(large.length);
      int bit = rnd.nextInt(8);
      large[at] ^= (byte) (1 << bit);
      Supplier<String> what = () -> "seed " + seed + ": large file (" + large.length
          + " bytes) with bit " + bit + " of byte " + at + " flipped";
      assertProblem(refused(large, name, what), at < MAGIC_LENGTH ? MAGIC_FLIP
          : at < VERSION_AT + 4 ? VERSION_FLIP : BODY_FLIP, what);
      large[at] ^= (byte) (1 << bit);
    }
  }

  static byte[] randomBytes(long seed, int n) {
    byte[] out = new byte[n];
    new SplittableRandom(seed).nextBytes(out);
    return out;
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  /** The signature and IHDR chunk of a 1x1 PNG. */
  static byte[] png() {
    int[] bytes = {0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 'I', 'H', 'D', 'R',
        0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0, 0x1F, 0x15, 0xC4, 0x89};
    byte[] out = new byte[bytes.length];
    for (int i = 0; i < bytes.length; i++) {
      out[i] = (byte) bytes[i];
    }
    return out;
  }

  static byte[] zip() throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry("contacts.jsonl"));
      zip.write("{\"id\":\"c-1\"}\n".getBytes(StandardCharsets.UTF_8));
      zip.closeEntry();
    }
    return bytes.toByteArray();
  }

  /** The format version a file claims: big-endian, after the magic. */
  static int versionOf(byte[] b) {
    return (b[VERSION_AT] & 0xFF) << 24 | (b[VERSION_AT + 1] & 0xFF) << 16
        | (b[VERSION_AT + 2] & 0xFF) << 8 | b[VERSION_AT + 3] & 0xFF;
  }
}
