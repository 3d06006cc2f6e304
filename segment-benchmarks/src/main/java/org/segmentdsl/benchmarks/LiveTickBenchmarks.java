package org.segmentdsl.benchmarks;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
import org.roaringbitmap.buffer.ImmutableRoaringBitmap;
import org.segmentdsl.ContactIndex;
import org.segmentdsl.EvaluationContext;
import org.segmentdsl.LiveSegment;
import org.segmentdsl.LiveSegments;
import org.segmentdsl.SegmentListener;
import org.segmentdsl.condition.Condition;

/**
 * Time passing with the seven workloads of {@link Workload#LIVE_SHAPES} (W1-W7) live: {@code
 * advanceTo(now + 1 minute)} and {@code advanceTo(now + 1 day)} from {@link Dataset#NOW}, beside
 * the naive tick (every workload evaluated in full at the new instant and diffed, both ways, with
 * its result at {@code now}).
 *
 * <p>Time never goes backwards, so every tick needs live segments still at {@code now}: before each
 * call (untimed) a new {@link LiveSegments} with {@code Clock.fixed(NOW)} registers the seven
 * workloads, each with a listener on the default executor; after it they are closed. That costs
 * seven full evaluations per call, so calls are timed single-shot, one per iteration. The index
 * is only read.
 */
public class LiveTickBenchmarks {
  static final Duration MINUTE = Duration.ofMinutes(1);
  static final Duration DAY = Duration.ofDays(1);

  /** The seven workloads live at {@code now}, registered afresh for each call. */
  @State(Scope.Benchmark)
  public static class Live {
    /** Contacts in the data set; {@link BenchmarkMain} sets it per run. */
    @Param("20000")
    public int size;

    private ContactIndex index;
    private LiveSegments live;
    private final List<LiveSegment> workloads = new ArrayList<>();

    @Setup(Level.Trial)
    public void setUp() {
      setUp(LoadedEngines.forSize(size).ours().index());
    }

    void setUp(ContactIndex loaded) {
      index = loaded;
    }

    @Setup(Level.Iteration)
    public void registerAtNow() {
      live = LiveSegments.builder(index).clock(Clock.fixed(Dataset.NOW, LoadedLiveSegments.UTC))
          .build();
      workloads.clear();
      for (Workload w : Workload.LIVE_SHAPES) {
        workloads.add(live.register(SegmentVariants.workload(w),
            LoadedLiveSegments.UTC, SegmentListener.of(change -> {}, resync -> {})));
      }
    }

    /** The workloads as live segments, after the call (for tests). */
    List<LiveSegment> workloads() {
      return List.copyOf(workloads);
    }

    @TearDown(Level.Iteration)
    public void close() {
      live.close();
    }
  }

  /** Every workload's result at {@code now}, for the naive diff. */
  @State(Scope.Benchmark)
  public static class Naive {
    /** Contacts in the data set; {@link BenchmarkMain} sets it per run. */
    @Param("20000")
    public int size;

    private ContactIndex index;
    private final List<Condition> conditions = new ArrayList<>();
    private final List<ImmutableRoaringBitmap> atNow = new ArrayList<>();

    @Setup(Level.Trial)
    public void setUp() {
      setUp(LoadedEngines.forSize(size).ours().index());
    }

    void setUp(ContactIndex loaded) {
      index = loaded;
      for (Workload w : Workload.LIVE_SHAPES) {
        Condition c = SegmentDslEngine.condition(w);
        conditions.add(c);
        atNow.add(index.evaluate(c, LoadedLiveSegments.CONTEXT).bitmap());
      }
    }

    /** The contacts that enter or leave a workload by {@code instant}: the naive tick. */
    int changedBy(Instant instant) {
      EvaluationContext context = EvaluationContext.of(instant, LoadedLiveSegments.UTC);
      int changed = 0;
      for (int i = 0; i < conditions.size(); i++) {
        ImmutableRoaringBitmap next = index.evaluate(conditions.get(i), context).bitmap();
        ImmutableRoaringBitmap previous = atNow.get(i);
        changed += ImmutableRoaringBitmap.andNot(next, previous).getCardinality();
        changed += ImmutableRoaringBitmap.andNot(previous, next).getCardinality();
      }
      return changed;
    }
  }

  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public LiveSegments tickMinute(Live state) {
    state.live.advanceTo(Dataset.NOW.plus(MINUTE));
    return state.live;
  }

  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public LiveSegments tickDay(Live state) {
    state.live.advanceTo(Dataset.NOW.plus(DAY));
    return state.live;
  }

  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public int naiveTickMinute(Naive state) {
    return state.changedBy(Dataset.NOW.plus(MINUTE));
  }

  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public int naiveTickDay(Naive state) {
    return state.changedBy(Dataset.NOW.plus(DAY));
  }
}
