package org.segmentdsl.internal.column;

import java.util.Arrays;
import org.roaringbitmap.RoaringBitmap;

/**
 * A sorted map from {@code long} keys to bitmaps in two parallel arrays: the delta levels of a
 * {@link RangeColumn}. Copying one is two array copies, where a {@code TreeMap} of the same size
 * allocates an entry per key: a single-row batch copies the column's small delta level, and with a
 * {@code TreeMap} of up to 512 keys that copy was most of the batch's time.
 *
 * <p>Mutable, for the writer: {@link #copy} before changing an instance that a published
 * snapshot can reach (the column does so through its {@link
 * org.segmentdsl.internal.WriteScope}).
 */
final class KeyBitmaps {
  /** The empty map. Never change it: {@link #copy} it first. */
  static final KeyBitmaps EMPTY = new KeyBitmaps(new long[0], new RoaringBitmap[0], 0);

  private long[] keys;
  private RoaringBitmap[] values;
  private int size;

  private KeyBitmaps(long[] keys, RoaringBitmap[] values, int size) {
    this.keys = keys;
    this.values = values;
    this.size = size;
  }

  /** A new, empty map. */
  static KeyBitmaps create() {
    return new KeyBitmaps(new long[8], new RoaringBitmap[8], 0);
  }

  /** A copy that can be changed without changing this one (the bitmaps are shared). */
  KeyBitmaps copy() {
    int capacity = Math.max(8, size + (size >> 3));
    return new KeyBitmaps(Arrays.copyOf(keys, capacity), Arrays.copyOf(values, capacity), size);
  }

  /**
   * A new map: {@code base} with {@code over} applied, each key of {@code over} replacing that of
   * {@code base}, or removing it where its bitmap is empty. One pass over both.
   */
  static KeyBitmaps merged(KeyBitmaps base, KeyBitmaps over) {
    int capacity = Math.max(8, base.size + over.size);
    long[] keys = new long[capacity];
    RoaringBitmap[] values = new RoaringBitmap[capacity];
    int n = 0;
    int i = 0;
    int j = 0;
    while (i < base.size || j < over.size) {
      if (j >= over.size || i < base.size && base.keys[i] < over.keys[j]) {
        keys[n] = base.keys[i];
        values[n++] = base.values[i++];
        continue;
      }
      if (i < base.size && base.keys[i] == over.keys[j]) {
        i++; // replaced or removed by over's
      }
      if (!over.values[j].isEmpty()) {
        keys[n] = over.keys[j];
        values[n++] = over.values[j];
      }
      j++;
    }
    return new KeyBitmaps(keys, values, n);
  }

  int size() {
    return size;
  }

  boolean isEmpty() {
    return size == 0;
  }

  /** The bitmap of a key, or null. */
  RoaringBitmap get(long key) {
    int i = Arrays.binarySearch(keys, 0, size, key);
    return i >= 0 ? values[i] : null;
  }

  boolean containsKey(long key) {
    return Arrays.binarySearch(keys, 0, size, key) >= 0;
  }

  /** Sets a key's bitmap. */
  void put(long key, RoaringBitmap value) {
    int i = Arrays.binarySearch(keys, 0, size, key);
    if (i >= 0) {
      values[i] = value;
      return;
    }
    i = -i - 1;
    if (size == keys.length) {
      int capacity = size + (size >> 1) + 8;
      keys = Arrays.copyOf(keys, capacity);
      values = Arrays.copyOf(values, capacity);
    }
    System.arraycopy(keys, i, keys, i + 1, size - i);
    System.arraycopy(values, i, values, i + 1, size - i);
    keys[i] = key;
    values[i] = value;
    size++;
  }

  /** Removes a key, if present. */
  void remove(long key) {
    int i = Arrays.binarySearch(keys, 0, size, key);
    if (i < 0) {
      return;
    }
    System.arraycopy(keys, i + 1, keys, i, size - i - 1);
    System.arraycopy(values, i + 1, values, i, size - i - 1);
    size--;
    values[size] = null;
  }

  /** The position of the first key {@code >= key} ({@link #size} if none). */
  int lowerBound(long key) {
    int i = Arrays.binarySearch(keys, 0, size, key);
    return i >= 0 ? i : -i - 1;
  }

  /** The position of the first key {@code > key} ({@link #size} if none). */
  int upperBound(long key) {
    int i = Arrays.binarySearch(keys, 0, size, key);
    return i >= 0 ? i + 1 : -i - 1;
  }

  long keyAt(int i) {
    return keys[i];
  }

  RoaringBitmap valueAt(int i) {
    return values[i];
  }
}
