package org.segmentdsl.internal;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.function.Supplier;
import org.roaringbitmap.RoaringBitmap;

/**
 * Counts the bytes of index data that one call reads: each bitmap, column and event blob that the
 * index's accessors hand out while the call runs, once each (by identity), at its serialised size.
 * The benchmarks divide it by the machine's memory bandwidth for a lower bound of a workload's
 * time. A measuring tool, not a guard: only the thread inside {@link #measure} is counted, one
 * thread measures at a time (callers serialise), and outside {@code measure} every hook costs one
 * read of a static field.
 */
public final class ReadMeter {
  /** The measuring thread, or null. Plain (not volatile): other threads never match it. */
  private static Thread owner;
  private static Set<Object> seen;
  private static long bytes;

  private ReadMeter() {}

  /** Runs {@code call} on this thread and returns the bytes it read; not reentrant. */
  public static synchronized long measure(Supplier<?> call) {
    seen = Collections.newSetFromMap(new IdentityHashMap<>());
    bytes = 0;
    owner = Thread.currentThread();
    try {
      call.get();
    } finally {
      owner = null;
      seen = null;
    }
    return bytes;
  }

  /** Counts a bitmap the caller is about to read (null: nothing). */
  public static void bitmap(RoaringBitmap b) {
    if (isMeasuring() && b != null && seen.add(b)) {
      bytes += b.serializedSizeInBytes();
    }
  }

  /** Counts {@code n} bytes of {@code what} (an array, a column) the caller is about to read. */
  public static void bytes(Object what, long n) {
    if (isMeasuring() && what != null && seen.add(what)) {
      bytes += n;
    }
  }

  /** Whether this thread is being measured: callers skip work that only the meter needs. */
  public static boolean on() {
    return isMeasuring();
  }

  /** Whether this thread is being measured (callers then keep their work on it). */
  public static boolean isMeasuring() {
    Thread measuring = owner; // null but while one call is measured: no currentThread() then
    return measuring != null && measuring == Thread.currentThread();
  }
}
