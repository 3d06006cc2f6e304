package org.segmentdsl.internal;

import java.util.AbstractMap;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.roaringbitmap.RoaringBitmap;
import org.segmentdsl.condition.TagCondition;

/**
 * The keys of one {@link BitmapMap} shard sorted, for pattern conditions: a prefix ({@code
 * startsWith}, and {@code eq ignoreCase}) is a binary search and a walk over the keys that have
 * it; a suffix ({@code endsWith}) likewise over the keys in the order of their reversed strings;
 * {@code contains} walks every key, in a flat array. A {@linkplain #of lowered} index holds the
 * keys in lower case (a key may then appear more than once), for {@code ignoreCase} patterns.
 *
 * <p>Immutable: built for a shard that no longer changes, then shared by every reader of the
 * snapshots holding that shard. About 8 bytes a key (two array slots), 4 more once a suffix was
 * looked for; a lowered index holds lower-case copies only of keys that have upper-case letters.
 */
final class KeyIndex {
  private final String[] keys; // sorted
  private final RoaringBitmap[] rows; // rows[i]: the rows of keys[i]
  /**
   * Positions in keys, in the order of the reversed keys: made on the first suffix; a race
   * between equal arrays, like {@link String#hashCode}'s.
   */
  private volatile int[] bySuffix;

  private KeyIndex(String[] keys, RoaringBitmap[] rows) {
    this.keys = keys;
    this.rows = rows;
  }

  /** The index of a shard's keys, as they are or in lower case. */
  static KeyIndex of(HashMap<String, RoaringBitmap> shard, boolean lowered) {
    int n = shard.size();
    String[] keys = new String[n];
    RoaringBitmap[] rows = new RoaringBitmap[n];
    if (!lowered) {
      shard.keySet().toArray(keys);
      Arrays.sort(keys);
      for (int i = 0; i < n; i++) {
        rows[i] = shard.get(keys[i]);
      }
      return new KeyIndex(keys, rows);
    }
    @SuppressWarnings("unchecked") // an array of entries, read back as such
    Map.Entry<String, RoaringBitmap>[] entries = new Map.Entry[n];
    int k = 0;
    for (Map.Entry<String, RoaringBitmap> e : shard.entrySet()) {
      entries[k++] = new AbstractMap.SimpleImmutableEntry<>(e.getKey().toLowerCase(Locale.ROOT),
          e.getValue());
    }
    Arrays.sort(entries, Map.Entry.comparingByKey());
    for (int i = 0; i < n; i++) {
      keys[i] = entries[i].getKey();
      rows[i] = entries[i].getValue();
    }
    return new KeyIndex(keys, rows);
  }

  private int[] bySuffix() {
    int[] order = bySuffix;
    if (order == null) {
      Integer[] boxed = new Integer[keys.length];
      for (int i = 0; i < boxed.length; i++) {
        boxed[i] = i;
      }
      Arrays.sort(boxed, (a, b) -> compareReversed(keys[a], keys[b]));
      order = new int[boxed.length];
      for (int i = 0; i < order.length; i++) {
        order[i] = boxed[i];
      }
      bySuffix = order;
    }
    return order;
  }

  /** The number of keys, for the budget of building and walking. */
  int size() {
    return keys.length;
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

  /**
   * Adds the rows of every key matching {@code pattern} (lowered by the caller if this index is)
   * to {@code into}.
   */
  void match(TagCondition.Op op, String pattern, Budget budget, List<RoaringBitmap> into) {
    switch (op) {
      case EQ -> {
        for (int i = lowerBound(pattern); i < keys.length && keys[i].equals(pattern); i++) {
          into.add(rows[i]);
        }
      }
      case STARTS_WITH -> {
        for (int i = lowerBound(pattern); i < keys.length && keys[i].startsWith(pattern); i++) {
          budget.tick();
          into.add(rows[i]);
        }
      }
      case ENDS_WITH -> {
        int[] bySuffix = bySuffix();
        for (int i = suffixLowerBound(bySuffix, pattern);
            i < keys.length && keys[bySuffix[i]].endsWith(pattern); i++) {
          budget.tick();
          into.add(rows[bySuffix[i]]);
        }
      }
      case CONTAINS -> {
        for (int i = 0; i < keys.length; i++) {
          budget.tick();
          if (keys[i].contains(pattern)) {
            into.add(rows[i]);
          }
        }
      }
    }
  }

  /** The first position whose key is not less than {@code key}. */
  private int lowerBound(String key) {
    int lo = 0;
    int hi = keys.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (keys[mid].compareTo(key) < 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /** The first position in suffix order whose reversed key is not below reversed {@code key}. */
  private int suffixLowerBound(int[] bySuffix, String key) {
    int lo = 0;
    int hi = keys.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (compareReversed(keys[bySuffix[mid]], key) < 0) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
