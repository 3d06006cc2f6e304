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
 * The workloads compiled to Spark SQL and counted on {@code local[2]} over the Parquet export
 * ({@link SparkSqlEngine}), named {@code w<N>Spark}: the figures the README gives beside DuckDB's.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class SparkBenchmarks {
  /** Contacts in the data set; {@link BenchmarkMain} sets it per run. */
  @Param("20000")
  public int size;

  private SparkSqlEngine spark;

  @Setup(Level.Trial)
  public void setUp() {
    spark = LoadedEngines.forSize(size).spark();
  }

  @Benchmark
  public long w1Spark() {
    return spark.count(Workload.W1_ONBOARDING);
  }

  @Benchmark
  public long w2Spark() {
    return spark.count(Workload.W2_NURTURE);
  }

  @Benchmark
  public long w3Spark() {
    return spark.count(Workload.W3_REENGAGEMENT);
  }

  @Benchmark
  public long w4Spark() {
    return spark.count(Workload.W4_ABANDONED_CART);
  }

  @Benchmark
  public long w5Spark() {
    return spark.count(Workload.W5_COMPOSITE);
  }

  @Benchmark
  public long w6Spark() {
    return spark.count(Workload.W6_SALES);
  }

  @Benchmark
  public long w7Spark() {
    return spark.count(Workload.W7_WIDE);
  }

  @Benchmark
  public long w8Spark() {
    return spark.count(Workload.W8_NURTURE_20);
  }

  @Benchmark
  public long w9Spark() {
    return spark.count(Workload.W9_SAVED_SEGMENTS);
  }
}
