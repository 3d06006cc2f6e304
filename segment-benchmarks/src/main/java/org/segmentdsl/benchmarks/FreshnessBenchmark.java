package org.segmentdsl.benchmarks;

import java.util.BitSet;
import java.util.HashMap;
import java.util.Map;
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
 * How fresh a reader's view is: the time from the start of a single-contact batch ({@code
 * index.update(b -> b.upsert(contact))}) to the moment another thread, polling {@code
 * index.snapshot()}, sees the snapshot that contains it.
 *
 * <p>Each call upserts a different contact of the loaded index (a stride through all of them), as
 * a CRM sync would: the whole contact as generated, with {@code lifetime_value} raised by one,
 * so the batch changes one number field (which no workload reads). The reader thread spins on a
 * core of its own for the length of the benchmark. At the end the touched contacts are put back
 * as generated, in one batch, so later benchmarks count the same segments.
 *
 * <p>Every call writes a contact not written before, as a sync does, so whatever the index keeps
 * per write until its next compaction grows during the run: the figures are over that growth,
 * not a steady state.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class FreshnessBenchmark {
  /** Stride through the contacts: a prime, so coprime with every size made of 2s and 5s. */
  static final long STRIDE = 7_919;

  /** Contacts in the data set; {@link BenchmarkMain} sets it per run. */
  @Param("20000")
  public int size;

  private Dataset data;
  private ContactIndex index;
  private final BitSet touched = new BitSet();
  private long step;
  private Thread reader;
  private volatile boolean reading;
  private volatile long seenVersion;

  @Setup(Level.Trial)
  public void startReader() {
    LoadedEngines loaded = LoadedEngines.forSize(size);
    data = loaded.data();
    index = loaded.ours().index();
    seenVersion = index.snapshot().version();
    reading = true;
    reader = new Thread(() -> {
      while (reading) {
        long v = index.snapshot().version();
        if (v != seenVersion) {
          seenVersion = v;
        } else {
          Thread.onSpinWait();
        }
      }
    }, "freshness-reader");
    reader.setDaemon(true);
    reader.start();
  }

  @Benchmark
  public long upsertSeenByReader() {
    int c = (int) (step++ * STRIDE % data.contacts());
    touched.set(c);
    Contact changed = synced(data, c, step);
    long version = index.update(b -> b.upsert(changed)).version();
    while (seenVersion < version) {
      Thread.onSpinWait();
    }
    return version;
  }

  /**
   * Contact {@code c} as generated, with {@code lifetime_value} raised by one and by the number of
   * passes through all contacts {@code step} stands for: what a sync sends, a changed value each
   * time.
   */
  static Contact synced(Dataset data, int c, long step) {
    Contact generated = SegmentDslEngine.contact(data, c);
    Map<String, Object> fields = new HashMap<>(generated.fields());
    fields.put("lifetime_value", ((Number) fields.get("lifetime_value")).doubleValue() + 1
        + (step / data.contacts()));
    return new Contact(generated.id(), generated.tags(), generated.lists(), fields,
        generated.account());
  }

  @TearDown(Level.Trial)
  public void stopReaderAndRestore() throws InterruptedException {
    reading = false;
    reader.join();
    index.update(b -> touched.stream().forEach(c -> b.upsert(SegmentDslEngine.contact(data, c))));
    touched.clear();
  }
}
