package org.segmentdsl.reference;

/**
 * Seeds and repetition counts of the property tests, overridable from the command line:
 * {@code -Dsegment.seed=<long>} (or {@code random}) and {@code -Dsegment.tries=<n>}. Try
 * {@code i} of a run uses the seed {@code base + i}, so one failing try replays alone with
 * {@code -Dsegment.seed=<its seed> -Dsegment.tries=1}.
 */
final class Seeds {
  static final long DEFAULT_SEED = 0x5E6D_2026_1128L;

  private Seeds() {}

  static long baseSeed() {
    String s = System.getProperty("segment.seed");
    if (s == null || s.isBlank()) {
      return DEFAULT_SEED;
    }
    if (s.equals("random")) {
      return System.nanoTime();
    }
    return Long.decode(s.trim());
  }

  static int tries(int byDefault) {
    String s = System.getProperty("segment.tries");
    return s == null || s.isBlank() ? byDefault : Integer.parseInt(s.trim());
  }

  static String replay(String testClass, long seed) {
    return "replay: ./mvnw -q -B test -pl segment-core -Dtest=" + testClass + " -Dsegment.seed="
        + seed + " -Dsegment.tries=1";
  }
}
