package org.segmentdsl.benchmarks;

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
import org.segmentdsl.LiveSegment;
import org.segmentdsl.SegmentResult;
import org.segmentdsl.condition.Condition;

/**
 * A single-contact batch on an index with {@value LoadedLiveSegments#SEGMENTS} live segments
 * ({@link LoadedLiveSegments}), each with one listener on the default executor, beside the naive
 * way to the same notifications.
 *
 * <ul>
 *   <li>{@link #untilNotified}: from calling {@code index.update} until every listener the batch
 *       must notify has received its notification (each counts down a latch the benchmark thread
 *       waits on);
 *   <li>{@link #untilUpdateReturns}: until {@code update} returns, which is when the live
 *       segments have re-tested the contact and queued their notifications;
 *   <li>{@link #naive}: after the same kind of batch (applied untimed), every segment evaluated in
 *       full on the new snapshot and diffed, both ways, with its previous result, as one would
 *       without live segments. One call takes a thousand evaluations, so it is timed single-shot.
 * </ul>
 *
 * <p>Each call takes the next batch of {@link SingleContactChanges}: another contact, far from the
 * last, and another change. Untimed around each call, {@link LoadedLiveSegments#prepare} learns
 * which notifications the batch must bring and {@link LoadedLiveSegments#verify} checks that they
 * came; the naive diff is checked against the same expectation.
 *
 * <p>A batch that sets {@code company_size} or {@code signup_date} adds a row to that column's
 * delta (see {@code ContactIndex.compact}), which re-testing a contact walks; so calls cost a
 * little more as a run goes on, and each benchmark starts on a freshly compacted index.
 */
public class LiveBatchBenchmarks {

  /** The live segments and the batch of the current call. */
  @State(Scope.Benchmark)
  public static class Live {
    /** Contacts in the data set; {@link BenchmarkMain} sets it per run. */
    @Param("20000")
    public int size;

    private LoadedLiveSegments live;
    private LoadedLiveSegments.Batch batch;

    @Setup(Level.Trial)
    public void setUp() {
      setUp(LoadedLiveSegments.forSize(size));
    }

    /**
     * Compacts the index first: number and date columns keep the values written since their last
     * rebuild in a delta, which a re-test walks, so each benchmark starts from the same state
     * rather than from whatever earlier benchmarks wrote.
     */
    void setUp(LoadedLiveSegments loaded) {
      live = loaded;
      live.index().compact();
    }

    @Setup(Level.Invocation)
    public void prepareBatch() {
      batch = live.prepare();
    }

    @TearDown(Level.Invocation)
    public void checkNotifications() {
      live.verify(batch);
    }
  }

  /** The previous result of every segment, for the naive diff. */
  @State(Scope.Benchmark)
  public static class Naive {
    /** Contacts in the data set; {@link BenchmarkMain} sets it per run. */
    @Param("20000")
    public int size;

    private LoadedLiveSegments live;
    private ContactIndex index;
    private List<Condition> conditions;
    private ImmutableRoaringBitmap[] previous;
    private boolean[] contains; // whether the batch's contact is in the new result
    private int[] entered;
    private int[] exited;
    private LoadedLiveSegments.Batch batch;

    @Setup(Level.Trial)
    public void setUp() {
      setUp(LoadedLiveSegments.forSize(size));
    }

    void setUp(LoadedLiveSegments loaded) {
      live = loaded;
      index = loaded.index();
      conditions = loaded.segments().stream().map(s -> s.condition()).toList();
      List<LiveSegment> registered = loaded.registered();
      int n = registered.size();
      previous = new ImmutableRoaringBitmap[n];
      for (int i = 0; i < n; i++) {
        previous[i] = registered.get(i).members().bitmap();
      }
      contains = new boolean[n];
      entered = new int[n];
      exited = new int[n];
    }

    @Setup(Level.Iteration)
    public void applyBatch() {
      batch = live.applyNext();
    }

    /** Each segment's diff must be the batch's one contact entering or leaving, as expected. */
    @TearDown(Level.Iteration)
    public void checkDiff() {
      for (int i = 0; i < previous.length; i++) {
        int direction = entered[i] == 1 && exited[i] == 0 && contains[i] ? 1
            : exited[i] == 1 && entered[i] == 0 && !contains[i] ? -1
            : entered[i] == 0 && exited[i] == 0 ? 0 : 2;
        if (direction != batch.expected(i)) {
          throw new IllegalStateException(batch.change + ": the naive diff of "
              + live.segments().get(i).id() + " has " + entered[i] + " entered and " + exited[i]
              + " exited; expected " + batch.expected(i));
        }
      }
    }

    @TearDown(Level.Trial)
    public void release() {
      previous = null;
    }
  }

  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public LoadedLiveSegments.Batch untilNotified(Live state) {
    state.live.apply(state.batch);
    state.live.awaitNotified(state.batch);
    return state.batch;
  }

  @Benchmark
  @BenchmarkMode(Mode.SampleTime)
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public LoadedLiveSegments.Batch untilUpdateReturns(Live state) {
    state.live.apply(state.batch);
    return state.batch;
  }

  @Benchmark
  @BenchmarkMode(Mode.SingleShotTime)
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public int naive(Naive state) {
    String id = state.batch.change.contactId(); // for the check: a lookup, nothing beside the rest
    int changed = 0;
    for (int i = 0; i < state.previous.length; i++) {
      SegmentResult result = state.index.evaluate(state.conditions.get(i),
          LoadedLiveSegments.CONTEXT);
      ImmutableRoaringBitmap next = result.bitmap();
      ImmutableRoaringBitmap previous = state.previous[i];
      state.entered[i] = ImmutableRoaringBitmap.andNot(next, previous).getCardinality();
      state.exited[i] = ImmutableRoaringBitmap.andNot(previous, next).getCardinality();
      state.contains[i] = result.contains(id);
      state.previous[i] = next;
      changed += state.entered[i] + state.exited[i] > 0 ? 1 : 0;
    }
    return changed;
  }
}
