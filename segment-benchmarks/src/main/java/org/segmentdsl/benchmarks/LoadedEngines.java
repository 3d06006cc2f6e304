package org.segmentdsl.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.segmentdsl.ContactIndex;
import org.segmentdsl.SegmentRegistry;
import org.segmentdsl.SnapshotFile;

/**
 * The generated data set of one size with the engines loaded from it, cross-checked, and what
 * loading them cost; kept in a static cache by size.
 *
 * <p>Two phases, so that 10,000,000 contacts fit a 24 GiB machine: first DuckDB (outside the Java
 * heap) and Segment DSL are loaded and must agree on every count; after their benchmarks, {@link
 * #switchToPlainJava} drops the index, builds the plain-Java objects in its place, and checks that
 * they give the same counts before they are measured.
 *
 * <p>Why a static cache: at 10,000,000 contacts, generating the data and loading the three
 * engines takes minutes and most of the machine's memory. JMH's usual design, a fresh JVM per
 * benchmark (forks), would redo that for each of the 27 benchmarks. {@link BenchmarkMain} instead
 * runs JMH with {@code forks(0)}, in its own JVM, so every benchmark's {@code @Setup} finds the
 * engines of its {@code size} here, loaded once per run. The price is that all benchmarks share
 * one JVM's JIT profile and heap; the engines are loaded and warmed before any measurement, and
 * each benchmark still has its warm-up iterations. Sizes are run one after another and {@link
 * #release}d in between, so only one size is in memory at a time.
 *
 * <p>Settings come from system properties: {@code segment.bench.duckdb.memory} (DuckDB's {@code
 * memory_limit}, default {@code 4GB}), {@code segment.bench.duckdb.threads} (default 2) and
 * {@code segment.bench.tmp} (where DuckDB may spill, default under {@code java.io.tmpdir}).
 */
public final class LoadedEngines {
  private static final Map<Integer, LoadedEngines> BY_SIZE = new HashMap<>();
  private static final double GIB = 1L << 30;

  private final Dataset data;
  private final DuckDbEngine duckDb;
  private final LoadReport report;
  private final boolean measureHeap;
  private SegmentDslEngine ours; // null once switched to plain Java
  private PlainJavaEngine plainJava; // null until then
  private PlainJavaReport plainJavaReport;

  private LoadedEngines(Dataset data, SegmentDslEngine ours, DuckDbEngine duckDb,
      LoadReport report, boolean measureHeap) {
    this.data = data;
    this.ours = ours;
    this.duckDb = duckDb;
    this.report = report;
    this.measureHeap = measureHeap;
  }

  /** What loading cost; heap figures are -1 when they were not measured. */
  public record LoadReport(long generateNanos, long duckDbNanos, long duckDbMemoryBytes,
      long contactsNanos, long eventsNanos, long heapBefore, long heapWithContacts,
      long heapWithEvents, long crossCheckNanos, Map<Workload, Long> counts) {

    public boolean heapMeasured() {
      return heapBefore >= 0;
    }

    /** Heap of the index per contact, before any event. */
    public double bytesPerContact(Dataset data) {
      return (heapWithContacts - heapBefore) / (double) data.contacts();
    }

    /** Heap of the index per event. */
    public double bytesPerEvent(Dataset data) {
      return (heapWithEvents - heapWithContacts) / (double) data.events();
    }

    public double eventsPerSecond(Dataset data) {
      return data.events() / (eventsNanos / 1e9);
    }

    public double contactsPerSecond(Dataset data) {
      return data.contacts() / (contactsNanos / 1e9);
    }
  }

  /**
   * What building the plain-Java objects cost, and its heap ({@code -1} when not measured).
   */
  public record PlainJavaReport(long nanos, long heapBytes) {
    /** Heap of the plain-Java objects per contact, with its events, deals and account share. */
    public double bytesPerContact(Dataset data) {
      return heapBytes / (double) data.contacts();
    }
  }

  /**
   * What saving the index to a snapshot file and loading it back cost.
   *
   * @param saveNanos the save, while a reader thread evaluated the workloads
   * @param readerEvaluations the workloads the reader evaluated during the save
   * @param bytes the file's size
   * @param loadNanos loading the file into a new index (the built one dropped first)
   */
  public record SnapshotReport(long saveNanos, long readerEvaluations, long bytes,
      long loadNanos) {}

  /**
   * Saves the index to a snapshot file in {@code dir} while a reader thread keeps evaluating the
   * workloads (each count must stay the agreed one), drops the index, loads the file into a new
   * one, checks that it gives every agreed count, and keeps it in the built one's place; the
   * file is deleted.
   *
   * @throws IllegalStateException if a count differs, during the save or after the load
   */
  public synchronized SnapshotReport switchToSnapshot(Path dir, Consumer<String> progress) {
    Path file = dir.resolve("index-" + data.contacts + ".snapshot");
    AtomicBoolean saving = new AtomicBoolean(true);
    AtomicLong evaluations = new AtomicLong();
    AtomicReference<String> wrong = new AtomicReference<>();
    SegmentDslEngine built = ours;
    CountDownLatch reading = new CountDownLatch(1);
    Thread reader = new Thread(() -> {
      while (saving.get()) {
        for (Workload w : Workload.values()) {
          long n = built.count(w);
          if (n != report.counts().get(w)) {
            wrong.compareAndSet(null, w.label() + " gave " + n + " during the save, not "
                + report.counts().get(w));
          }
          evaluations.incrementAndGet();
          reading.countDown();
        }
      }
    }, "reader during save");
    try {
      progress.accept("saving the index to " + file + " (a reader evaluates meanwhile)");
      reader.start();
      reading.await(); // the save starts with the reader at work
      long s0 = System.nanoTime();
      SnapshotFile.Summary saved = SnapshotFile.save(ours.index(), SegmentRegistry.empty(), file);
      long s1 = System.nanoTime();
      saving.set(false);
      reader.join();
      if (wrong.get() != null) {
        throw new IllegalStateException(wrong.get());
      }
      progress.accept(String.format(Locale.ROOT, "saved %,d bytes in %.1f s; dropping the index "
          + "and loading the file", saved.bytes(), (s1 - s0) / 1e9));
      ours = null;
      HeapMeter.liveHeap();
      long l0 = System.nanoTime();
      SnapshotFile.Loaded loaded = SnapshotFile.load(file);
      long l1 = System.nanoTime();
      ours = new SegmentDslEngine(loaded.index());
      checkIndexUnchanged("loading its snapshot file");
      return new SnapshotReport(s1 - s0, evaluations.get(), saved.bytes(), l1 - l0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } finally {
      saving.set(false);
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        progress.accept("could not delete " + file + ": " + e.getMessage());
      }
    }
  }

  /** Where DuckDB may spill: {@code segment.bench.tmp}, by default under the JVM's temp. */
  private static String tempDirectory() {
    return System.getProperty("segment.bench.tmp",
        Path.of(System.getProperty("java.io.tmpdir"), "segment-bench-duckdb").toString());
  }

  /** The engines of that size, loading them (without heap measurements) on first use. */
  public static synchronized LoadedEngines forSize(int size) {
    LoadedEngines loaded = BY_SIZE.get(size);
    return loaded != null ? loaded : load(size, false, message -> {});
  }

  /**
   * Generates the data set of that size, loads DuckDB and Segment DSL, checks that they agree,
   * and caches the result for {@link #forSize}.
   *
   * @param measureHeap whether to measure heap figures (several full collections per step)
   * @param progress told what is being done, step by step
   * @throws IllegalStateException if the engines disagree on any workload
   */
  public static synchronized LoadedEngines load(int size, boolean measureHeap,
      Consumer<String> progress) {
    return load(size, measureHeap, true, progress);
  }

  /**
   * Generates the data set of that size, loads Segment DSL and, with {@code peers}, DuckDB,
   * checks that they agree, and caches the result for {@link #forSize}. Without peers, nothing
   * checks the index's counts: they are recorded as the agreed ones, and {@link #duckDb()} is
   * null (for runs of Segment DSL alone, such as the live segments at 10,000,000 contacts).
   *
   * @param measureHeap whether to measure heap figures (several full collections per step)
   * @param peers whether to load DuckDB (plain Java comes later, by {@link #switchToPlainJava})
   * @param progress told what is being done, step by step
   * @throws IllegalStateException if the engines disagree on any workload
   */
  public static synchronized LoadedEngines load(int size, boolean measureHeap, boolean peers,
      Consumer<String> progress) {
    release(size);
    long t0 = System.nanoTime();
    progress.accept(String.format("generating %,d contacts (seed %d)", size, DataGenerator.SEED));
    Dataset data = DataGenerator.generate(size);
    long generated = System.nanoTime();
    progress.accept("generated " + data);

    if (measureHeap) {
      progress.accept("checking that the engines will fit in this heap");
      checkFits(data, peers);
    }
    DuckDbEngine duckDb = null;
    long d0 = System.nanoTime();
    if (peers) {
      progress.accept("loading DuckDB");
      duckDb = DuckDbEngine.load(data,
          Integer.getInteger("segment.bench.duckdb.threads", 2),
          System.getProperty("segment.bench.duckdb.memory", "4GB"),
          tempDirectory());
    }
    long duckLoaded = System.nanoTime();
    long duckMemory = duckDb == null ? 0 : duckDb.memoryBytes();

    // DuckDB keeps its data outside the Java heap, so it is loaded first and cannot blur the heap
    // figures of the index that follow.
    long heapBefore = measureHeap ? HeapMeter.liveHeap() : -1;
    progress.accept("loading Segment DSL: contacts");
    ContactIndex index = ContactIndex.create(SegmentDslEngine.SCHEMA);
    long c0 = System.nanoTime();
    SegmentDslEngine.loadContacts(index, data);
    long c1 = System.nanoTime();
    long heapWithContacts = measureHeap ? HeapMeter.liveHeap() : -1;
    progress.accept("loading Segment DSL: events");
    long e0 = System.nanoTime();
    SegmentDslEngine.loadEvents(index, data);
    long e1 = System.nanoTime();
    long heapWithEvents = measureHeap ? HeapMeter.liveHeap() : -1;
    SegmentDslEngine ours = new SegmentDslEngine(index);

    progress.accept("cross-checking the counts of every workload");
    long x0 = System.nanoTime();
    Map<Workload, Long> counts;
    try {
      counts = CrossCheck.agreedCounts(duckDb == null ? List.of(ours) : List.of(ours, duckDb));
    } catch (RuntimeException e) {
      if (duckDb != null) {
        duckDb.close();
      }
      throw e;
    }
    long x1 = System.nanoTime();
    LoadReport report = new LoadReport(generated - t0, duckLoaded - d0, duckMemory,
        c1 - c0, e1 - e0, heapBefore, heapWithContacts, heapWithEvents, x1 - x0, counts);
    LoadedEngines loaded = new LoadedEngines(data, ours, duckDb, report, measureHeap);
    BY_SIZE.put(size, loaded);
    return loaded;
  }

  /**
   * Drops the Segment DSL index and builds the plain-Java objects in its place (on the first call;
   * later calls change nothing), then checks that they give every count the index and DuckDB
   * agreed on.
   *
   * @throws IllegalStateException if they do not
   */
  public synchronized void switchToPlainJava(Consumer<String> progress) {
    if (plainJava != null) {
      return;
    }
    ours = null;
    long heapBefore = measureHeap ? HeapMeter.liveHeap() : -1;
    progress.accept("building plain Java objects (the index is dropped)");
    long p0 = System.nanoTime();
    PlainJavaEngine built = PlainJavaEngine.load(data);
    long p1 = System.nanoTime();
    long heapAfter = measureHeap ? HeapMeter.liveHeap() : -1;
    progress.accept("cross-checking plain Java against the agreed counts");
    CrossCheck.agreedCounts(List.of(new Recorded("Segment DSL and DuckDB", report.counts()),
        built));
    plainJava = built;
    plainJavaReport = new PlainJavaReport(p1 - p0, measureHeap ? heapAfter - heapBefore : -1);
  }

  /**
   * Checks that the index still gives every count agreed on at loading, after benchmarks that
   * wrote to it and put it back.
   *
   * @throws IllegalStateException naming the workload and both counts if not
   */
  public void checkIndexUnchanged(String after) {
    CrossCheck.agreedCounts(List.of(new Recorded("counts at loading", report.counts()),
        new Renamed("Segment DSL after " + after, ours)));
  }

  /** An engine under another name, for {@link CrossCheck}'s messages. */
  private record Renamed(String name, Engine engine) implements Engine {
    @Override
    public long count(Workload workload) {
      return engine.count(workload);
    }
  }

  /** Counts already agreed on, as an engine for {@link CrossCheck}. */
  private record Recorded(String name, Map<Workload, Long> counts) implements Engine {
    @Override
    public long count(Workload workload) {
      return counts.get(workload);
    }
  }

  /**
   * Throws, before minutes of loading, if the index or the plain-Java objects would not fit in
   * this JVM's maximum heap: loads the first 2% of the contacts (at least 10,000) and their events
   * into a throwaway index, measures its heap per contact and per event, and projects them to the
   * whole data set.
   */
  private static void checkFits(Dataset data, boolean peers) {
    int probe = Math.min(data.contacts, Math.max(10_000, data.contacts / 50));
    long before = HeapMeter.liveHeap();
    ContactIndex index = ContactIndex.create(SegmentDslEngine.SCHEMA);
    SegmentDslEngine.loadContacts(index, data, 0, probe);
    long withContacts = HeapMeter.liveHeap();
    SegmentDslEngine.loadEvents(index, data, 0, probe);
    long withEvents = HeapMeter.liveHeap();
    double perContact = (withContacts - before) / (double) probe;
    double perEvent = (withEvents - withContacts) / (double) Math.max(1, data.eventOffsets[probe]);
    double ours = perContact * data.contacts + perEvent * data.events();
    // the plain-Java objects take about 16 bytes an event and 450 a contact (measured); they
    // replace the index, so the larger of the two must fit beside the data set
    double plainJava = peers ? 16.0 * data.events() + 450.0 * data.contacts : 0;
    long max = Runtime.getRuntime().maxMemory();
    if (before + Math.max(ours, plainJava) > 0.9 * max) {
      throw new IllegalStateException(String.format(Locale.ROOT,
          "not enough heap for %,d contacts and %,d events: Segment DSL would take about %.1f GiB "
              + "(%.0f bytes per contact, %.0f per event, measured on the first %,d contacts), "
              + "the plain-Java objects about %.1f GiB and the data set %.1f GiB; this JVM may "
              + "use %.1f GiB (-Xmx)", data.contacts, data.events(), ours / GIB, perContact,
          perEvent, probe, plainJava / GIB, before / GIB, max / GIB));
    }
  }

  /** Drops the engines of that size, if loaded, and closes DuckDB. */
  public static synchronized void release(int size) {
    LoadedEngines loaded = BY_SIZE.remove(size);
    if (loaded != null && loaded.spark != null) {
      loaded.spark.close();
    }
    if (loaded != null && loaded.compiled != null) {
      loaded.compiled.close();
    }
    if (loaded != null && loaded.duckDb != null) {
      loaded.duckDb.close();
    }
  }

  public Dataset data() {
    return data;
  }

  /** The index, or null once {@linkplain #switchToPlainJava switched} to plain Java. */
  public SegmentDslEngine ours() {
    return ours;
  }

  /**
   * DuckDB over the SQL module's layout, running the workloads as Segment DSL compiles them,
   * loaded from the index's snapshot on first use (the {@code sql} profiles).
   */
  public synchronized CompiledDuckDbEngine compiledDuckDb() {
    if (compiled == null) {
      compiled = CompiledDuckDbEngine.load(ours.index().snapshot(),
          Integer.getInteger("segment.bench.duckdb.threads", 2),
          System.getProperty("segment.bench.duckdb.memory", "4GB"), tempDirectory());
    }
    return compiled;
  }

  private CompiledDuckDbEngine compiled;

  /**
   * Spark over the compiled engine's layout exported as Parquet to {@code dir} (the {@code sql}
   * profiles), loaded on first use; {@code dir} is ignored after that.
   */
  public synchronized SparkSqlEngine spark(Path dir) {
    if (spark == null) {
      spark = SparkSqlEngine.load(compiledDuckDb(), dir);
    }
    return spark;
  }

  /** Spark as {@link #spark(Path)} loaded it. */
  public synchronized SparkSqlEngine spark() {
    if (spark == null) {
      throw new IllegalStateException("Spark is not loaded: call spark(dir) first");
    }
    return spark;
  }

  private SparkSqlEngine spark;

  /** DuckDB, or null when loaded without peers. */
  public DuckDbEngine duckDb() {
    return duckDb;
  }

  /** The plain-Java objects, or null until {@link #switchToPlainJava}. */
  public PlainJavaEngine plainJava() {
    return plainJava;
  }

  public LoadReport report() {
    return report;
  }

  /** What building the plain-Java objects cost, or null until {@link #switchToPlainJava}. */
  public PlainJavaReport plainJavaReport() {
    return plainJavaReport;
  }
}
