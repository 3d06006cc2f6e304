package org.segmentdsl.internal;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.roaringbitmap.RoaringBitmap;

/**
 * The objects one commit has created and may still change in place. Everything a published
 * snapshot references is never written again; a commit copies what it touches the first time it
 * touches it ({@link #own}), and then changes its copy as often as the batch needs. This is what
 * makes a batch of many mutations cost one copy per touched structure, not one per mutation.
 */
public final class WriteScope {
  private final Set<Object> fresh = Collections.newSetFromMap(new IdentityHashMap<>());

  /** Registers an object created by this commit. */
  public <T> T created(T object) {
    fresh.add(object);
    return object;
  }

  /** Whether this commit created the object (and so may change it). */
  public boolean isFresh(Object object) {
    return fresh.contains(object);
  }

  /** A bitmap this commit may change: the same one if fresh, a copy otherwise, a new one for null. */
  public RoaringBitmap own(RoaringBitmap bitmap) {
    if (bitmap == null) {
      return created(new RoaringBitmap());
    }
    return isFresh(bitmap) ? bitmap : created(bitmap.clone());
  }
}
