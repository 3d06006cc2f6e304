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
import org.segmentdsl.Explanation;

/**
 * The cost of {@code index.explain} beside {@code evaluate}: one benchmark per workload, named {@code w<N>Explain}, compared in {@link BenchmarkMain}'s table with
 * {@code w<N>Ours} of {@link WorkloadBenchmarks}. Explain counts every node of the condition tree
 * on its own over the whole snapshot, so it is expected to cost more than the planned evaluation,
 * which passes each conjunction's running result down as a pre-filter.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class ExplainBenchmarks {
  /** Contacts in the data set; {@link BenchmarkMain} sets it per run. */
  @Param("20000")
  public int size;

  private SegmentDslEngine ours;

  @Setup(Level.Trial)
  public void setUp() {
    ours = LoadedEngines.forSize(size).ours();
  }

  @Benchmark
  public Explanation w1Explain() {
    return ours.explain(Workload.W1_ONBOARDING);
  }

  @Benchmark
  public Explanation w2Explain() {
    return ours.explain(Workload.W2_NURTURE);
  }

  @Benchmark
  public Explanation w3Explain() {
    return ours.explain(Workload.W3_REENGAGEMENT);
  }

  @Benchmark
  public Explanation w4Explain() {
    return ours.explain(Workload.W4_ABANDONED_CART);
  }

  @Benchmark
  public Explanation w5Explain() {
    return ours.explain(Workload.W5_COMPOSITE);
  }

  @Benchmark
  public Explanation w6Explain() {
    return ours.explain(Workload.W6_SALES);
  }

  @Benchmark
  public Explanation w7Explain() {
    return ours.explain(Workload.W7_WIDE);
  }

  @Benchmark
  public Explanation w8Explain() {
    return ours.explain(Workload.W8_NURTURE_20);
  }

  @Benchmark
  public Explanation w9Explain() {
    return ours.explain(Workload.W9_SAVED_SEGMENTS);
  }
}
