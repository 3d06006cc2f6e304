package org.segmentdsl;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.segmentdsl.condition.Condition;

/**
 * A snapshot whose payload bytes were changed and whose checksums were then made to match again
 * (what a hacked file, or a writer with a bug, gives) is loaded or refused with an {@link
 * InvalidSnapshotException} in the format's words: never another exception, never a Java class
 * name in the message. What loads answers without an exception escaping either.
 *
 * <p>The sections whose structures are checked at load: every one but those holding range
 * columns ({@code fields}, {@code deals}, {@code accounts}), whose {@code RangeBitmap} bytes are
 * mapped as written; a garbled one of those may still fail at query time.
 */
class SnapshotGarbleTest {
  private static final int TRIES = 1_500;
  private static final long SEED = 20261204L;
  private static final Set<String> UNCHECKED = Set.of("fields", "deals", "accounts");

  @Test
  void garbledPayloadsAreLoadedOrRefusedInTheFormatsWords() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SnapshotFile.save(SnapshotFileTest.sample(7), SnapshotFileTest.SAVED, out);
    byte[] file = out.toByteArray();
    List<int[]> payloads = payloadRanges(file);
    int refused = 0;
    for (int t = 0; t < TRIES; t++) {
      SplittableRandom r = new SplittableRandom(SEED + t);
      byte[] bad = file.clone();
      int[] range = payloads.get(r.nextInt(payloads.size()));
      int at = range[0] + r.nextInt(range[1] - range[0]);
      for (int i = 0, n = 1 + r.nextInt(4); i < n && at + i < range[1]; i++) {
        bad[at + i] = (byte) r.nextInt(256);
      }
      SnapshotNamesTest.resealed(bad);
      try {
        SnapshotFile.Loaded loaded = SnapshotFile.load(new ByteArrayInputStream(bad), "g");
        for (Condition c : SnapshotFileTest.CONDITIONS) {
          loaded.index().evaluate(c, SnapshotFileTest.CTX.withSegments(loaded.segments()));
        }
      } catch (InvalidSnapshotException e) {
        refused++;
        assertThat(e.getMessage()).as("seed %d, bytes at %d", SEED + t, at)
            .doesNotContainPattern("[A-Z][A-Za-z]*(Exception|Error)\\b")
            .doesNotContain("java.", "roaringbitmap");
      } catch (InvalidSegmentException e) {
        refused++; // a saved segment that no longer checks: named like any other
      } catch (RuntimeException | Error e) {
        throw new AssertionError("seed " + (SEED + t) + ", bytes at " + at + ": " + e, e);
      }
    }
    assertThat(refused).as("garbled files refused").isPositive();
  }

  /**
   * The payload bytes' ranges {@code [from, to)} of the checked sections, chunk by chunk, without
   * the checksums.
   */
  private static List<int[]> payloadRanges(byte[] file) {
    List<int[]> ranges = new ArrayList<>();
    int at = 20 + ByteBuffer.wrap(file).getInt(12);
    for (Map.Entry<String, Integer> section : SnapshotNamesTest.sections(file).entrySet()) {
      for (int left = section.getValue(); left > 0; left -= SnapshotNamesTest.CHUNK) {
        int n = Math.min(left, SnapshotNamesTest.CHUNK);
        if (!UNCHECKED.contains(section.getKey())) {
          ranges.add(new int[] {at, at + n});
        }
        at += n + 4;
      }
    }
    return ranges;
  }
}
