package org.segmentdsl.internal.column;

import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntFunction;
import org.roaringbitmap.RoaringBitmap;
import org.segmentdsl.condition.TagCondition;
import org.segmentdsl.internal.Budget;

/**
 * The keys of one {@link BitmapMap} shard sorted, for pattern conditions: a prefix ({@code
 * startsWith}, and {@code eq ignoreCase}) is a binary search and a walk over the keys that have
 * it; a suffix ({@code endsWith}) likewise over the keys in the order of their reversed strings;
 * {@code contains} walks every key, in a flat array. For {@code ignoreCase} patterns the same
 * orders are kept of the keys in lower case ({@link Locale#ROOT}), as permutations of the sorted
 * keys: the lower-case strings are made while sorting and dropped, then made again for the few
 * keys a search visits.
 *
 * <p>Immutable once built: made for a shard that no longer changes, then shared by every reader
 * of the snapshots holding that shard. About 8 bytes a key (two array slots), and 4 more for each
 * other order, made the first time a pattern needs it (a race between equal arrays, like {@link
 * String#hashCode}'s).
 */
final class KeyIndex {
  private final String[] keys; // sorted
  private final RoaringBitmap[] rows; // rows[i]: the rows of keys[i]
  /** Positions in keys in another order: {@link #SUFFIX}, {@link #LOWER}, {@link #LOWER_SUFFIX}. */
  private final AtomicReferenceArray<int[]> orders = new AtomicReferenceArray<>(3);

  private static final int SUFFIX = 0; // the reversed keys
  private static final int LOWER = 1; // the keys in lower case
  private static final int LOWER_SUFFIX = 2; // the reversed keys in lower case

  private KeyIndex(String[] keys, RoaringBitmap[] rows) {
    this.keys = keys;
    this.rows = rows;
  }

  /** The index of a shard's keys. */
  static KeyIndex of(HashMap<String, RoaringBitmap> shard) {
    int n = shard.size();
    String[] keys = shard.keySet().toArray(new String[n]);
    Arrays.sort(keys);
    RoaringBitmap[] rows = new RoaringBitmap[n];
    for (int i = 0; i < n; i++) {
      rows[i] = shard.get(keys[i]);
    }
    return new KeyIndex(keys, rows);
  }

  /** The number of keys. */
  int size() {
    return keys.length;
  }

  private static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }

  /** Compares two strings as their reversed strings compare: char by char from the end. */
  static int compareReversed(String a, String b) {
    int i = a.length() - 1;
    int j = b.length() - 1;
    for (; i >= 0 && j >= 0; i--, j--) {
      int c = Character.compare(a.charAt(i), b.charAt(j));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(i, j); // the one that ran out first is the shorter: it comes first
  }

  /** The positions of the keys ordered by {@code cmp} over {@code strings} (the keys or copies). */
  private static int[] order(String[] strings, Comparator<String> cmp) {
    Integer[] boxed = new Integer[strings.length];
    for (int i = 0; i < boxed.length; i++) {
      boxed[i] = i;
    }
    Arrays.sort(boxed, (a, b) -> cmp.compare(strings[a], strings[b]));
    int[] order = new int[boxed.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = boxed[i];
    }
    return order;
  }

  private String[] lowered() {
    String[] lowered = new String[keys.length];
    for (int i = 0; i < keys.length; i++) {
      lowered[i] = lower(keys[i]);
    }
    return lowered;
  }

  /** The positions of the keys in one of the other orders, made the first time. */
  private int[] order(int kind) {
    int[] o = orders.get(kind);
    if (o == null) {
      o = order(kind == SUFFIX ? keys : lowered(),
          kind == LOWER ? String::compareTo : KeyIndex::compareReversed);
      orders.set(kind, o);
    }
    return o;
  }

  /**
   * Adds the rows of every key matching {@code pattern} to {@code into}; with {@code
   * ignoreCase}, of every key whose lower case matches {@code pattern}, which is in lower case.
   */
  void match(TagCondition.Op op, String pattern, boolean ignoreCase, Budget budget,
      List<RoaringBitmap> into) {
    if (op == TagCondition.Op.CONTAINS) {
      for (int i = 0; i < keys.length; i++) {
        budget.tick();
        if ((ignoreCase ? lower(keys[i]) : keys[i]).contains(pattern)) {
          into.add(rows[i]);
        }
      }
      return;
    }
    boolean suffix = op == TagCondition.Op.ENDS_WITH;
    int[] order = suffix ? order(ignoreCase ? LOWER_SUFFIX : SUFFIX)
        : ignoreCase ? order(LOWER) : null;
    IntFunction<String> at = order == null ? i -> keys[i]
        : ignoreCase ? i -> lower(keys[order[i]]) : i -> keys[order[i]];
    Comparator<String> cmp = suffix ? KeyIndex::compareReversed : String::compareTo;
    int lo = 0;
    int hi = keys.length;
    while (lo < hi) { // the first position not below the pattern
      int mid = (lo + hi) >>> 1;
      if (cmp.compare(at.apply(mid), pattern) < 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    for (int i = lo; i < keys.length; i++) {
      budget.tick();
      String key = at.apply(i);
      boolean hit = switch (op) {
        case EQ -> key.equals(pattern);
        case STARTS_WITH -> key.startsWith(pattern);
        default -> key.endsWith(pattern);
      };
      if (!hit) {
        break;
      }
      into.add(rows[order == null ? i : order[i]]);
    }
  }
}
