package org.segmentdsl.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * Measures the live heap: the heap in use right after a full garbage collection.
 *
 * <p>Method: call {@link System#gc()} (a full, stop-the-world collection on the default G1
 * collector unless {@code -XX:+ExplicitGCInvokesConcurrent} is set), read the used heap from the
 * {@link MemoryMXBean}, and repeat until two readings in a row differ by less than 1 MiB or 0.1%
 * of the heap, whichever is larger (at most 20 rounds), taking the smaller. One collection is
 * not always enough: objects with finalizers or cleaners (DuckDB's JDBC objects, for one) and
 * objects freed by a collection's own clean-up need a second round. A figure "per contact" is
 * the difference of two such readings divided by the contacts added in between; everything else
 * live (the generated data set, the other engines) is in both readings and cancels out.
 */
public final class HeapMeter {
  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

  private HeapMeter() {}

  /** The used heap once it has stopped shrinking under repeated full collections, in bytes. */
  public static long liveHeap() {
    long previous = Long.MAX_VALUE;
    for (int round = 0; round < 20; round++) {
      System.gc();
      long used = MEMORY.getHeapMemoryUsage().getUsed();
      boolean stable = Math.abs(previous - used) < Math.max(1 << 20, used / 1000);
      if (previous != Long.MAX_VALUE && stable) {
        return Math.min(previous, used);
      }
      previous = used;
    }
    return previous;
  }
}
