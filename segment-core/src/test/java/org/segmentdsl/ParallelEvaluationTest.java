package org.segmentdsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.segmentdsl.dsl.Conditions.event;
import static org.segmentdsl.dsl.Conditions.not;
import static org.segmentdsl.dsl.Conditions.prop;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.segmentdsl.condition.Condition;

/**
 * Evaluations whose loops are large enough to be split among a pool's threads (tens of thousands of
 * contacts whose events are decoded) answer exactly as on the calling thread alone, and as a plain
 * count over the recorded events; their limits stop every thread; a pool that is busy, refuses
 * work or has one thread leaves the evaluation on the calling thread.
 */
class ParallelEvaluationTest {
  private static final Instant NOW = Instant.parse("2026-12-01T00:00:00Z");
  private static final int CONTACTS = 60_000;
  private static final String[] CAMPAIGNS = {"crm-1", "crm-2", "sale", "news", "CRM-x"};

  private static ContactIndex index;
  /** Per contact: its click times (seconds before NOW) and campaigns. */
  private static final List<long[]> AGES = new ArrayList<>();
  private static final List<String[]> CAMPAIGN_OF = new ArrayList<>();
  private static ForkJoinPool pool;

  @BeforeAll
  static void load() {
    pool = new ForkJoinPool(3);
    SplittableRandom r = new SplittableRandom(20261204L);
    index = ContactIndex.create(Schema.builder().build());
    index.update(b -> {
      for (int i = 0; i < CONTACTS; i++) {
        b.upsert(Contact.builder("c" + i).build());
        int n = r.nextInt(6);
        long[] ages = new long[n];
        String[] campaigns = new String[n];
        for (int k = 0; k < n; k++) {
          // mostly within 40 days, some exactly on the 7-day edge, some after now
          ages[k] = switch (r.nextInt(20)) {
            case 0 -> 7 * 86_400L;
            case 1 -> -r.nextInt(3_600);
            default -> r.nextLong(40 * 86_400L);
          };
          campaigns[k] = CAMPAIGNS[r.nextInt(CAMPAIGNS.length)];
          b.record(Event.of("c" + i, "email_click", NOW.minusSeconds(ages[k]),
              Map.of("campaign", campaigns[k])));
        }
        AGES.add(ages);
        CAMPAIGN_OF.add(campaigns);
      }
    });
  }

  @AfterAll
  static void close() {
    pool.shutdownNow();
  }

  /** Clicks in {@code (now - days, now]} whose campaign starts with {@code prefix} (null: any). */
  private static long plainCount(int days, String prefix, int min, int max) {
    long members = 0;
    for (int i = 0; i < CONTACTS; i++) {
      int n = 0;
      for (int k = 0; k < AGES.get(i).length; k++) {
        long age = AGES.get(i)[k];
        if (age >= 0 && age < days * 86_400L
            && (prefix == null || CAMPAIGN_OF.get(i)[k].startsWith(prefix))) {
          n++;
        }
      }
      if (n >= min && n <= max) {
        members++;
      }
    }
    return members;
  }

  private static List<Condition> conditions() {
    return List.of(
        event("email_click").inLast(Duration.ofDays(7)),
        event("email_click").atLeast(2).inLast(Duration.ofDays(30)),
        event("email_click").where(prop("campaign").startsWith("crm")).inLast(Duration.ofDays(7)),
        event("email_click").where(prop("campaign").startsWith("crm")).atLeast(2)
            .inLast(Duration.ofDays(30)),
        event("email_click").atMost(1).inLast(Duration.ofDays(30)),
        not(event("email_click").where(prop("campaign").startsWith("crm"))
            .inLast(Duration.ofDays(7))));
  }

  @Test
  void poolsAnswerAsTheCallingThreadAloneAndAsAPlainCount() {
    EvaluationContext alone = EvaluationContext.at(NOW).sequential();
    long[] plain = {plainCount(7, null, 1, Integer.MAX_VALUE),
        plainCount(30, null, 2, Integer.MAX_VALUE), plainCount(7, "crm", 1, Integer.MAX_VALUE),
        plainCount(30, "crm", 2, Integer.MAX_VALUE), plainCount(30, null, 0, 1),
        plainCount(7, "crm", 0, 0)};
    List<Condition> conditions = conditions();
    for (int i = 0; i < conditions.size(); i++) {
      Condition c = conditions.get(i);
      SegmentResult expected = index.evaluate(c, alone);
      assertThat(expected.count()).as("%s alone", c).isEqualTo(plain[i]);
      for (EvaluationContext ctx : List.of(EvaluationContext.at(NOW),
          EvaluationContext.at(NOW).withPool(pool))) {
        assertThat(index.evaluate(c, ctx).ids()).as("%s with %s", c, ctx)
            .isEqualTo(expected.ids());
      }
      assertThat(index.explain(c, EvaluationContext.at(NOW).withPool(pool)).total())
          .as("explain %s", c).isEqualTo(plain[i]);
    }
  }

  @Test
  void manyThreadsAtOnceShareNothing() throws Exception {
    Condition c = conditions().get(3);
    long expected = index.evaluate(c, EvaluationContext.at(NOW).sequential()).count();
    List<Thread> threads = new ArrayList<>();
    List<Long> counts = java.util.Collections.synchronizedList(new ArrayList<>());
    for (int t = 0; t < 4; t++) {
      Thread thread = new Thread(() -> {
        for (int k = 0; k < 5; k++) {
          counts.add((long) index.evaluate(c, EvaluationContext.at(NOW).withPool(pool)).count());
        }
      });
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    assertThat(counts).hasSize(20).containsOnly(expected);
  }

  @Test
  void aCancellationStopsTheSplitLoop() {
    Cancellation token = new Cancellation();
    // cancels as the loop hands out its first chunk: some thread then sees it within a chunk
    ForkJoinPool cancelling = new ForkJoinPool(2) {
      @Override
      public void execute(Runnable task) {
        token.cancel();
        super.execute(task);
      }
    };
    try {
      EvaluationContext ctx = EvaluationContext.at(NOW).withPool(cancelling)
          .withCancellation(token);
      assertThatThrownBy(() -> index.evaluate(conditions().get(3), ctx))
          .isInstanceOf(EvaluationCancelledException.class)
          .extracting(e -> ((EvaluationCancelledException) e).reason())
          .isEqualTo(EvaluationCancelledException.Reason.CANCELLED);
    } finally {
      cancelling.shutdownNow();
    }
  }

  @Test
  void aBusyOrClosedPoolLeavesTheWorkToTheCallingThread() throws Exception {
    Condition c = conditions().get(2);
    long expected = index.evaluate(c, EvaluationContext.at(NOW).sequential()).count();
    ForkJoinPool one = new ForkJoinPool(1);
    CountDownLatch release = new CountDownLatch(1);
    try {
      one.execute(() -> { // the pool's only thread is busy until the evaluation is done
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      long busy = assertTimeoutPreemptively(Duration.ofSeconds(60),
          () -> index.evaluate(c, EvaluationContext.at(NOW).withPool(one)).count());
      assertThat(busy).isEqualTo(expected);
    } finally {
      release.countDown();
      one.shutdown();
      one.awaitTermination(10, TimeUnit.SECONDS);
    }
    // shut down: it refuses the helpers
    assertThat(index.evaluate(c, EvaluationContext.at(NOW).withPool(one)).count())
        .isEqualTo(expected);
  }
}
