package org.segmentdsl.internal;

import java.util.BitSet;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import org.roaringbitmap.Container;
import org.roaringbitmap.ContainerPointer;
import org.roaringbitmap.RoaringBitmap;

/**
 * The objects one commit has created and may still change in place. Everything a published
 * snapshot references is never written again; a commit copies what it touches the first time it
 * touches it, and then changes its copy as often as the batch needs. This is what makes a batch
 * of many mutations cost one copy per touched structure, not one per mutation.
 *
 * <p>Bitmaps are copied by container ({@link #withRow}, {@link #withoutRow}). A roaring bitmap
 * is an array of containers, one per 65,536 rows; a commit's first change to a bitmap copies
 * that array (references only) and clones the one container the row lies in, and its first
 * change in another container copies the array again with that container cloned too. The
 * published version and the commit's share every container the commit did not change. A
 * single-contact batch at 10M rows so copies a few kilobytes per bitmap it touches, where a copy
 * of a whole bitmap of half the contacts is 153 containers and 1.2 MB. After {@value
 * #SHARED_COPIES} such copies of one bitmap in one commit (a batch that touches rows all over the
 * index) the next copy clones every container, so that a commit never copies one bitmap's array
 * more than {@value #SHARED_COPIES} + 1 times.
 *
 * <p>The containers a published snapshot holds are never changed: every change to a bitmap goes
 * through this class, which changes only containers it cloned or the bitmap created in this
 * commit. The RoaringBitmap API is used as published: {@link RoaringBitmap#getContainerPointer()}
 * reads a bitmap's containers, {@link RoaringBitmap#append} builds the copy.
 */
public final class WriteScope {
  /** The copies of one bitmap in one commit that share containers; then one deep copy. */
  static final int SHARED_COPIES = 8;

  private final Set<Object> fresh = Collections.newSetFromMap(new IdentityHashMap<>());
  /**
   * This commit's copies that share containers with a published bitmap, each with the keys
   * (row / 65,536) of the containers that are its own. A fresh bitmap not in this map is wholly
   * this commit's.
   */
  private final Map<RoaringBitmap, Owned> sharing = new IdentityHashMap<>();

  /** The container keys a shared copy owns, and how many copies of its bitmap came before it. */
  private record Owned(BitSet keys, int copies) {}

  /** Registers an object created by this commit. */
  public <T> T created(T object) {
    fresh.add(object);
    return object;
  }

  /** Whether this commit created the object (and so may change it). */
  public boolean isFresh(Object object) {
    return fresh.contains(object);
  }

  /**
   * A bitmap with the row: the same bitmap if it has the row already or this commit may change
   * it, else a copy with the row, sharing the containers it did not change. Store the result in
   * place of the argument.
   *
   * @param bitmap the bitmap, or null for none (a new one is made)
   */
  public RoaringBitmap withRow(RoaringBitmap bitmap, int row) {
    if (bitmap == null) {
      RoaringBitmap b = created(new RoaringBitmap());
      b.add(row);
      return b;
    }
    if (bitmap.contains(row)) {
      return bitmap;
    }
    RoaringBitmap b = writable(bitmap, row);
    b.add(row);
    return b;
  }

  /**
   * A bitmap with every row of {@code rows[from, to)} (ascending, distinct): what {@link #withRow}
   * of each gives, with each container copied at most once and the rows of a container added
   * together.
   * Store the result in place of the argument.
   */
  public RoaringBitmap withRows(RoaringBitmap bitmap, int[] rows, int from, int to) {
    assert increasing(rows, from, to) : "rows not ascending and distinct";
    if (bitmap == null) {
      RoaringBitmap b = created(new RoaringBitmap());
      b.addN(rows, from, to - from);
      return b;
    }
    RoaringBitmap b = bitmap;
    for (int i = from; i < to; ) {
      int key = rows[i] >>> 16;
      int end = i + 1;
      while (end < to && rows[end] >>> 16 == key) {
        end++;
      }
      for (int k = i; k < end; k++) {
        if (!b.contains(rows[k])) { // the first row it lacks: the container changes
          b = writable(b, rows[k]);
          b.addN(rows, k, end - k);
          break;
        }
      }
      i = end;
    }
    return b;
  }

  private static boolean increasing(int[] rows, int from, int to) {
    for (int i = from + 1; i < to; i++) {
      if (rows[i] <= rows[i - 1]) {
        return false;
      }
    }
    return true;
  }

  /**
   * A bitmap without the row: the same bitmap if it lacks the row or this commit may change it,
   * else a copy without it, sharing the containers it did not change. Store the result in place
   * of the argument; it may be empty.
   */
  public RoaringBitmap withoutRow(RoaringBitmap bitmap, int row) {
    if (!bitmap.contains(row)) {
      return bitmap;
    }
    RoaringBitmap b = writable(bitmap, row);
    b.remove(row);
    return b;
  }

  /**
   * The bitmap, or a copy of it, in which this commit may change the container of {@code row}
   * (whether or not it exists yet) and the array of containers.
   */
  private RoaringBitmap writable(RoaringBitmap bitmap, int row) {
    int key = row >>> 16;
    Owned owned;
    if (isFresh(bitmap)) {
      owned = sharing.get(bitmap);
      if (owned == null || owned.keys().get(key)) {
        return bitmap; // wholly this commit's, or this container is
      }
      if (!bitmap.intersects((long) key << 16, (long) (key + 1) << 16)) {
        owned.keys().set(key); // no container there yet: the one the change creates is ours
        return bitmap;
      }
      sharing.remove(bitmap); // replaced by the copy below, never used again
    } else {
      owned = new Owned(new BitSet(), 0);
    }
    boolean deep = owned.copies() >= SHARED_COPIES;
    RoaringBitmap copy = created(new RoaringBitmap());
    ContainerPointer p = bitmap.getContainerPointer();
    for (Container c = p.getContainer(); c != null; p.advance(), c = p.getContainer()) {
      char k = p.key();
      copy.append(k, deep || k == key ? c.clone() : c);
    }
    if (!deep) {
      owned.keys().set(key);
      sharing.put(copy, new Owned(owned.keys(), owned.copies() + 1));
    }
    return copy;
  }
}
