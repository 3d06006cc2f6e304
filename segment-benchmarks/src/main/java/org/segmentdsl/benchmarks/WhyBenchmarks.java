package org.segmentdsl.benchmarks;

import java.util.SplittableRandom;
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
import org.segmentdsl.ContactExplanation;

/**
 * {@code why}: one contact explained against one workload's segment, node by node ({@code
 * IndexSnapshot.why}), named {@code w<N>Why}. Each call takes the next of {@value #CONTACTS}
 * contacts drawn at random (seeded), so that the calls do not keep re-reading one contact's data
 * in the caches. Its goal: at most 50 µs for W8 (20 conditions) at 10,000,000 contacts, whatever
 * the index's size, since it reads only that contact's rows.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class WhyBenchmarks {
  /** How many contacts the calls go round. */
  static final int CONTACTS = 4096;

  /** Contacts in the data set; {@link BenchmarkMain} sets it per run. */
  @Param("20000")
  public int size;

  private SegmentDslEngine ours;
  private String[] ids;
  private int next;

  @Setup(Level.Trial)
  public void setUp() {
    LoadedEngines loaded = LoadedEngines.forSize(size);
    ours = loaded.ours();
    SplittableRandom rnd = new SplittableRandom(DataGenerator.SEED);
    ids = new String[CONTACTS];
    for (int i = 0; i < CONTACTS; i++) {
      ids[i] = Dataset.contactId(rnd.nextInt(loaded.data().contacts()));
    }
  }

  private String nextContact() {
    next = (next + 1) & (CONTACTS - 1);
    return ids[next];
  }

  @Benchmark
  public ContactExplanation w1Why() {
    return ours.why(Workload.W1_ONBOARDING, nextContact());
  }

  @Benchmark
  public ContactExplanation w2Why() {
    return ours.why(Workload.W2_NURTURE, nextContact());
  }

  @Benchmark
  public ContactExplanation w3Why() {
    return ours.why(Workload.W3_REENGAGEMENT, nextContact());
  }

  @Benchmark
  public ContactExplanation w4Why() {
    return ours.why(Workload.W4_ABANDONED_CART, nextContact());
  }

  @Benchmark
  public ContactExplanation w5Why() {
    return ours.why(Workload.W5_COMPOSITE, nextContact());
  }

  @Benchmark
  public ContactExplanation w6Why() {
    return ours.why(Workload.W6_SALES, nextContact());
  }

  @Benchmark
  public ContactExplanation w7Why() {
    return ours.why(Workload.W7_WIDE, nextContact());
  }

  @Benchmark
  public ContactExplanation w8Why() {
    return ours.why(Workload.W8_NURTURE_20, nextContact());
  }

  @Benchmark
  public ContactExplanation w9Why() {
    return ours.why(Workload.W9_SAVED_SEGMENTS, nextContact());
  }
}
