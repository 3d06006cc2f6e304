package org.segmentdsl.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.util.Statistics;
import org.segmentdsl.internal.ReadMeter;

/**
 * Runs every benchmark of this module for one profile and prints one table: per workload, the
 * median time of each engine and the ratios to Segment DSL; then the index's build time, heap per
 * contact and per event, ingest rate, update-to-reader latency and explain overhead.
 *
 * <pre>
 * java -Xmx8g -cp … org.segmentdsl.benchmarks.BenchmarkMain quick [output-dir]
 * </pre>
 *
 * <p>Profiles: {@code smoke} (50,000 contacts, seconds, for development), {@code quick}
 * (1,000,000 contacts, a few minutes), {@code full} (10,000,000 contacts); and, for Segment DSL
 * alone (no DuckDB, no plain Java, no explain or freshness), {@code live} (10,000,000 contacts)
 * and {@code live-quick} (1,000,000): the workloads' medians and the live segments' rows, so that
 * the live figures at 10,000,000 contacts need not wait for the peers. JMH runs in this JVM
 * ({@code forks(0)}) on engines loaded once, before any measurement; {@link LoadedEngines} says
 * why. JMH's own logs and JSON files of every result go to the output directory.
 */
public final class BenchmarkMain {
  private static final Pattern WORKLOAD_METHOD =
      Pattern.compile("\\.w(\\d)(Ours|OursParallel|DuckDb|PlainJava)$");
  private static final Pattern EXPLAIN_METHOD = Pattern.compile("\\.w(\\d)Explain$");
  private static final Pattern WHY_METHOD = Pattern.compile("\\.w(\\d)Why$");
  /** The GC profiler's result: bytes the benchmark thread allocated per call. */
  private static final String ALLOCATION = "gc.alloc.rate.norm";

  /**
   * How much to measure.
   *
   * @param peers whether DuckDB and plain Java are loaded and measured (and explain and
   *     freshness), or Segment DSL alone
   */
  record Profile(String name, int contacts, boolean peers, int warmupIterations,
      int warmupMillis, int measurementIterations, int measurementMillis) {
    Iterations iterations() {
      return new Iterations(warmupIterations, warmupMillis, measurementIterations,
          measurementMillis);
    }
  }

  /** JMH iterations: how many and how long (ignored by single-shot benchmarks: one call each). */
  record Iterations(int warmup, int warmupMillis, int measurement, int measurementMillis) {}

  private static final Map<String, Profile> PROFILES = Map.of(
      "smoke", new Profile("smoke", 50_000, true, 1, 300, 2, 300),
      "quick", new Profile("quick", 1_000_000, true, 2, 1_000, 3, 1_000),
      "full", new Profile("full", 10_000_000, true, 2, 2_000, 3, 3_000),
      "live-quick", new Profile("live-quick", 1_000_000, false, 2, 1_000, 3, 1_000),
      "live", new Profile("live", 10_000_000, false, 2, 2_000, 3, 3_000),
      "why-quick", new Profile("why-quick", 1_000_000, false, 2, 1_000, 3, 1_000),
      "why", new Profile("why", 10_000_000, false, 2, 2_000, 3, 3_000),
      "sql-quick", new Profile("sql-quick", 1_000_000, true, 2, 1_000, 3, 1_000),
      "sql", new Profile("sql", 10_000_000, true, 2, 2_000, 3, 3_000));

  /**
   * The live batches, in every profile: each call costs about a millisecond, plus as much
   * untimed around it, and enough samples are needed for a p99.
   */
  private static final Iterations LIVE_BATCHES = new Iterations(2, 2_000, 5, 2_000);
  /** The naive batch, single-shot: a thousand full evaluations per call. */
  private static final Iterations NAIVE_BATCH = new Iterations(1, 1_000, 3, 1_000);
  /** The ticks and the naive ticks, single-shot: each call needs seven registered afresh. */
  private static final Iterations TICKS = new Iterations(3, 1_000, 12, 1_000);
  /** Spark's queries take a second or so: longer iterations, for a few samples each. */
  private static final Iterations SPARK = new Iterations(2, 3_000, 4, 3_000);

  private BenchmarkMain() {}

  public static void main(String[] args) throws IOException, RunnerException {
    Profile profile = args.length > 0 ? PROFILES.get(args[0]) : PROFILES.get("smoke");
    if (profile == null) {
      System.err.println(
          "usage: BenchmarkMain smoke|quick|full|live-quick|live|why-quick|why|sql-quick|sql "
              + "[output-dir]");
      System.exit(2);
    }
    Path out = Path.of(args.length > 1 ? args[1] : "target/benchmark-results");
    Files.createDirectories(out);
    PrintStream table = System.out;

    // first, in a JVM as cold as the command line's: dataset folders loaded from JSONL
    List<LoaderBenchmark.Report> loads = new ArrayList<>();
    if (profile.peers() && !profile.name().startsWith("sql")) {
      for (int contacts : profile.name().equals("smoke") ? new int[] {20_000}
          : new int[] {100_000, 1_000_000}) {
        loads.add(LoaderBenchmark.measure(contacts, out.resolveSibling("loader-data"),
            BenchmarkMain::progress));
      }
    }

    LoadedEngines loaded;
    try {
      loaded = LoadedEngines.load(profile.contacts(), !profile.name().startsWith("why")
          && !profile.name().startsWith("sql"),
          profile.peers(),
          BenchmarkMain::progress);
    } catch (IllegalStateException e) {
      // the engines disagree, or will not fit: say why, measure nothing
      System.err.println("benchmarks stopped: " + e.getMessage());
      System.exit(1);
      return;
    }
    progress((profile.peers() ? "Segment DSL and DuckDB agree on every workload" : "Segment DSL "
        + "loaded (no peers)") + "; measuring with JMH (logs and JSON in " + out + ")");
    // In this order: the workloads first, on the JIT state loading left; the freshness and live
    // benchmarks after them, because they write to the index (and restore it); plain Java last,
    // once the index is dropped to make room for it.
    String workloads = Pattern.quote(WorkloadBenchmarks.class.getName());
    List<RunResult> results = new ArrayList<>();
    String why = Pattern.quote(WhyBenchmarks.class.getName()) + "\\.";
    if (profile.name().startsWith("sql")) {
      // the workloads compiled to DuckDB SQL beside the hand-written DuckDB SQL
      progress("loading DuckDB with the SQL module's layout from the index's snapshot");
      CompiledDuckDbEngine compiled = loaded.compiledDuckDb();
      for (Workload w : Workload.values()) {
        long expected = loaded.report().counts().get(w);
        if (compiled.count(w) != expected) {
          System.err.println("benchmarks stopped: the compiled " + w.label() + " counts "
              + compiled.count(w) + ", the engines agreed on " + expected);
          System.exit(1);
        }
      }
      progress(String.format(Locale.ROOT, "loaded in %.1f s; the compiled queries agree on every "
          + "workload", compiled.loadNanos() / 1e9));
      results.addAll(jmh(profile, out, "sql", workloads + "\\.w\\d(Ours|DuckDb)$|"
          + Pattern.quote(SqlBenchmarks.class.getName()) + "\\."));
      SparkSqlEngine spark = null;
      if (profile.contacts() <= 1_000_000) { // Spark on two cores: the README's 1M figures
        progress("exporting the layout as Parquet and starting Spark (local[2])");
        spark = loaded.spark(out.resolveSibling("spark-parquet-" + profile.contacts()));
        for (Workload w : Workload.values()) {
          long expected = loaded.report().counts().get(w);
          if (spark.count(w) != expected) {
            System.err.println("benchmarks stopped: Spark counts " + spark.count(w) + " for "
                + w.label() + ", the engines agreed on " + expected);
            System.exit(1);
          }
        }
        results.addAll(jmh(profile, out, "spark",
            Pattern.quote(SparkBenchmarks.class.getName()) + "\\.", SPARK));
      }
      progress("done");
      printSql(table, profile, loaded, compiled, spark, results);
      LoadedEngines.release(profile.contacts());
      return;
    }
    if (profile.name().startsWith("why")) {
      // why alone: one contact against each workload, nothing else measured
      results.addAll(jmh(profile, out, "why", why));
      progress("done");
      printWhy(table, profile, loaded, results);
      LoadedEngines.release(profile.contacts());
      return;
    }
    results.addAll(jmh(profile, out, "workloads",
        workloads + (profile.peers() ? "\\.w\\d(Ours|OursParallel|DuckDb)$"
            : "\\.w\\d(Ours|OursParallel)$"),
        profile.iterations(), true));
    results.addAll(jmh(profile, out, "why", why));
    Bounds bounds = bounds(loaded);
    if (profile.peers()) {
      results.addAll(jmh(profile, out, "explain",
          Pattern.quote(ExplainBenchmarks.class.getName()) + "\\."));
      results.addAll(jmh(profile, out, "freshness",
          "(" + Pattern.quote(FreshnessBenchmark.class.getName()) + "|"
              + Pattern.quote(UpsertBatchBenchmark.class.getName()) + ")\\."));
    }
    LiveReports live;
    try {
      live = live(profile, out, loaded, results);
    } catch (IllegalStateException e) {
      System.err.println("benchmarks stopped: " + e.getMessage());
      System.exit(1);
      return;
    }
    // the snapshot file: saved while a reader evaluates, loaded in the built index's place, and
    // the workloads measured again on the loaded index
    LoadedEngines.SnapshotReport snapshot;
    try {
      snapshot = loaded.switchToSnapshot(out, BenchmarkMain::progress);
    } catch (IllegalStateException e) {
      System.err.println("benchmarks stopped: " + e.getMessage());
      System.exit(1);
      return;
    }
    List<RunResult> fromSnapshot = new ArrayList<>(
        jmh(profile, out, "workloads-loaded-snapshot", workloads + "\\.w\\dOurs$"));
    if (profile.peers()) {
      try {
        loaded.switchToPlainJava(BenchmarkMain::progress);
      } catch (IllegalStateException e) {
        System.err.println("benchmarks stopped: " + e.getMessage());
        System.exit(1);
        return;
      }
      results.addAll(jmh(profile, out, "plain-java", workloads + "\\.w\\dPlainJava$"));
    }
    progress("done");

    print(table, profile, loaded, bounds, live, snapshot, results, fromSnapshot);
    printLoads(table, loads);
    LoadedEngines.release(profile.contacts());
  }

  /**
   * Each workload's lower bound: the bytes of index data one evaluation reads, as {@link
   * ReadMeter} counts them, streamed at the memory bandwidth one thread gets.
   *
   * @param read bytes read per workload
   * @param bytesPerSecond {@link MemoryBandwidth#bytesPerSecond()}
   */
  record Bounds(Map<Workload, Long> read, double bytesPerSecond) {
    double millis(Workload w) {
      return read.get(w) / bytesPerSecond * 1e3;
    }
  }

  private static Bounds bounds(LoadedEngines loaded) {
    progress("measuring the bytes each workload reads, and the memory bandwidth");
    Map<Workload, Long> read = new EnumMap<>(Workload.class);
    for (Workload w : Workload.values()) {
      read.put(w, ReadMeter.measure(() -> loaded.ours().count(w)));
    }
    return new Bounds(read, MemoryBandwidth.bytesPerSecond());
  }

  /** What the live benchmarks found besides their times. */
  record LiveReports(LoadedLiveSegments.RegistrationReport registration,
      LoadedLiveSegments.BatchReport batches) {}

  /**
   * Registers the live segments (measuring their heap), runs the live benchmarks, then detaches
   * the live segments, puts the index back and checks that it gives the counts it gave before.
   */
  private static LiveReports live(Profile profile, Path out, LoadedEngines loaded,
      List<RunResult> results) throws RunnerException {
    LoadedLiveSegments segments = LoadedLiveSegments.load(loaded, true, BenchmarkMain::progress);
    LoadedLiveSegments.RegistrationReport registration = segments.report();
    progress(String.format(Locale.ROOT, "%,d live segments registered in %.1f s, %,.0f bytes of "
        + "heap each", registration.segments(), registration.nanos() / 1e9,
        registration.heapBytesPerSegment()));
    String batch = Pattern.quote(LiveBatchBenchmarks.class.getName());
    results.addAll(jmh(profile, out, "live-batch", batch + "\\.until\\w+$", LIVE_BATCHES));
    results.addAll(jmh(profile, out, "live-naive", batch + "\\.naive$", NAIVE_BATCH));
    results.addAll(jmh(profile, out, "live-tick",
        Pattern.quote(LiveTickBenchmarks.class.getName()) + "\\.", TICKS));
    LoadedLiveSegments.BatchReport batches = segments.batchReport();
    progress("detaching the live segments and restoring the index");
    LoadedLiveSegments.release(profile.contacts());
    loaded.checkIndexUnchanged("the live benchmarks");
    return new LiveReports(registration, batches);
  }

  /** One JMH run, in this JVM, of the benchmarks matching {@code include}. */
  private static Collection<RunResult> jmh(Profile profile, Path out, String name,
      String include) throws RunnerException {
    return jmh(profile, out, name, include, profile.iterations());
  }

  /** One JMH run with those iterations. */
  private static Collection<RunResult> jmh(Profile profile, Path out, String name,
      String include, Iterations iterations) throws RunnerException {
    return jmh(profile, out, name, include, iterations, false);
  }

  /**
   * One JMH run with those iterations; {@code allocation}: with JMH's GC profiler, whose {@value
   * #ALLOCATION} (bytes allocated by the benchmark thread per call) goes into the table.
   */
  private static Collection<RunResult> jmh(Profile profile, Path out, String name,
      String include, Iterations iterations, boolean allocation) throws RunnerException {
    progress("JMH: " + name);
    String file = profile.name() + "-" + name;
    ChainedOptionsBuilder builder = new OptionsBuilder();
    if (allocation) {
      builder = builder.addProfiler(GCProfiler.class);
    }
    Options options = builder
        .include(include)
        .param("size", String.valueOf(profile.contacts()))
        .forks(0)
        .threads(1)
        .warmupIterations(iterations.warmup())
        .warmupTime(TimeValue.milliseconds(iterations.warmupMillis()))
        .measurementIterations(iterations.measurement())
        .measurementTime(TimeValue.milliseconds(iterations.measurementMillis()))
        .shouldFailOnError(true)
        .output(out.resolve("jmh-" + file + ".log").toString())
        .resultFormat(ResultFormatType.JSON)
        .result(out.resolve("jmh-" + file + ".json").toString())
        .build();
    return new Runner(options).run();
  }

  private static void progress(String message) {
    System.err.println(LocalTime.now().truncatedTo(ChronoUnit.SECONDS) + " " + message);
  }

  private static void print(PrintStream o, Profile profile, LoadedEngines loaded,
      Bounds bounds, LiveReports live, LoadedEngines.SnapshotReport snapshot, Collection<RunResult> results,
      Collection<RunResult> fromSnapshot) {
    Map<String, Statistics> byName = new HashMap<>();
    Map<Integer, Double> allocated = new HashMap<>(); // workload number -> bytes per call, ours
    for (RunResult r : results) {
      byName.put(r.getParams().getBenchmark(), r.getPrimaryResult().getStatistics());
      Matcher w = WORKLOAD_METHOD.matcher(r.getParams().getBenchmark());
      Result<?> bytes = r.getSecondaryResults().get(ALLOCATION);
      if (w.find() && w.group(2).equals("Ours") && bytes != null) {
        allocated.put(Integer.parseInt(w.group(1)), bytes.getScore());
      }
    }
    Map<Integer, Statistics> onSnapshot = new HashMap<>(); // workload number -> statistics
    for (RunResult r : fromSnapshot) {
      Matcher w = WORKLOAD_METHOD.matcher(r.getParams().getBenchmark());
      if (w.find()) {
        onSnapshot.put(Integer.parseInt(w.group(1)), r.getPrimaryResult().getStatistics());
      }
    }
    Map<String, Statistics> workloads = new HashMap<>(); // "3DuckDb" -> statistics
    Map<Integer, Statistics> explains = new HashMap<>();
    Map<String, Statistics> methods = new HashMap<>(); // the others, by method name
    for (Map.Entry<String, Statistics> e : byName.entrySet()) {
      Matcher w = WORKLOAD_METHOD.matcher(e.getKey());
      Matcher x = EXPLAIN_METHOD.matcher(e.getKey());
      if (w.find()) {
        workloads.put(w.group(1) + w.group(2), e.getValue());
      } else if (x.find()) {
        explains.put(Integer.parseInt(x.group(1)), e.getValue());
      } else if (WHY_METHOD.matcher(e.getKey()).find()) {
        continue; // printWhy's
      } else {
        methods.put(e.getKey().substring(e.getKey().lastIndexOf('.') + 1), e.getValue());
      }
    }

    Dataset data = loaded.data();
    LoadedEngines.LoadReport report = loaded.report();
    o.println();
    if (profile.peers()) {
      o.printf("Segment DSL vs DuckDB %s vs plain Java, profile %s: %s%n",
          loaded.duckDb().version(), profile.name(), data);
    } else {
      o.printf("Segment DSL alone (no peers), profile %s: %s%n", profile.name(), data);
    }
    o.printf("now %s UTC; seed %d; JMH SampleTime, forks 0, warmup %d x %d ms, measurement "
        + "%d x %d ms%n", Dataset.NOW, DataGenerator.SEED, profile.warmupIterations(),
        profile.warmupMillis(), profile.measurementIterations(), profile.measurementMillis());
    if (profile.peers()) {
      o.printf("threads: Segment DSL 1 (the caller's), DuckDB %d (SET threads), plain Java %d "
          + "(parallel stream: common pool + caller)%n",
          Integer.getInteger("segment.bench.duckdb.threads", 2),
          ForkJoinPool.getCommonPoolParallelism() + 1);
    }
    o.println();
    if (profile.peers()) {
      o.printf("%-25s %11s %11s %9s %11s %10s %9s %10s %11s %10s %11s %11s %12s %12s%n",
          "median ms", "count", "Segment DSL", "p99", "alloc/call", "read", "bound", "ours/bound",
          "loaded snap", "parallel", "DuckDB", "plain Java", "DuckDB/ours", "plain/ours");
    } else {
      o.printf("%-25s %11s %11s %9s %11s %10s %9s %10s %11s %10s%n", "median ms", "count",
          "Segment DSL", "p99", "alloc/call", "read", "bound", "ours/bound", "loaded snap",
          "parallel");
    }
    for (Workload w : Workload.values()) {
      int n = w.ordinal() + 1;
      Statistics ours = workloads.get(n + "Ours");
      Statistics parallel = workloads.get(n + "OursParallel");
      Statistics duck = workloads.get(n + "DuckDb");
      Statistics plain = workloads.get(n + "PlainJava");
      Statistics snap = onSnapshot.get(n);
      if (profile.peers()) {
        o.printf("%-25s %,11d %11s %9s %11s %10s %9s %10s %11s %10s %11s %11s %12s %12s%n",
            w.label(), report.counts().get(w), median(ours), percentile(ours, 99),
            bytes((double) allocated.getOrDefault(n, Double.NaN)), bytes((double) bounds.read()
            .get(w)), sig(bounds.millis(w)), overBound(ours, bounds.millis(w)), median(snap),
            median(parallel), median(duck), median(plain), ratio(duck, ours), ratio(plain, ours));
      } else {
        o.printf("%-25s %,11d %11s %9s %11s %10s %9s %10s %11s %10s%n", w.label(),
            report.counts().get(w), median(ours), percentile(ours, 99),
            bytes((double) allocated.getOrDefault(n, Double.NaN)), bytes((double) bounds.read()
            .get(w)), sig(bounds.millis(w)), overBound(ours, bounds.millis(w)), median(snap),
            median(parallel));
      }
    }
    o.println("(Segment DSL: on the benchmark's thread alone, as the ratios compare; parallel: "
        + "the same with the common pool's " + ForkJoinPool.getCommonPoolParallelism()
        + " thread(s) helping, EvaluationContext's default; p99 and "
        + "alloc/call: Segment DSL's alone; alloc/call: bytes the evaluating thread "
        + "allocated per call, JMH's GC profiler; read: the bitmaps, columns and event blobs one "
        + "evaluation reads, each once, at its serialised size (ReadMeter); bound: read at the "
        + String.format(Locale.ROOT, "%,.1f", bounds.bytesPerSecond() / (1 << 30))
        + " GiB/s one thread sums a 256 MiB array at; loaded snap: the same workloads on the index "
        + "loaded from its snapshot file)");
    o.println();

    o.println("Segment DSL index");
    o.printf("  build from the generated data   %s s (contacts %s s in batches of %,d, then "
        + "compact; events %s s, of %,d contacts a batch)%n",
        seconds(report.contactsNanos() + report.eventsNanos()), seconds(report.contactsNanos()),
        SegmentDslEngine.BATCH_CONTACTS, seconds(report.eventsNanos()),
        SegmentDslEngine.EVENT_BATCH_CONTACTS);
    boolean duck = profile.peers() && report.duckDbNanos() > 0;
    long duckRows = (long) data.contacts() + data.accounts() + data.deals() + data.events();
    o.printf("  contacts upserted per second    %,.0f    goal >= 1,000,000%s%n",
        report.contactsPerSecond(data), duck ? String.format(Locale.ROOT,
            " (DuckDB's whole load: %,.0f rows a second)", duckRows / (report.duckDbNanos() / 1e9))
            : "");
    o.printf("  events ingested per second      %,.0f    goal >= 5,000,000%n",
        report.eventsPerSecond(data));
    if (report.heapMeasured()) {
      o.printf("  heap per contact (no events)    %,.0f bytes    goal <= 64%n",
          report.bytesPerContact(data));
      o.printf("  heap per event                  %,.1f bytes    goal <= 8%n",
          report.bytesPerEvent(data));
      if (duck) {
        o.printf("  heap per contact with its events %,.0f bytes    goal below DuckDB's %,.0f%n",
            (report.heapWithEvents() - report.heapBefore()) / (double) data.contacts(),
            report.duckDbMemoryBytes() / (double) data.contacts());
      }
    }
    Statistics upserts = methods.get("upsertThousand");
    if (upserts != null) {
      o.printf("  contact upserts, batches of %,d  %,.0f a second (median %s ms a batch, p99 %s)"
          + "    goal >= 200,000 a second%n",
          UpsertBatchBenchmark.BATCH, UpsertBatchBenchmark.BATCH / (upserts.getPercentile(50)
              / 1e3), median(upserts), percentile(upserts, 99));
    }
    Statistics freshness = methods.get("upsertSeenByReader");
    if (freshness != null) {
      o.printf("  single-contact upsert until a reader's snapshot has it%n");
      o.printf("                                  median %s us, p99 %s us, max %s us (%,d "
          + "samples)%n", sig(freshness.getPercentile(50)), sig(freshness.getPercentile(99)),
          sig(freshness.getMax()), freshness.getN());
    }
    if (!explains.isEmpty()) {
      o.println("  explain vs evaluate (median ms)");
    }
    for (Workload w : Workload.values()) {
      int n = w.ordinal() + 1;
      Statistics explain = explains.get(n);
      if (explain != null) {
        Statistics evaluate = workloads.get(n + "Ours");
        o.printf("    %-25s explain %9s  evaluate %9s  overhead %s%n", w.label(),
            median(explain), median(evaluate), ratio(explain, evaluate));
      }
    }
    printSnapshot(o, report, snapshot);
    o.println();
    printWhyRows(o, results);
    o.println();
    printLive(o, live, methods);
    if (!profile.peers()) {
      o.printf("data set generated %s s%n", seconds(report.generateNanos()));
      return;
    }
    o.println();
    o.println("Peers");
    o.printf("  DuckDB load (Appender, then CHECKPOINT)   %s s; memory %,d MB (duckdb_memory)%n",
        seconds(report.duckDbNanos()), report.duckDbMemoryBytes() >> 20);
    LoadedEngines.PlainJavaReport plain = loaded.plainJavaReport();
    o.printf("  plain Java objects built                  %s s", seconds(plain.nanos()));
    if (plain.heapBytes() >= 0) {
      o.printf("; heap %,.0f bytes per contact with its events", plain.bytesPerContact(data));
    }
    o.println();
    o.printf("  data set generated                        %s s; cross-check of all counts %s s%n",
        seconds(report.generateNanos()), seconds(report.crossCheckNanos()));
  }

  /** Dataset folders loaded from JSONL: DatasetLoader beside DuckDB's read_json. */
  private static final Pattern COMPILED_METHOD = Pattern.compile("\\.w(\\d)(Compiled|Spark)$");

  /** The table of the sql profiles: per workload, hand-written and compiled DuckDB SQL, Spark. */
  private static void printSql(PrintStream o, Profile profile, LoadedEngines loaded,
      CompiledDuckDbEngine compiled, SparkSqlEngine spark, Collection<RunResult> results) {
    Map<Integer, Statistics> hand = new HashMap<>();
    Map<Integer, Statistics> comp = new HashMap<>();
    Map<Integer, Statistics> sparkTimes = new HashMap<>();
    Map<Integer, Statistics> ours = new HashMap<>();
    for (RunResult r : results) {
      String name = r.getParams().getBenchmark();
      Matcher w = WORKLOAD_METHOD.matcher(name);
      Matcher c = COMPILED_METHOD.matcher(name);
      if (w.find() && w.group(2).equals("DuckDb")) {
        hand.put(Integer.parseInt(w.group(1)), r.getPrimaryResult().getStatistics());
      } else if (w.find(0) && w.group(2).equals("Ours")) {
        ours.put(Integer.parseInt(w.group(1)), r.getPrimaryResult().getStatistics());
      } else if (c.find()) {
        (c.group(2).equals("Compiled") ? comp : sparkTimes).put(Integer.parseInt(c.group(1)),
            r.getPrimaryResult().getStatistics());
      }
    }
    o.println();
    o.printf("DuckDB %s: hand-written SQL vs Segment DSL's compiled SQL%s, profile %s: %s%n",
        loaded.duckDb().version(), spark == null ? "" : "; Spark " + spark.version()
            + " local[2]", profile.name(), loaded.data());
    o.printf("now %s UTC; seed %d; JMH SampleTime, forks 0, warmup %d x %d ms, measurement "
        + "%d x %d ms; DuckDB threads %d; the layout loaded from the index's snapshot in %.1f s"
        + "%n", Dataset.NOW, DataGenerator.SEED, profile.warmupIterations(),
        profile.warmupMillis(), profile.measurementIterations(), profile.measurementMillis(),
        Integer.getInteger("segment.bench.duckdb.threads", 2), compiled.loadNanos() / 1e9);
    if (spark != null) {
      o.printf("Spark: the layout exported as Parquet in %.1f s, session started and tables "
          + "registered in %.1f s; warmup %d x %d ms, measurement %d x %d ms%n",
          spark.exportNanos() / 1e9, spark.registerNanos() / 1e9, SPARK.warmup(),
          SPARK.warmupMillis(), SPARK.measurement(), SPARK.measurementMillis());
    }
    o.println();
    o.printf("%-25s %11s %13s %13s %16s %13s %13s%n", "median ms", "count", "hand-written",
        "compiled", "compiled/hand", "Spark", "in memory");
    for (Workload w : Workload.values()) {
      int n = w.ordinal() + 1;
      o.printf("%-25s %,11d %13s %13s %16s %13s %13s%n", w.label(),
          loaded.report().counts().get(w), median(hand.get(n)), median(comp.get(n)),
          ratio(comp.get(n), hand.get(n)), median(sparkTimes.get(n)), median(ours.get(n)));
    }
    o.println("(goal: compiled at most 2x hand-written; every query counts the members)");
  }

  /** The table of the why profiles: the data set, then {@link #printWhyRows}. */
  private static void printWhy(PrintStream o, Profile profile, LoadedEngines loaded,
      Collection<RunResult> results) {
    o.println();
    o.printf("Segment DSL why, profile %s: %s%n", profile.name(), loaded.data());
    o.printf("now %s UTC; seed %d; JMH SampleTime, forks 0, warmup %d x %d ms, measurement "
        + "%d x %d ms%n%n", Dataset.NOW, DataGenerator.SEED, profile.warmupIterations(),
        profile.warmupMillis(), profile.measurementIterations(), profile.measurementMillis());
    printWhyRows(o, results);
  }

  /** {@link WhyBenchmarks}' rows: per workload, the median and p99 of one call, in µs. */
  private static void printWhyRows(PrintStream o, Collection<RunResult> results) {
    Map<Integer, Statistics> why = new HashMap<>();
    for (RunResult r : results) {
      Matcher m = WHY_METHOD.matcher(r.getParams().getBenchmark());
      if (m.find()) {
        why.put(Integer.parseInt(m.group(1)), r.getPrimaryResult().getStatistics());
      }
    }
    if (why.isEmpty()) {
      return;
    }
    o.printf("why: one contact against the segment, node by node (IndexSnapshot.why; %,d "
        + "random contacts in turn)%n", WhyBenchmarks.CONTACTS);
    o.printf("  %-25s %5s %10s %10s%n", "", "nodes", "median us", "p99 us");
    for (Workload w : Workload.values()) {
      Statistics s = why.get(w.ordinal() + 1);
      if (s != null) {
        o.printf("  %-25s %5d %10s %10s%s%n", w.label(), nodes(SegmentDslEngine.condition(w)),
            sig(s.getPercentile(50)), sig(s.getPercentile(99)),
            w == Workload.W8_NURTURE_20 ? "    goal <= 50 us" : "");
      }
    }
  }

  /** The nodes of a condition tree, as why lists them. */
  private static int nodes(org.segmentdsl.condition.Condition c) {
    int[] n = {0};
    org.segmentdsl.condition.ConditionWalker.walk(c, "/where", (node, place) -> {
      n[0]++;
      return true;
    });
    return n[0];
  }

  private static void printLoads(PrintStream o, List<LoaderBenchmark.Report> loads) {
    if (loads.isEmpty()) {
      return;
    }
    o.println();
    o.println("Loading a dataset folder (JSONL, events in time order; a fresh JVM's first load; "
        + "DuckDB: read_json into tables)");
    o.printf("  %-34s %12s %12s %12s %12s %12s%n", "", "contacts/s", "events/s", "contacts s",
        "events s", "JSONL MB");
    for (LoaderBenchmark.Report r : loads) {
      String what = String.format(Locale.ROOT, "%,d contacts, %,d events", r.contacts(),
          r.events());
      o.printf("  %-34s%n", what);
      o.printf("    %-32s %,12.0f %,12.0f %12s %12s %,12d%n", "Segment DSL DatasetLoader",
          r.contactsPerSecond(), r.eventsPerSecond(), seconds(r.contactsNanos()),
          seconds(r.eventsNanos()), r.bytes() >> 20);
      o.printf("    %-32s %,12.0f %,12.0f %12s %12s%n", "DuckDB read_json",
          r.duckContactsPerSecond(), r.duckEventsPerSecond(), seconds(r.duckContactsNanos()),
          seconds(r.duckEventsNanos()));
    }
    o.println("  goal: >= 200,000 contacts and >= 1,000,000 events a second (contacts s: "
        + "accounts, contacts and deals; events s: events, then compact())");
  }

  /** The snapshot file's rows; the goals are the snapshot issue's (at 10,000,000 contacts). */
  private static void printSnapshot(PrintStream o, LoadedEngines.LoadReport report,
      LoadedEngines.SnapshotReport s) {
    long build = report.contactsNanos() + report.eventsNanos();
    o.printf("  snapshot file, format version %d                        goal (at 10M)%n",
        org.segmentdsl.SnapshotFile.FORMAT_VERSION);
    o.printf("    save                          %6s s  while a reader evaluated %,d "
        + "workloads     <= 10 s%n", seconds(s.saveNanos()), s.readerEvaluations());
    o.printf("    load                          %6s s  rebuild from the data / load: %s x      "
        + "<= 5 s, >= 250x%n", seconds(s.loadNanos()), sig(build / (double) s.loadNanos()));
    if (report.heapMeasured()) {
      long heap = report.heapWithEvents() - report.heapBefore();
      o.printf("    file size                     %,6d MB  %.0f%% of the index's heap (%,d MB)"
          + "    <= the heap%n", s.bytes() >> 20, 100.0 * s.bytes() / heap, heap >> 20);
    } else {
      o.printf("    file size                     %,6d MB%n", s.bytes() >> 20);
    }
  }

  /** The live segments' rows; the goals are the live-segments issue's. */
  private static void printLive(PrintStream o, LiveReports live, Map<String, Statistics> m) {
    LoadedLiveSegments.RegistrationReport reg = live.registration();
    LoadedLiveSegments.BatchReport batches = live.batches();
    o.printf("Live segments: %,d of the W1-W7 shapes with varied tags, values and windows, one "
        + "listener each (default executor)%n", reg.segments());
    o.printf("  registered in %s s; %,d non-trivial (neither empty nor everyone); %,.0f members "
        + "on average%n", seconds(reg.nanos()), reg.nonTrivial(), reg.membersPerSegment());
    if (reg.heapBytes() >= 0) {
      o.printf("  heap per live segment           %,.0f bytes (its membership bitmap: %,.0f bytes "
          + "on average, RoaringBitmap.getSizeInBytes)%n", reg.heapBytesPerSegment(),
          reg.bitmapBytesPerSegment());
    }
    o.printf("  single-contact batch (%,d batches: %.1f notifications a batch on average, %.0f%% "
        + "notify none; JMH SampleTime, warmup %d x %d ms, measurement %d x %d ms)%n",
        batches.batches(), batches.notificationsPerBatch(),
        100.0 * batches.quietBatches() / Math.max(1, batches.batches()), LIVE_BATCHES.warmup(),
        LIVE_BATCHES.warmupMillis(), LIVE_BATCHES.measurement(),
        LIVE_BATCHES.measurementMillis());
    Statistics notified = m.get("untilNotified");
    Statistics returned = m.get("untilUpdateReturns");
    Statistics naive = m.get("naive");
    o.printf("    %-36s %10s %10s %8s   %s%n", "", "median", "p99", "samples", "goal");
    o.printf("    %-36s %10s %10s %,8d   median <= 1 ms, p99 <= 5 ms%n",
        "until every listener is notified", micros(notified, 50), micros(notified, 99),
        notified == null ? 0 : notified.getN());
    o.printf("    %-36s %10s %10s %,8d%n", "until update returns", micros(returned, 50),
        micros(returned, 99), returned == null ? 0 : returned.getN());
    o.printf("    %-36s %10s %10s %,8d   naive / live %s (goal >= 1,000x)%n",
        "naive: evaluate all, diff (1 shot)", millis(naive, 50), "-", naive == null ? 0 : naive.getN(),
        naive == null || notified == null ? "-"
            : sig(naive.getPercentile(50) * 1000 / notified.getPercentile(50)) + "x");
    o.printf("  ticks, W1-W7 live at now (single shot: %d warm-up calls, %d measured)%n",
        TICKS.warmup(), TICKS.measurement());
    o.printf("    %-36s %10s %10s %12s   %s%n", "", "median", "naive", "naive / live", "goal (at "
        + "10M)");
    tick(o, "advanceTo(now + 1 minute)", m.get("tickMinute"), m.get("naiveTickMinute"),
        "<= 20 ms, >= 10x");
    tick(o, "advanceTo(now + 1 day)", m.get("tickDay"), m.get("naiveTickDay"),
        "<= 500 ms, >= 10x");
  }

  private static void tick(PrintStream o, String label, Statistics live, Statistics naive,
      String goal) {
    o.printf("    %-36s %10s %10s %12s   %s%n", label, millis(live, 50), millis(naive, 50),
        ratio(naive, live), goal);
  }

  /** A percentile of microsecond samples, with its unit. */
  private static String micros(Statistics s, double percentile) {
    return s == null || s.getN() == 0 ? "-" : sig(s.getPercentile(percentile)) + " us";
  }

  /** A percentile of millisecond samples, with its unit. */
  private static String millis(Statistics s, double percentile) {
    return s == null || s.getN() == 0 ? "-" : sig(s.getPercentile(percentile)) + " ms";
  }

  private static String median(Statistics s) {
    return percentile(s, 50);
  }

  private static String percentile(Statistics s, double p) {
    return s == null || s.getN() == 0 ? "-" : sig(s.getPercentile(p));
  }

  /** Bytes in binary units: {@code 812 B}, {@code 3.40 MiB}. */
  static String bytes(Double b) {
    if (b == null || Double.isNaN(b)) {
      return "-";
    }
    String[] units = {"B", "KiB", "MiB", "GiB"};
    double v = b;
    int u = 0;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return sig(v) + " " + units[u];
  }

  /** The median over the bound, as {@code 12.3x}. */
  private static String overBound(Statistics s, double boundMillis) {
    return s == null || s.getN() == 0 || boundMillis <= 0 ? "-"
        : sig(s.getPercentile(50) / boundMillis) + "x";
  }

  private static String ratio(Statistics numerator, Statistics denominator) {
    if (numerator == null || denominator == null || denominator.getPercentile(50) <= 0) {
      return "-";
    }
    return sig(numerator.getPercentile(50) / denominator.getPercentile(50)) + "x";
  }

  private static String seconds(long nanos) {
    return String.format(Locale.ROOT, "%.1f", nanos / 1e9);
  }

  /** Three significant digits, no exponent. */
  static String sig(double v) {
    if (v == 0 || Double.isNaN(v)) {
      return String.valueOf(v);
    }
    int digits = (int) Math.floor(Math.log10(Math.abs(v)));
    int decimals = Math.max(0, 2 - digits);
    return String.format(Locale.ROOT, "%,." + decimals + "f", v);
  }
}
