package org.segmentdsl.benchmarks;

import java.util.BitSet;
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
import org.openjdk.jmh.annotations.TearDown;
import org.segmentdsl.Contact;
import org.segmentdsl.ContactIndex;

/**
 * Contact upserts into the loaded index in batches of {@value #BATCH}, as a CRM sync sends them:
 * each call builds and upserts a thousand existing contacts (a stride through all of them, as
 * {@link FreshnessBenchmark} takes them), each as generated with {@code lifetime_value} raised,
 * and returns when the batch is published. The
 * upserts a second are {@value #BATCH} over the median call. At the end the touched contacts are
 * put back as generated, so later benchmarks count the same segments.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
public class UpsertBatchBenchmark {
  /** Contacts a batch. */
  static final int BATCH = 1_000;

  /** Contacts in the data set; {@link BenchmarkMain} sets it per run. */
  @Param("20000")
  public int size;

  private Dataset data;
  private ContactIndex index;
  private final BitSet touched = new BitSet();
  private long step;

  @Setup(Level.Trial)
  public void setUp() {
    LoadedEngines loaded = LoadedEngines.forSize(size);
    data = loaded.data();
    index = loaded.ours().index();
  }

  @Benchmark
  public long upsertThousand() {
    Contact[] batch = new Contact[BATCH];
    for (int i = 0; i < BATCH; i++) {
      int c = (int) (step++ * FreshnessBenchmark.STRIDE % data.contacts());
      touched.set(c);
      batch[i] = FreshnessBenchmark.synced(data, c, step);
    }
    return index.update(b -> {
      for (Contact contact : batch) {
        b.upsert(contact);
      }
    }).version();
  }

  @TearDown(Level.Trial)
  public void restore() {
    index.update(b -> touched.stream().forEach(c -> b.upsert(SegmentDslEngine.contact(data, c))));
    touched.clear();
  }
}
