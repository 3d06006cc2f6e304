package org.segmentdsl.json;

/**
 * Seeds and repetition counts of this module's property tests: {@code -Dsegment.seed=<long>} (or
 * {@code random}) and {@code -Dsegment.tries=<n>}. Try {@code i} uses the seed {@code base + i},
 * so one failing try replays alone with {@code -Dsegment.seed=<its seed> -Dsegment.tries=1}.
 */
final class Seeds {
  static final long DEFAULT_SEED = 0x5E6D_2026_1128L;

  private Seeds() {}

  static long base() {
    String s = System.getProperty("segment.seed");
    if (s == null || s.isBlank()) {
      return DEFAULT_SEED;
    }
    return s.equals("random") ? System.nanoTime() : Long.decode(s.trim());
  }

  static int tries(int byDefault) {
    String s = System.getProperty("segment.tries");
    return s == null || s.isBlank() ? byDefault : Integer.parseInt(s.trim());
  }

  static String replay(String testClass, long seed) {
    return "replay: ./mvnw -q -B verify -pl segment-json -am -Dtest=" + testClass
        + " -Dsurefire.failIfNoSpecifiedTests=false -Dsegment.seed=" + seed + " -Dsegment.tries=1";
  }
}
