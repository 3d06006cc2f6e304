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
 * The workloads compiled to DuckDB SQL ({@link CompiledDuckDbEngine}), named {@code
 * w<N>Compiled}, beside {@link WorkloadBenchmarks}' {@code w<N>DuckDb} (hand-written SQL over
 * DuckDB's own layout). The goal: the compiled query at most 2 times slower.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class SqlBenchmarks {
  /** Contacts in the data set; {@link BenchmarkMain} sets it per run. */
  @Param("20000")
  public int size;

  private CompiledDuckDbEngine compiled;

  @Setup(Level.Trial)
  public void setUp() {
    compiled = LoadedEngines.forSize(size).compiledDuckDb();
  }

  @Benchmark
  public long w1Compiled() {
    return compiled.count(Workload.W1_ONBOARDING);
  }

  @Benchmark
  public long w2Compiled() {
    return compiled.count(Workload.W2_NURTURE);
  }

  @Benchmark
  public long w3Compiled() {
    return compiled.count(Workload.W3_REENGAGEMENT);
  }

  @Benchmark
  public long w4Compiled() {
    return compiled.count(Workload.W4_ABANDONED_CART);
  }

  @Benchmark
  public long w5Compiled() {
    return compiled.count(Workload.W5_COMPOSITE);
  }

  @Benchmark
  public long w6Compiled() {
    return compiled.count(Workload.W6_SALES);
  }

  @Benchmark
  public long w7Compiled() {
    return compiled.count(Workload.W7_WIDE);
  }

  @Benchmark
  public long w8Compiled() {
    return compiled.count(Workload.W8_NURTURE_20);
  }

  @Benchmark
  public long w9Compiled() {
    return compiled.count(Workload.W9_SAVED_SEGMENTS);
  }
}
