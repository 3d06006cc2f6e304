package org.segmentdsl.benchmarks;

/**
 * The machine's memory bandwidth as one thread sees it: the best of several sequential sums over
 * an array far larger than the caches. With the bytes a workload reads ({@link
 * org.segmentdsl.internal.ReadMeter}) it gives the workload's bound: the time in which one thread
 * could at best stream through what an evaluation touches.
 */
final class MemoryBandwidth {
  /** 256 MiB: far beyond the last-level cache of any machine this runs on. */
  private static final int LONGS = 32 << 20;
  private static final int ROUNDS = 9;

  /** Keeps the sums alive so the JIT cannot drop the loops. */
  static volatile long sink;

  private MemoryBandwidth() {}

  /** Bytes per second, the best of {@value #ROUNDS} passes. */
  static double bytesPerSecond() {
    long[] data = new long[LONGS];
    for (int i = 0; i < data.length; i++) {
      data[i] = i * 0x9E3779B97F4A7C15L;
    }
    double best = 0;
    for (int round = 0; round < ROUNDS; round++) {
      long start = System.nanoTime();
      long sum = 0;
      for (long v : data) {
        sum += v;
      }
      long nanos = System.nanoTime() - start;
      sink += sum;
      best = Math.max(best, 8.0 * data.length / nanos * 1e9);
    }
    return best;
  }
}
