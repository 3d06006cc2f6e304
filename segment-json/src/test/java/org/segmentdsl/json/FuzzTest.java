package org.segmentdsl.json;

import static org.assertj.core.api.Assertions.fail;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.segmentdsl.Segment;

/**
 * Random mutations of valid documents (deleted and inserted braces, swapped types, huge numbers,
 * deep nesting, random and invalid UTF-8 bytes, truncation) either read as a segment or fail with
 * a {@link SegmentFormatException}: never another exception, a stack overflow or a hang.
 */
class FuzzTest {
  private static final String[] INSERTS = {"{", "}", "[", "]", ",", ":", "\"", "null", "true",
      "1e999999", "-1e-999999", "123456789012345678901234567890", "NaN", "\\u0000", "\\ud800",
      "//", "/*", "'", "{\"all\": [", "[[[[[[[[", "\"x-\": {}", "\"label\": 7", ".5", "0x1F"};

  @Test
  void mutatedDocumentsReadOrFailCleanly() {
    long base = Seeds.base();
    int tries = Seeds.tries(12_000);
    for (int i = 0; i < tries; i++) {
      long seed = base + i;
      SplittableRandom r = new SplittableRandom(seed);
      byte[] doc = mutate(r, SegmentJson.write(RandomSegments.segment(r))
          .getBytes(StandardCharsets.UTF_8));
      try {
        Segment s = SegmentJson.read(new ByteArrayInputStream(doc));
        // a mutation that still reads must read again the same after a round trip
        if (!SegmentJson.read(SegmentJson.write(s)).equals(s)) {
          fail("seed %d: round trip changed %s", seed, SegmentJson.write(s));
        }
      } catch (SegmentFormatException expected) {
        if (expected.problems().isEmpty()) {
          fail("seed %d: an exception without problems", seed);
        }
      } catch (Throwable t) {
        fail("seed " + seed + " (" + Seeds.replay("FuzzTest", seed) + "): " + t + " on "
            + new String(doc, StandardCharsets.UTF_8), t);
      }
    }
  }

  static byte[] mutate(SplittableRandom r, byte[] doc) {
    int rounds = 1 + r.nextInt(3);
    for (int k = 0; k < rounds; k++) {
      int at = doc.length == 0 ? 0 : r.nextInt(doc.length);
      doc = switch (r.nextInt(9)) {
        case 0 -> splice(doc, at, 1, new byte[0]); // delete a byte
        case 1 -> splice(doc, at, 0, INSERTS[r.nextInt(INSERTS.length)]
            .getBytes(StandardCharsets.UTF_8));
        case 2 -> splice(doc, at, 0, new byte[] {(byte) r.nextInt(256)}); // any byte
        case 3 -> splice(doc, at, 0, new byte[] {(byte) 0xC3}); // half a UTF-8 character
        case 4 -> java.util.Arrays.copyOf(doc, at); // truncate
        case 5 -> {
          // deep nesting around the condition: far past the limit
          String deep = "{\"not\": ".repeat(40 + r.nextInt(5_000));
          String json = new String(doc, StandardCharsets.UTF_8);
          int w = json.indexOf("\"where\":");
          yield w < 0 ? doc : (json.substring(0, w + 8) + deep + json.substring(w + 8))
              .getBytes(StandardCharsets.UTF_8);
        }
        case 6 -> swapType(r, doc);
        case 7 -> splice(doc, at, 0, ("1" + "0".repeat(r.nextInt(500))).getBytes(
            StandardCharsets.UTF_8));
        default -> {
          // duplicate a slice (duplicate keys, repeated elements)
          int len = Math.min(doc.length - at, r.nextInt(40));
          yield splice(doc, at, 0, java.util.Arrays.copyOfRange(doc, at, at + len));
        }
      };
    }
    return doc;
  }

  /** Replaces one JSON scalar with a value of another type. */
  private static byte[] swapType(SplittableRandom r, byte[] doc) {
    String json = new String(doc, StandardCharsets.UTF_8);
    String[] values = {"\"s\"", "1", "true", "null", "[]", "{}", "-0.0", "[\"a\", 1]"};
    int colon = json.indexOf(':', r.nextInt(Math.max(1, json.length())));
    if (colon < 0) {
      return doc;
    }
    int end = colon + 1;
    while (end < json.length() && ",}]".indexOf(json.charAt(end)) < 0) {
      end++;
    }
    return (json.substring(0, colon + 1) + values[r.nextInt(values.length)]
        + json.substring(end)).getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] splice(byte[] doc, int at, int remove, byte[] insert) {
    at = Math.min(at, doc.length);
    remove = Math.min(remove, doc.length - at);
    byte[] out = new byte[doc.length - remove + insert.length];
    System.arraycopy(doc, 0, out, 0, at);
    System.arraycopy(insert, 0, out, at, insert.length);
    System.arraycopy(doc, at + remove, out, at + insert.length, doc.length - at - remove);
    return out;
  }

  @Test
  void hostileDocumentsOfAMebibyteFailFast() {
    // not a timing assertion: these must simply finish, with a SegmentFormatException
    String deep = "{\"format\": \"segment/v1\", \"where\": " + "[".repeat(1 << 19) + "}";
    String wide = "{\"format\": \"segment/v1\", \"where\": {\"any\": ["
        + "{\"tag\": \"a\"},".repeat(70_000) + "{\"tag\": \"a\"}]}}";
    String big = "{\"format\": \"segment/v1\", \"where\": {\"tag\": \"" + "a".repeat(2 << 20) + "\"}}";
    for (String doc : new String[] {deep, wide, big}) {
      try {
        SegmentJson.read(doc);
        fail("accepted a hostile document of %d characters", doc.length());
      } catch (SegmentFormatException expected) {
        // the problem list is bounded
        org.assertj.core.api.Assertions.assertThat(expected.problems()).hasSizeBetween(1, 100);
      }
    }
  }
}
