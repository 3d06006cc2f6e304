package org.segmentdsl.benchmarks;

/**
 * One way of answering the {@link Workload}s over a loaded {@link Dataset}: the engine under test
 * or one of its peers. Each answer is the number of contacts in the segment.
 */
public interface Engine extends AutoCloseable {
  /** The name used in tables and messages. */
  String name();

  /** The number of contacts in the workload's segment. */
  long count(Workload workload);

  /** Frees what the engine holds outside the Java heap; by default nothing. */
  @Override
  default void close() {}
}
