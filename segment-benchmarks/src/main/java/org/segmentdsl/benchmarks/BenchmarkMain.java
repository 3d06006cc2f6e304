package org.segmentdsl.benchmarks;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
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
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.util.Statistics;

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
 * (1,000,000 contacts, a few minutes), {@code full} (10,000,000 contacts). JMH runs in this JVM
 * ({@code forks(0)}) on engines loaded once, before any measurement; {@link LoadedEngines} says
 * why. JMH's own logs and JSON files of every result go to the output directory.
 */
public final class BenchmarkMain {
  private static final Pattern WORKLOAD_METHOD =
      Pattern.compile("\\.w(\\d)(Ours|DuckDb|PlainJava)$");
  private static final Pattern EXPLAIN_METHOD = Pattern.compile("\\.w(\\d)Explain$");

  /** How much to measure. */
  record Profile(String name, int contacts, int warmupIterations, int warmupMillis,
      int measurementIterations, int measurementMillis) {}

  private static final Map<String, Profile> PROFILES = Map.of(
      "smoke", new Profile("smoke", 50_000, 1, 300, 2, 300),
      "quick", new Profile("quick", 1_000_000, 2, 1_000, 3, 1_000),
      "full", new Profile("full", 10_000_000, 2, 2_000, 3, 3_000));

  private BenchmarkMain() {}

  public static void main(String[] args) throws IOException, RunnerException {
    Profile profile = args.length > 0 ? PROFILES.get(args[0]) : PROFILES.get("smoke");
    if (profile == null) {
      System.err.println("usage: BenchmarkMain smoke|quick|full [output-dir]");
      System.exit(2);
    }
    Path out = Path.of(args.length > 1 ? args[1] : "target/benchmark-results");
    Files.createDirectories(out);
    PrintStream table = System.out;

    LoadedEngines loaded;
    try {
      loaded = LoadedEngines.load(profile.contacts(), true, BenchmarkMain::progress);
    } catch (IllegalStateException e) {
      // the engines disagree, or will not fit: say why, measure nothing
      System.err.println("benchmarks stopped: " + e.getMessage());
      System.exit(1);
      return;
    }
    progress("Segment DSL and DuckDB agree on every workload; measuring with JMH (logs and JSON "
        + "in " + out + ")");
    // In this order: the workloads first, on the JIT state loading left; the freshness benchmark
    // after them, because it writes to the index (and restores it); plain Java last, once the
    // index is dropped to make room for it.
    String workloads = Pattern.quote(WorkloadBenchmarks.class.getName());
    List<RunResult> results = new ArrayList<>();
    results.addAll(jmh(profile, out, "workloads", workloads + "\\.w\\d(Ours|DuckDb)$"));
    results.addAll(jmh(profile, out, "explain",
        Pattern.quote(ExplainBenchmarks.class.getName()) + "\\."));
    results.addAll(jmh(profile, out, "freshness",
        Pattern.quote(FreshnessBenchmark.class.getName()) + "\\."));
    try {
      loaded.switchToPlainJava(BenchmarkMain::progress);
    } catch (IllegalStateException e) {
      System.err.println("benchmarks stopped: " + e.getMessage());
      System.exit(1);
      return;
    }
    results.addAll(jmh(profile, out, "plain-java", workloads + "\\.w\\dPlainJava$"));
    progress("done");

    print(table, profile, loaded, results);
    LoadedEngines.release(profile.contacts());
  }

  /** One JMH run, in this JVM, of the benchmarks matching {@code include}. */
  private static Collection<RunResult> jmh(Profile profile, Path out, String name,
      String include) throws RunnerException {
    progress("JMH: " + name);
    String file = profile.name() + "-" + name;
    Options options = new OptionsBuilder()
        .include(include)
        .param("size", String.valueOf(profile.contacts()))
        .forks(0)
        .threads(1)
        .warmupIterations(profile.warmupIterations())
        .warmupTime(TimeValue.milliseconds(profile.warmupMillis()))
        .measurementIterations(profile.measurementIterations())
        .measurementTime(TimeValue.milliseconds(profile.measurementMillis()))
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
      Collection<RunResult> results) {
    Map<String, Statistics> byName = new HashMap<>();
    for (RunResult r : results) {
      byName.put(r.getParams().getBenchmark(), r.getPrimaryResult().getStatistics());
    }
    Map<String, Statistics> workloads = new HashMap<>(); // "3DuckDb" -> statistics
    Map<Integer, Statistics> explains = new HashMap<>();
    Statistics freshness = null;
    for (Map.Entry<String, Statistics> e : byName.entrySet()) {
      Matcher w = WORKLOAD_METHOD.matcher(e.getKey());
      Matcher x = EXPLAIN_METHOD.matcher(e.getKey());
      if (w.find()) {
        workloads.put(w.group(1) + w.group(2), e.getValue());
      } else if (x.find()) {
        explains.put(Integer.parseInt(x.group(1)), e.getValue());
      } else if (e.getKey().endsWith(".upsertSeenByReader")) {
        freshness = e.getValue();
      }
    }

    Dataset data = loaded.data();
    LoadedEngines.LoadReport report = loaded.report();
    o.println();
    o.printf("Segment DSL vs DuckDB %s vs plain Java, profile %s: %s%n",
        loaded.duckDb().version(), profile.name(), data);
    o.printf("now %s UTC; seed %d; JMH SampleTime, forks 0, warmup %d x %d ms, measurement "
        + "%d x %d ms%n", Dataset.NOW, DataGenerator.SEED, profile.warmupIterations(),
        profile.warmupMillis(), profile.measurementIterations(), profile.measurementMillis());
    o.printf("threads: Segment DSL 1 (the caller's), DuckDB %d (SET threads), plain Java %d "
        + "(parallel stream: common pool + caller)%n",
        Integer.getInteger("segment.bench.duckdb.threads", 2),
        ForkJoinPool.getCommonPoolParallelism() + 1);
    o.println();
    o.printf("%-19s %11s %11s %11s %11s %12s %12s%n", "median ms", "count", "Segment DSL",
        "DuckDB", "plain Java", "DuckDB/ours", "plain/ours");
    for (Workload w : Workload.values()) {
      int n = w.ordinal() + 1;
      Statistics ours = workloads.get(n + "Ours");
      Statistics duck = workloads.get(n + "DuckDb");
      Statistics plain = workloads.get(n + "PlainJava");
      o.printf("%-19s %,11d %11s %11s %11s %12s %12s%n", w.label(), report.counts().get(w),
          median(ours), median(duck), median(plain), ratio(duck, ours), ratio(plain, ours));
    }
    o.println();

    o.println("Segment DSL index");
    o.printf("  build from the generated data   %s s (contacts %s s in batches of %,d, then "
        + "compact; events %s s, of %,d contacts a batch)%n",
        seconds(report.contactsNanos() + report.eventsNanos()), seconds(report.contactsNanos()),
        SegmentDslEngine.BATCH_CONTACTS, seconds(report.eventsNanos()),
        SegmentDslEngine.EVENT_BATCH_CONTACTS);
    o.printf("  contacts upserted per second    %,.0f%n", report.contactsPerSecond(data));
    o.printf("  events ingested per second      %,.0f%n", report.eventsPerSecond(data));
    if (report.heapMeasured()) {
      o.printf("  heap per contact (no events)    %,.0f bytes%n", report.bytesPerContact(data));
      o.printf("  heap per event                  %,.1f bytes%n", report.bytesPerEvent(data));
    }
    if (freshness != null) {
      o.printf("  single-contact upsert until a reader's snapshot has it%n");
      o.printf("                                  median %s us, p99 %s us, max %s us (%,d "
          + "samples)%n", sig(freshness.getPercentile(50)), sig(freshness.getPercentile(99)),
          sig(freshness.getMax()), freshness.getN());
    }
    o.println("  explain vs evaluate (median ms)");
    for (Workload w : Workload.values()) {
      int n = w.ordinal() + 1;
      Statistics explain = explains.get(n);
      if (explain != null) {
        Statistics evaluate = workloads.get(n + "Ours");
        o.printf("    %-19s explain %9s  evaluate %9s  overhead %s%n", w.label(),
            median(explain), median(evaluate), ratio(explain, evaluate));
      }
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

  private static String median(Statistics s) {
    return s == null || s.getN() == 0 ? "-" : sig(s.getPercentile(50));
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
