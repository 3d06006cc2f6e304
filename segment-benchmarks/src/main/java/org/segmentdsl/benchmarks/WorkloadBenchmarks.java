package org.segmentdsl.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One benchmark per (workload, engine): the time to count a workload's segment, on the engines
 * {@link LoadedEngines} holds for {@link #size}. Methods are named {@code w<N><Engine>}, which
 * {@link BenchmarkMain} reads back into its table.
 *
 * <p>Each call evaluates from scratch: Segment DSL on its latest snapshot (on the benchmark's
 * thread alone, and as {@code w<N>OursParallel} with the common pool's threads helping), DuckDB
 * by executing a prepared statement, plain Java by a parallel stream over every contact. Nothing is cached
 * between calls by this code; whatever the engines cache themselves is part of what is measured.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class WorkloadBenchmarks {
  /** Contacts in the data set; {@link BenchmarkMain} sets it per run. */
  @Param("20000")
  public int size;

  private SegmentDslEngine ours;
  private DuckDbEngine duckDb;
  private PlainJavaEngine plainJava;

  @Setup(Level.Trial)
  public void setUp() {
    LoadedEngines loaded = LoadedEngines.forSize(size);
    ours = loaded.ours();
    duckDb = loaded.duckDb();
    plainJava = loaded.plainJava();
  }

  @Benchmark
  public long w1Ours() {
    return ours.count(Workload.W1_ONBOARDING);
  }

  @Benchmark
  public long w1OursParallel() {
    return ours.countParallel(Workload.W1_ONBOARDING);
  }

  @Benchmark
  public long w1DuckDb() {
    return duckDb.count(Workload.W1_ONBOARDING);
  }

  @Benchmark
  public long w1PlainJava() {
    return plainJava.count(Workload.W1_ONBOARDING);
  }

  @Benchmark
  public long w2Ours() {
    return ours.count(Workload.W2_NURTURE);
  }

  @Benchmark
  public long w2OursParallel() {
    return ours.countParallel(Workload.W2_NURTURE);
  }

  @Benchmark
  public long w2DuckDb() {
    return duckDb.count(Workload.W2_NURTURE);
  }

  @Benchmark
  public long w2PlainJava() {
    return plainJava.count(Workload.W2_NURTURE);
  }

  @Benchmark
  public long w3Ours() {
    return ours.count(Workload.W3_REENGAGEMENT);
  }

  @Benchmark
  public long w3OursParallel() {
    return ours.countParallel(Workload.W3_REENGAGEMENT);
  }

  @Benchmark
  public long w3DuckDb() {
    return duckDb.count(Workload.W3_REENGAGEMENT);
  }

  @Benchmark
  public long w3PlainJava() {
    return plainJava.count(Workload.W3_REENGAGEMENT);
  }

  @Benchmark
  public long w4Ours() {
    return ours.count(Workload.W4_ABANDONED_CART);
  }

  @Benchmark
  public long w4OursParallel() {
    return ours.countParallel(Workload.W4_ABANDONED_CART);
  }

  @Benchmark
  public long w4DuckDb() {
    return duckDb.count(Workload.W4_ABANDONED_CART);
  }

  @Benchmark
  public long w4PlainJava() {
    return plainJava.count(Workload.W4_ABANDONED_CART);
  }

  @Benchmark
  public long w5Ours() {
    return ours.count(Workload.W5_COMPOSITE);
  }

  @Benchmark
  public long w5OursParallel() {
    return ours.countParallel(Workload.W5_COMPOSITE);
  }

  @Benchmark
  public long w5DuckDb() {
    return duckDb.count(Workload.W5_COMPOSITE);
  }

  @Benchmark
  public long w5PlainJava() {
    return plainJava.count(Workload.W5_COMPOSITE);
  }

  @Benchmark
  public long w6Ours() {
    return ours.count(Workload.W6_SALES);
  }

  @Benchmark
  public long w6OursParallel() {
    return ours.countParallel(Workload.W6_SALES);
  }

  @Benchmark
  public long w6DuckDb() {
    return duckDb.count(Workload.W6_SALES);
  }

  @Benchmark
  public long w6PlainJava() {
    return plainJava.count(Workload.W6_SALES);
  }

  @Benchmark
  public long w7Ours() {
    return ours.count(Workload.W7_WIDE);
  }

  @Benchmark
  public long w7OursParallel() {
    return ours.countParallel(Workload.W7_WIDE);
  }

  @Benchmark
  public long w7DuckDb() {
    return duckDb.count(Workload.W7_WIDE);
  }

  @Benchmark
  public long w7PlainJava() {
    return plainJava.count(Workload.W7_WIDE);
  }

  @Benchmark
  public long w8Ours() {
    return ours.count(Workload.W8_NURTURE_20);
  }

  @Benchmark
  public long w8OursParallel() {
    return ours.countParallel(Workload.W8_NURTURE_20);
  }

  @Benchmark
  public long w8DuckDb() {
    return duckDb.count(Workload.W8_NURTURE_20);
  }

  @Benchmark
  public long w8PlainJava() {
    return plainJava.count(Workload.W8_NURTURE_20);
  }

  @Benchmark
  public long w9Ours() {
    return ours.count(Workload.W9_SAVED_SEGMENTS);
  }

  @Benchmark
  public long w9OursParallel() {
    return ours.countParallel(Workload.W9_SAVED_SEGMENTS);
  }

  @Benchmark
  public long w9DuckDb() {
    return duckDb.count(Workload.W9_SAVED_SEGMENTS);
  }

  @Benchmark
  public long w9PlainJava() {
    return plainJava.count(Workload.W9_SAVED_SEGMENTS);
  }
}
