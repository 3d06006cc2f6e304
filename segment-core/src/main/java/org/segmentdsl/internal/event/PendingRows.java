package org.segmentdsl.internal.event;

import java.util.Arrays;
import org.roaringbitmap.RoaringBitmap;
import org.segmentdsl.internal.WriteScope;
import org.segmentdsl.internal.column.BitmapMap;

/**
 * Rows to add to the bitmaps of a {@code BitmapMap<Long>}, collected over a commit and then added
 * key by key ({@link #addTo}): one lookup and at most one copy of each container per key and
 * commit, where adding each (key, row) pair as it comes looks the key up and checks the row's
 * container every time. Not thread-safe; lives only while one commit writes.
 */
final class PendingRows {
  private long[] keys = new long[64];
  private int[] rows = new int[64];
  private int size;
  /** Whether the rows came in ascending order (repeats allowed), as a commit visits its rows. */
  private boolean ascending = true;

  void add(long key, int row) {
    if (size == keys.length) {
      keys = Arrays.copyOf(keys, size * 2);
      rows = Arrays.copyOf(rows, size * 2);
    }
    if (size > 0 && row < rows[size - 1]) {
      ascending = false;
    }
    keys[size] = key;
    rows[size++] = row;
  }

  boolean isEmpty() {
    return size == 0;
  }

  /**
   * Adds every collected row under its key, in a map returned by {@link BitmapMap#edit} with the
   * same scope, and forgets them. Returns the map (the same one).
   */
  BitmapMap<Long> addTo(WriteScope scope, BitmapMap<Long> map) {
    long min = Long.MAX_VALUE;
    long max = Long.MIN_VALUE;
    for (int i = 0; i < size; i++) {
      min = Math.min(min, keys[i]);
      max = Math.max(max, keys[i]);
    }
    if (size == 0) {
      return map;
    }
    if (max - min < 0 || max - min > Integer.MAX_VALUE) { // keys too far apart to pack: one by one
      for (int i = 0; i < size; i++) {
        map.add(scope, keys[i], rows[i]);
      }
      forget();
      return map;
    }
    if (ascending && max - min < Math.max(1 << 16, 4L * size)) {
      addByCounting(scope, map, min, (int) (max - min) + 1);
      forget();
      return map;
    }
    // (key - min, row) packed in a long sorts by key, then row (rows are not negative)
    long[] pairs = new long[size];
    for (int i = 0; i < size; i++) {
      pairs[i] = (keys[i] - min) << 32 | rows[i];
    }
    Arrays.sort(pairs);
    int[] group = rows; // reused: its rows are all in pairs now
    for (int i = 0; i < size; ) {
      long key = pairs[i] >>> 32;
      int n = 0;
      for (; i < size && pairs[i] >>> 32 == key; i++) {
        group[n++] = (int) pairs[i];
      }
      map.addAll(scope, min + key, group, 0, distinct(group, 0, n));
    }
    forget();
    return map;
  }

  /**
   * {@link #addTo} for ascending rows and keys in {@code [min, min + range)}: a stable counting
   * sort by key keeps each key's rows ascending, in time linear in the pairs and the range.
   */
  private void addByCounting(WriteScope scope, BitmapMap<Long> map, long min, int range) {
    int[] next = new int[range + 1]; // [k]: where key min + k's next row goes; [range]: the end
    for (int i = 0; i < size; i++) {
      next[(int) (keys[i] - min) + 1]++;
    }
    for (int k = 1; k < next.length; k++) {
      next[k] += next[k - 1];
    }
    int[] sorted = new int[size];
    int[] start = next.clone();
    for (int i = 0; i < size; i++) {
      sorted[next[(int) (keys[i] - min)]++] = rows[i];
    }
    for (int k = 0; k < range; k++) {
      int from = start[k];
      int to = start[k + 1];
      if (from < to) {
        map.addAll(scope, min + k, sorted, from, distinct(sorted, from, to));
      }
    }
  }

  private void forget() {
    size = 0;
    ascending = true;
  }

  /**
   * Adds every collected row, whatever its key, to a bitmap as {@link WriteScope#withRows} does,
   * and forgets them. Store the result in place of the argument.
   */
  RoaringBitmap addTo(WriteScope scope, RoaringBitmap bitmap) {
    if (size == 0) {
      return bitmap;
    }
    if (!ascending) {
      Arrays.sort(rows, 0, size);
    }
    int n = distinct(rows, 0, size);
    forget();
    return scope.withRows(bitmap, rows, 0, n);
  }

  /**
   * Merges the repeats of the ascending rows {@code rows[from, to)} in place; returns the end of
   * the distinct ones.
   */
  private static int distinct(int[] rows, int from, int to) {
    int n = from + 1;
    for (int i = from + 1; i < to; i++) {
      if (rows[i] != rows[n - 1]) {
        rows[n++] = rows[i];
      }
    }
    return n;
  }
}
