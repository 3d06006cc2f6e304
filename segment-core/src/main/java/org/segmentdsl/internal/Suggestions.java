package org.segmentdsl.internal;

import java.util.Collection;

/** "Did you mean" for misspelt names: the closest candidate by edit distance, if close enough. */
public final class Suggestions {
  private Suggestions() {}

  /**
   * The candidate closest to {@code name} ({@link #distance}, ignoring case), or {@code null}
   * if none is within a third of the name's length (at least 2 edits).
   */
  public static String closest(String name, Collection<String> candidates) {
    // Bounded work whatever the input: names are compared only up to 128 characters and a
    // length difference beyond the limit rules a candidate out before any distance is computed.
    if (name.length() > 128) {
      return null;
    }
    int limit = Math.max(2, name.length() / 3);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    String a = name.toLowerCase(java.util.Locale.ROOT);
    for (String c : candidates) {
      if (Math.abs(c.length() - a.length()) > limit || c.length() > 128) {
        continue;
      }
      int d = distance(a, c.toLowerCase(java.util.Locale.ROOT));
      if (d < bestDistance) {
        bestDistance = d;
        best = c;
      }
    }
    return bestDistance <= limit ? best : null;
  }

  /**
   * The candidate closest to {@code name} by {@link #distance} ignoring case, if it is at most
   * {@code maxDistance} edits away, else {@code null}; the first in iteration order among equally
   * close ones. Names longer than 128 characters are not compared.
   */
  public static String closest(String name, Iterable<String> candidates, int maxDistance) {
    if (name.length() > 128) {
      return null;
    }
    String a = name.toLowerCase(java.util.Locale.ROOT);
    String best = null;
    int bestDistance = maxDistance + 1;
    for (String c : candidates) {
      if (Math.abs(c.length() - a.length()) >= bestDistance || c.length() > 128) {
        continue;
      }
      int d = distance(a, c.toLowerCase(java.util.Locale.ROOT));
      if (d < bestDistance) {
        bestDistance = d;
        best = c;
      }
    }
    return best;
  }

  /** " (did you mean \"x\"?)" or the empty string. */
  public static String didYouMean(String name, Collection<String> candidates) {
    String s = closest(name, candidates);
    return s == null ? "" : "; did you mean \"" + s + "\"?";
  }

  /**
   * The optimal string alignment distance of two strings: the fewest insertions, deletions,
   * substitutions and transpositions of two adjacent characters (no substring edited twice) that
   * turn one into the other, by UTF-16 code unit and case-sensitive (lower-case both first to
   * ignore case). Costs {@code a.length() * b.length()} steps: callers bound the lengths.
   */
  public static int distance(String a, String b) {
    int[] before = new int[b.length() + 1]; // row i - 2
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        int d = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2)
            && a.charAt(i - 2) == b.charAt(j - 1)) {
          d = Math.min(d, before[j - 2] + 1);
        }
        cur[j] = d;
      }
      int[] t = before;
      before = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
