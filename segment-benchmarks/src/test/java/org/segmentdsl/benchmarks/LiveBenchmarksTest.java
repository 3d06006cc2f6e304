package org.segmentdsl.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.segmentdsl.ContactIndex;
import org.segmentdsl.EvaluationContext;
import org.segmentdsl.LiveSegment;
import org.segmentdsl.Segment;

/**
 * The live benchmarks measure correct work: run at a small size (10,000 contacts, the benchmark
 * seed) through their own setup, benchmark and check methods, every live segment's membership
 * afterwards is what a fresh evaluation gives, and the index is put back as it was.
 */
class LiveBenchmarksTest {
  static final int CONTACTS = 10_000;

  static Dataset data;
  static SegmentDslEngine ours;
  static ContactIndex index;
  static Map<Workload, Long> counts;

  @BeforeAll
  static void load() {
    data = DataGenerator.generate(CONTACTS);
    ours = SegmentDslEngine.load(data);
    index = ours.index();
    counts = CrossCheck.agreedCounts(List.of(ours));
  }

  @Test
  void theVariantsAreDistinctValidAndMostlyNonTrivial() {
    List<Segment> variants = SegmentVariants.generate(LoadedLiveSegments.SEGMENTS);
    assertThat(new HashSet<>(variants.stream().map(Segment::condition).toList()))
        .hasSize(LoadedLiveSegments.SEGMENTS);
    for (Workload w : Workload.LIVE_SHAPES) {
      assertThat(variants.get(w.ordinal()).condition()).isEqualTo(SegmentDslEngine.condition(w));
    }
    try (LoadedLiveSegments live = LoadedLiveSegments.register(data, index)) {
      // registering checks each segment against the schema
      assertThat(live.report().nonTrivial()).isGreaterThanOrEqualTo(900);
    }
  }

  @Test
  void afterTheMeasuredBatchesEveryLiveSegmentMatchesAFreshEvaluation() {
    LiveBatchBenchmarks benchmarks = new LiveBatchBenchmarks();
    try (LoadedLiveSegments live = LoadedLiveSegments.register(data, index)) {
      LiveBatchBenchmarks.Live batches = new LiveBatchBenchmarks.Live();
      batches.setUp(live);
      for (int i = 0; i < 200; i++) {
        batches.prepareBatch();
        if (i % 2 == 0) {
          benchmarks.untilNotified(batches);
        } else {
          benchmarks.untilUpdateReturns(batches);
        }
        batches.checkNotifications(); // throws unless exactly the expected notifications came
      }
      LiveBatchBenchmarks.Naive naive = new LiveBatchBenchmarks.Naive();
      naive.setUp(live);
      for (int i = 0; i < 4; i++) {
        naive.applyBatch();
        benchmarks.naive(naive);
        naive.checkDiff(); // throws unless the naive diff is the live notifications
      }
      naive.release();

      LoadedLiveSegments.BatchReport report = live.batchReport();
      assertThat(report.batches()).isEqualTo(204);
      assertThat(report.notifications()).as("notifications of 204 batches").isGreaterThan(100);
      for (LiveSegment s : live.registered()) {
        assertThat(s.members().bitmap())
            .as("%s: %s", s.key(), s.segment().condition())
            .isEqualTo(index.evaluate(s.segment(), LoadedLiveSegments.CONTEXT).bitmap());
      }
    }
    assertThat(CrossCheck.agreedCounts(List.of(ours))).as("counts after restoring")
        .isEqualTo(counts);
  }

  @Test
  void afterATickTheWorkloadsMatchAFreshEvaluationAtTheNewNow() {
    LiveTickBenchmarks benchmarks = new LiveTickBenchmarks();
    LiveTickBenchmarks.Naive naive = new LiveTickBenchmarks.Naive();
    naive.setUp(index);
    checkTick(LiveTickBenchmarks.MINUTE, benchmarks::tickMinute);
    checkTick(LiveTickBenchmarks.DAY, benchmarks::tickDay);
    assertThat(naive.changedBy(Dataset.NOW.plus(LiveTickBenchmarks.MINUTE)))
        .isEqualTo(benchmarks.naiveTickMinute(naive));
    assertThat(benchmarks.naiveTickDay(naive)).as("contacts a day moves").isPositive();
  }

  private static void checkTick(Duration by, Consumer<LiveTickBenchmarks.Live> tick) {
    LiveTickBenchmarks.Live state = new LiveTickBenchmarks.Live();
    state.setUp(index);
    state.registerAtNow();
    tick.accept(state);
    EvaluationContext later = EvaluationContext.of(Dataset.NOW.plus(by), LoadedLiveSegments.UTC);
    for (LiveSegment s : state.workloads()) {
      assertThat(s.members().bitmap())
          .as("%s after %s: %s", s.key(), by, s.segment().condition())
          .isEqualTo(index.evaluate(s.segment(), later).bitmap());
    }
    state.close();
  }
}
