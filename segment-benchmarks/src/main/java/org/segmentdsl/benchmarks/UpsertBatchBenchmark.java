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
import org.openjdk.jmh.annotations.TearDown;
import org.segmentdsl.Contact;

/**
 * Contact upserts into the loaded index in batches of {@value #BATCH}, as a CRM sync sends them:
 * each call builds and upserts a thousand existing contacts ({@link ContactSync}: each the whole
 * contact, one number field changed) and returns when the batch is published. The upserts a
 * second are {@value #BATCH} over the median call. The touched contacts are put back at the end.
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

  private ContactSync sync;

  @Setup(Level.Trial)
  public void setUp() {
    sync = new ContactSync(LoadedEngines.forSize(size));
  }

  @Benchmark
  public long upsertThousand() {
    Contact[] batch = new Contact[BATCH];
    for (int i = 0; i < BATCH; i++) {
      batch[i] = sync.next();
    }
    return sync.index().update(b -> {
      for (Contact contact : batch) {
        b.upsert(contact);
      }
    }).version();
  }

  @TearDown(Level.Trial)
  public void restore() {
    sync.restore();
  }
}
