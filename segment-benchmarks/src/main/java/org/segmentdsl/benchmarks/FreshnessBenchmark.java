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
import org.segmentdsl.ContactIndex;

/**
 * How fresh a reader's view is: the time from the start of a single-contact batch ({@code
 * index.update(b -> b.upsert(contact))}) to the moment another thread, polling {@code
 * index.snapshot()}, sees the snapshot that contains it.
 *
 * <p>Each call upserts a different contact of the loaded index, as a CRM sync would ({@link
 * ContactSync}: the whole contact, one number field changed); the touched contacts are put back
 * at the end. The reader thread spins on a core of its own for the length of the benchmark.
 *
 * <p>Every call writes a contact not written before, as a sync does, so whatever the index keeps
 * per write until its next compaction grows during the run: the figures are over that growth,
 * not a steady state.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class FreshnessBenchmark {
  /** Contacts in the data set; {@link BenchmarkMain} sets it per run. */
  @Param("20000")
  public int size;

  private ContactSync sync;
  private ContactIndex index;
  private Thread reader;
  private volatile boolean reading;
  private volatile long seenVersion;

  @Setup(Level.Trial)
  public void startReader() {
    sync = new ContactSync(LoadedEngines.forSize(size));
    index = sync.index();
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
    Contact changed = sync.next();
    long version = index.update(b -> b.upsert(changed)).version();
    while (seenVersion < version) {
      Thread.onSpinWait();
    }
    return version;
  }

  @TearDown(Level.Trial)
  public void stopReaderAndRestore() throws InterruptedException {
    reading = false;
    reader.join();
    sync.restore();
  }
}
