package org.segmentdsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.segmentdsl.dsl.Conditions.all;
import static org.segmentdsl.dsl.Conditions.any;
import static org.segmentdsl.dsl.Conditions.datetimeField;
import static org.segmentdsl.dsl.Conditions.field;
import static org.segmentdsl.dsl.Conditions.not;
import static org.segmentdsl.dsl.Conditions.numberField;
import static org.segmentdsl.dsl.Conditions.tag;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.roaringbitmap.buffer.ImmutableRoaringBitmap;
import org.segmentdsl.LiveSegments.Handle;

/**
 * How live segments deliver notifications (live-segments.md, section 4): asynchronously, per
 * listener in step order and exactly once, never blocked by a listener that throws, blocks or lags
 * (a lagging one gets a {@link SegmentResync}), and never after a close.
 *
 * <p>Nothing here depends on timing. Tests that need exact control of when deliveries run use a
 * {@link ManualExecutor}; the others use the default executor and wait on latches and monitors,
 * whose timeouts ({@link #HANG_GUARD}) only turn a hang into a failure. The truth a listener is
 * checked against is a second {@link LiveSegments} on the same index with a direct executor: its
 * listeners run under the write lock, right after each step, where they check each notification
 * against a fresh evaluation of the segment on the index.
 */
class LiveSegmentsDeliveryTest {
  static final Schema SCHEMA = Schema.builder()
      .contactField("score", FieldType.NUMBER)
      .contactField("plan", FieldType.STRING)
      .contactField("seen", FieldType.DATETIME)
      .build();

  static final Instant T0 = Instant.parse("2026-11-28T12:00:00Z");
  static final Clock CLOCK = Clock.fixed(T0, ZoneOffset.UTC);
  static final ZoneId UTC = ZoneOffset.UTC;
  /** Only turns a hang into a failure; no test expects anything to take this long. */
  static final Duration HANG_GUARD = Duration.ofSeconds(30);

  static final Segment HOT = Segment.builder().id("hot").where(tag("hot")).build();
  static final Segment VIP_HIGH = Segment.builder().id("vip-high")
      .where(all(tag("vip"), numberField("score").gte(50))).build();
  static final Segment PRO_COLD = Segment.builder().id("pro-cold")
      .where(all(field("plan").eq("pro"), not(tag("hot")))).build();
  static final Segment VIP_OR_HIGH = Segment.builder().id("vip-or-high")
      .where(any(tag("vip"), numberField("score").gte(50))).build();
  /** Seen in the last two hours: time alone moves contacts out. */
  static final Segment RECENT = Segment.builder().id("recent")
      .where(datetimeField("seen").inLast(Duration.ofHours(2))).build();

  private ContactIndex index;

  @BeforeEach
  void createIndex() {
    index = ContactIndex.create(SCHEMA);
  }

  // 1. A listener that throws

  @Test
  void aThrowingListenerIsReportedAndKeepsReceivingAndOthersReceiveEverything() {
    seed("c-0", "c-1", "c-2", "c-3");
    List<Throwable> thrown = new ArrayList<>();
    Recorder thrower = new Recorder(n -> {
      long step = stepOf(n);
      if (step == 3) {
        return; // one call that succeeds between failures
      }
      Throwable t = step == 2 ? new AssertionError("an Error at step 2")
          : new IllegalStateException("failed at step " + step);
      synchronized (thrown) {
        thrown.add(t);
      }
      sneakyThrow(t);
    });
    Recorder other = new Recorder();
    Reported errors = new Reported();
    try (LiveSegments live = LiveSegments.builder(index).clock(CLOCK).errorHandler(errors::add)
            .build();
        Truth truth = new Truth(index)) {
      List<SegmentChange> expected = truth.watch(HOT);
      LiveSegment hot = live.register(HOT, UTC, thrower, other);
      for (int i = 0; i < 4; i++) {
        toggleHot("c-" + i);
      }
      long last = lastStep(expected);

      thrower.awaitStep(last);
      other.awaitStep(last);
      errors.await(3);

      assertThat(expected).hasSize(4);
      assertFaithful(thrower.received(), expected, truth.initial(HOT));
      assertFaithful(other.received(), expected, truth.initial(HOT));
      synchronized (thrown) {
        assertThat(errors.errors()).as("what the error handler was told, in order")
            .containsExactlyElementsOf(thrown);
      }
      assertThat(errors.segments()).containsOnly(hot);
    }
  }

  // 2. A listener that blocks

  @Test
  void aBlockedListenerBlocksNeitherWritersNorOtherListenersAndCatchesUpOnceReleased()
      throws Exception {
    seed(contactIds("c-", 20));
    CountDownLatch release = new CountDownLatch(1);
    Recorder blocked = Recorder.blockingOnFirstCall(release);
    Recorder sameSegment = new Recorder();
    Recorder otherSegment = new Recorder();
    ExecutorService writers = Executors.newFixedThreadPool(2);
    try (LiveSegments live = LiveSegments.builder(index).clock(CLOCK).build();
        Truth truth = new Truth(index)) {
      List<SegmentChange> hotTruth = truth.watch(HOT);
      List<SegmentChange> vipTruth = truth.watch(VIP_OR_HIGH);
      live.register(HOT, UTC, blocked, sameSegment);
      live.register(VIP_OR_HIGH, UTC, otherSegment);

      toggleHot("c-0");
      blocked.awaitEntered();

      // many batches from two writers while the listener is blocked: they all return
      List<Future<?>> done = new ArrayList<>();
      for (int w = 0; w < 2; w++) {
        int writer = w;
        done.add(writers.submit(() -> {
          Random random = new Random(20261128L + writer);
          for (int i = 0; i < 100; i++) {
            String id = "c-" + (writer * 10 + random.nextInt(10));
            if (random.nextBoolean()) {
              toggleHot(id);
            } else {
              index.update(b -> b.setField(id, "score", random.nextInt(100))
                  .addTag(id, random.nextBoolean() ? "vip" : "other"));
            }
          }
        }));
      }
      for (Future<?> f : done) {
        f.get(HANG_GUARD.toSeconds(), TimeUnit.SECONDS);
      }

      // the other listeners receive everything while the blocked one is still in its first call
      sameSegment.awaitStep(lastStep(hotTruth));
      otherSegment.awaitStep(lastStep(vipTruth));
      assertThat(blocked.received()).as("still blocked in its first call").hasSize(1);
      assertFaithful(sameSegment.received(), hotTruth, truth.initial(HOT));
      assertFaithful(otherSegment.received(), vipTruth, truth.initial(VIP_OR_HIGH));

      // released, it receives every notification in order, or a resync if its queue overflowed
      release.countDown();
      blocked.awaitStep(lastStep(hotTruth));
      Set<String> replayed = assertFaithful(blocked.received(), hotTruth, truth.initial(HOT));
      assertThat(List.of(blocked, sameSegment, otherSegment))
          .allSatisfy(r -> assertThat(r.overlaps()).as("calls at once").isZero());
      assertThat(replayed).containsExactlyInAnyOrderElementsOf(evaluate(HOT, live.now()));
    } finally {
      release.countDown();
      writers.shutdownNow();
    }
  }

  // 3. Overflow

  @Test
  void aListenerWhoseQueueOverflowsGetsOneResyncWithTheMembershipOfItsStepAndNoGap()
      throws Exception {
    seed(contactIds("c-", 10));
    toggleHot("c-1");
    toggleHot("c-3");
    int capacity = 4;
    CountDownLatch release = new CountDownLatch(1);
    Recorder lagging = Recorder.blockingOnFirstCall(release);
    try (LiveSegments live = LiveSegments.builder(index).clock(CLOCK).queueCapacity(capacity)
            .build();
        Truth truth = new Truth(index)) {
      List<SegmentChange> expected = truth.watch(HOT);
      LiveSegment hot = live.register(HOT, UTC, lagging);
      Map<Integer, String> idOfRow = idsByRow();
      Map<Long, List<String>> membersAfter = new HashMap<>();
      Map<Long, Long> versionAfter = new HashMap<>();

      toggleHot("c-0");
      lagging.awaitEntered();
      int steps = 51; // the one it is blocked in, then 50 while it is blocked
      withinHangGuard(() -> { // the writer is not held up by the blocked listener
        for (int i = 1; i < steps; i++) {
          toggleHot("c-" + i % 10);
          long step = lastStep(expected);
          membersAfter.put(step, evaluate(HOT, live.now()));
          versionAfter.put(step, index.snapshot().version());
        }
      });
      assertThat(expected).as("every step changes the segment").hasSize(steps);
      assertThat(expected.get(steps - 1).step()).isEqualTo(steps);
      release.countDown();
      lagging.awaitStep(steps);

      List<Object> received = lagging.received();
      assertThat(received.get(0)).as("the call it was blocked in").isEqualTo(expected.get(0));
      assertThat(received.size() - 1).as("received after it was released: %s", received)
          .isLessThanOrEqualTo(capacity);
      List<SegmentResync> resyncs = received.stream()
          .filter(SegmentResync.class::isInstance).map(SegmentResync.class::cast).toList();
      assertThat(resyncs).as("received: %s", received).isNotEmpty();
      for (SegmentResync r : resyncs) {
        assertThat(r.key()).isEqualTo("hot");
        assertThat(r.segment()).isEqualTo(HOT);
        assertThat(r.members()).as("members of %s, in index order", r)
            .containsExactlyElementsOf(membersAfter.get(r.step()));
        assertThat(idsOf(r.memberRows(), idOfRow)).isEqualTo(r.members());
        assertThat(r.version()).isEqualTo(versionAfter.get(r.step()));
        assertThat(r.now()).isEqualTo(live.now());
      }
      assertThat(lagging.overlaps()).as("calls at once").isZero();
      Set<String> replayed = assertFaithful(received, expected, truth.initial(HOT));
      assertThat(replayed).containsExactlyInAnyOrderElementsOf(evaluate(HOT, live.now()))
          .containsExactlyInAnyOrderElementsOf(hot.members().ids());
    } finally {
      release.countDown();
    }
  }

  // 4. Closing a listener handle or a live segment; keys

  @Test
  void closingAListenerHandleStopsItsQueuedDeliveriesAndLetsOneInProgressComplete()
      throws Exception {
    seed(contactIds("c-", 10));
    ManualExecutor executor = new ManualExecutor();
    try (LiveSegments live = LiveSegments.builder(index).clock(CLOCK).executor(executor).build()) {
      Recorder stays = new Recorder();
      Recorder removed = new Recorder();
      LiveSegment hot = live.register(HOT, UTC, stays);
      Handle handle = hot.addListener(removed);

      toggleHot("c-1");
      executor.runAll();
      toggleHot("c-2"); // queued, not yet delivered
      handle.close();
      toggleHot("c-3");
      executor.runAll();
      assertThat(removed.steps()).containsExactly(1L);
      assertThat(stays.steps()).containsExactly(1L, 2L, 3L);
      handle.close(); // again: nothing

      CountDownLatch release = new CountDownLatch(1);
      Recorder blocked = Recorder.blockingOnFirstCall(release);
      Handle blockedHandle = hot.addListener(blocked);
      toggleHot("c-4");
      Thread delivering = new Thread(executor::runAll, "delivering");
      delivering.start();
      blocked.awaitEntered();
      withinHangGuard(() -> toggleHot("c-5")); // queued behind the call in progress
      withinHangGuard(blockedHandle::close); // close does not wait for the call
      release.countDown();
      delivering.join(HANG_GUARD.toMillis());
      assertThat(delivering.isAlive()).isFalse();
      executor.runAll();
      assertThat(blocked.steps()).as("the call in progress, nothing after the close")
          .containsExactly(4L);
      assertThat(stays.steps()).containsExactly(1L, 2L, 3L, 4L, 5L);
    }
  }

  @Test
  void closingALiveSegmentStopsItsDeliveriesAndFreesItsKey() throws Exception {
    seed(contactIds("c-", 10));
    ManualExecutor executor = new ManualExecutor();
    try (LiveSegments live = LiveSegments.builder(index).clock(CLOCK).executor(executor).build()) {
      Recorder queued = new Recorder();
      CountDownLatch release = new CountDownLatch(1);
      Recorder blocked = Recorder.blockingOnFirstCall(release);
      LiveSegment hot = live.register(HOT, UTC, queued, blocked);
      Recorder otherSegment = new Recorder();
      live.register(VIP_OR_HIGH, UTC, otherSegment);

      toggleHot("c-1");
      // run the deliveries of step 1 on another thread, until the blocked listener is in its call
      Thread delivering = new Thread(executor::runAll, "delivering");
      delivering.start();
      blocked.awaitEntered();
      withinHangGuard(() -> toggleHot("c-2")); // queued for both
      withinHangGuard(hot::close); // close does not wait for the call
      toggleHot("c-3");
      index.update(b -> b.addTag("c-4", "vip"));
      release.countDown();
      delivering.join(HANG_GUARD.toMillis());
      assertThat(delivering.isAlive()).isFalse();
      executor.runAll();

      assertThat(queued.steps()).containsExactly(1L);
      assertThat(blocked.steps()).as("the call in progress, nothing after the close")
          .containsExactly(1L);
      assertThat(otherSegment.steps()).as("another segment is not affected").containsExactly(4L);
      assertThat(live.segments()).doesNotContain(hot);
      assertThatThrownBy(() -> hot.addListener(new Recorder()))
          .isInstanceOf(IllegalStateException.class);
      hot.close(); // again: nothing

      // the key is free again; the new registration sees only later steps
      Recorder again = new Recorder();
      LiveSegment hotAgain = live.register(HOT, UTC, again);
      assertThat(hotAgain.members().ids())
          .containsExactlyInAnyOrderElementsOf(evaluate(HOT, live.now()));
      toggleHot("c-5");
      executor.runAll();
      assertThat(again.received()).singleElement()
          .isInstanceOfSatisfying(SegmentChange.class, c -> {
            assertThat(c.step()).isEqualTo(5);
            assertThat(c.entered()).containsExactly("c-5");
            assertThat(c.exited()).isEmpty();
          });

      // a key in use is refused, whichever way it is given, and the registered one stays
      assertThatThrownBy(() -> live.register("hot", VIP_HIGH, UTC))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"hot\"");
      Segment otherWithSameId = Segment.builder().id("hot").where(tag("vip")).build();
      assertThatThrownBy(() -> live.register(otherWithSameId, UTC, new Recorder()))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("\"hot\"");
      assertThat(live.segments()).extracting(LiveSegment::key)
          .containsExactly("vip-or-high", "hot");
      toggleHot("c-6");
      executor.runAll();
      assertThat(again.steps()).containsExactly(5L, 6L);
    }
  }

  // 5. Concurrent writers

  @Test
  void concurrentWritersDeliverEveryStepOnceAndInOrderToEveryListener() throws Exception {
    int writerCount = 4;
    int batchesPerWriter = 200;
    List<String> ids = new ArrayList<>(contactIds("s-", 5));
    for (int w = 0; w < writerCount; w++) {
      ids.addAll(contactIds("w" + w + "-", 5));
    }
    seed(ids.toArray(String[]::new));
    List<Segment> segments = List.of(HOT, VIP_HIGH, PRO_COLD);
    ExecutorService writers = Executors.newFixedThreadPool(writerCount);
    try (LiveSegments live = LiveSegments.builder(index).clock(CLOCK).build();
        Truth truth = new Truth(index)) {
      Map<Segment, List<SegmentChange>> expected = new HashMap<>();
      Map<Segment, List<Recorder>> listeners = new HashMap<>();
      Map<Segment, LiveSegment> registered = new HashMap<>();
      for (Segment s : segments) {
        expected.put(s, truth.watch(s));
        List<Recorder> two = List.of(new Recorder(), Recorder.slow(50));
        listeners.put(s, two);
        LiveSegment l = live.register(s, UTC, two.toArray(SegmentListener[]::new));
        assertThat(l.members().ids()).containsExactlyInAnyOrderElementsOf(truth.initial(s));
        registered.put(s, l);
      }

      List<Future<?>> done = new ArrayList<>();
      for (int w = 0; w < writerCount; w++) {
        long seed = 5150L + w;
        String own = "w" + w + "-";
        done.add(writers.submit(() -> {
          Random random = new Random(seed);
          for (int i = 0; i < batchesPerWriter; i++) {
            String id = (random.nextBoolean() ? own : "s-") + random.nextInt(5);
            int score = random.nextInt(100);
            switch (random.nextInt(6)) {
              case 0 -> index.update(b -> b.addTag(id, "hot"));
              case 1 -> index.update(b -> b.removeTag(id, "hot"));
              case 2 -> index.update(b -> b.addTag(id, "vip").setField(id, "score", score));
              case 3 -> index.update(b -> b.removeTag(id, "vip"));
              case 4 -> index.update(b -> b.setField(id, "plan", score % 2 == 0 ? "pro" : "free"));
              default -> index.update(b -> b.setField(id, "score", score)
                  .setField(id, "plan", "pro"));
            }
          }
        }));
      }
      for (Future<?> f : done) {
        f.get(HANG_GUARD.toSeconds(), TimeUnit.SECONDS);
      }

      assertThat(truth.mismatches()).as("steps whose notification was not a fresh evaluation")
          .isEmpty();
      assertThat(live.awaitDelivered(HANG_GUARD)).isTrue();
      for (Segment s : segments) {
        for (Recorder r : listeners.get(s)) {
          assertThat(r.steps()).as("received by %s once awaitDelivered returned", s.id())
              .last().isEqualTo(lastStep(expected.get(s)));
        }
      }
      for (Segment s : segments) {
        List<SegmentChange> truthOfS = expected.get(s);
        assertThat(truthOfS).as("changes of %s", s.id()).isNotEmpty();
        List<String> current = evaluate(s, live.now());
        for (Recorder r : listeners.get(s)) {
          r.awaitStep(lastStep(truthOfS));
          List<Object> received = r.received();
          assertThat(received).as("no resync: the queues are far larger than the steps")
              .allMatch(SegmentChange.class::isInstance);
          assertThat(received).extracting(LiveSegmentsDeliveryTest::stepOf)
              .as("steps of %s", s.id()).isSorted().doesNotHaveDuplicates();
          assertThat(r.overlaps()).as("calls at once").isZero();
          Set<String> replayed = assertFaithful(received, truthOfS, truth.initial(s));
          assertThat(replayed).as("replayed %s", s.id())
              .containsExactlyInAnyOrderElementsOf(current)
              .containsExactlyInAnyOrderElementsOf(registered.get(s).members().ids());
        }
      }
    } finally {
      writers.shutdownNow();
    }
  }

  // 6. Time

  @Test
  void advancingTimeBackwardsIsRefusedAndAnAdvanceToNowReportsNothing() {
    seedSeen();
    Recorder recent = new Recorder();
    try (LiveSegments live = LiveSegments.builder(index).clock(CLOCK).executor(Runnable::run)
        .build()) {
      LiveSegment segment = live.register(RECENT, UTC, recent);
      assertThat(segment.members().ids()).containsExactly("a", "b");

      live.advanceTo(T0.plus(Duration.ofHours(1)));
      assertThat(recent.received()).singleElement()
          .isInstanceOfSatisfying(SegmentChange.class, c -> {
            assertThat(c.step()).isEqualTo(1);
            assertThat(c.exited()).containsExactly("b");
          });

      assertThatThrownBy(() -> live.advanceTo(T0)).isInstanceOf(IllegalArgumentException.class);
      assertThat(live.now()).isEqualTo(T0.plus(Duration.ofHours(1)));
      assertThat(segment.members().ids()).containsExactly("a");
      live.advanceTo(T0.plus(Duration.ofHours(1))); // a step that changes nothing
      live.tick(); // the clock is behind now: nothing
      assertThat(live.now()).isEqualTo(T0.plus(Duration.ofHours(1)));
      assertThat(recent.received()).hasSize(1);

      live.advanceTo(T0.plus(Duration.ofHours(2)));
      assertThat(recent.received()).hasSize(2).last()
          .isInstanceOfSatisfying(SegmentChange.class, c -> {
            assertThat(c.step()).as("the refused advance was no step; the one to now was")
                .isEqualTo(3);
            assertThat(c.exited()).containsExactly("a");
          });
      assertThat(segment.members().ids()).isEmpty();
    }
  }

  @Test
  void tickEveryAdvancesWithTheClockUntilItsHandleIsClosed() throws Exception {
    seedSeen();
    MutableClock clock = new MutableClock(T0);
    CountDownLatch bLeft = new CountDownLatch(1);
    Recorder recent = new Recorder(n -> {
      if (n instanceof SegmentChange c && c.exited().contains("b")) {
        bLeft.countDown();
      }
    });
    ScheduledExecutorService witness = Executors.newSingleThreadScheduledExecutor();
    try (LiveSegments live = LiveSegments.builder(index).clock(clock).build()) {
      live.register(RECENT, UTC, recent);
      Handle ticking = live.tickEvery(Duration.ofMillis(1));
      clock.set(T0.plus(Duration.ofHours(1)));
      assertThat(bLeft.await(HANG_GUARD.toSeconds(), TimeUnit.SECONDS))
          .as("a scheduled tick moved b out").isTrue();
      assertThat(live.now()).isEqualTo(T0.plus(Duration.ofHours(1)));

      ticking.close();
      int readsAtClose = clock.reads();
      clock.set(T0.plus(Duration.ofHours(5))); // a tick now would move "a" out
      // That nothing happens cannot be awaited: let an independent 1 ms schedule run 200 times
      // and then check. A correct implementation passes however long this takes.
      CountDownLatch periods = new CountDownLatch(200);
      witness.scheduleAtFixedRate(periods::countDown, 1, 1, TimeUnit.MILLISECONDS);
      assertThat(periods.await(HANG_GUARD.toSeconds(), TimeUnit.SECONDS)).isTrue();
      assertThat(clock.reads() - readsAtClose)
          .as("clock reads after the handle was closed (one tick may have been in progress)")
          .isLessThanOrEqualTo(1);
      ticking.close(); // again: nothing
    } finally {
      witness.shutdownNow();
    }
  }

  @Test
  void closingLiveSegmentsStopsDeliveriesAndRefusesLaterUse() {
    seed(contactIds("c-", 4));
    ManualExecutor executor = new ManualExecutor();
    Recorder hot = new Recorder();
    LiveSegments live = LiveSegments.builder(index).clock(CLOCK).executor(executor).build();
    live.register(HOT, UTC, hot);
    Handle ticking = live.tickEvery(Duration.ofDays(1));
    toggleHot("c-1"); // queued, not yet delivered
    live.close();
    executor.runAll();
    assertThat(hot.received()).isEmpty();

    assertThatThrownBy(() -> live.register("other", HOT, UTC))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> live.advanceTo(T0.plusSeconds(1)))
        .isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(live::tick).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> live.tickEvery(Duration.ofSeconds(1)))
        .isInstanceOf(IllegalStateException.class);
    assertThat(live.now()).isEqualTo(T0);
    toggleHot("c-2"); // the index goes on, detached
    assertThat(executor.isEmpty()).isTrue();
    assertThat(index.evaluate(HOT, EvaluationContext.at(T0)).ids()).containsExactly("c-1", "c-2");
    ticking.close();
    live.close(); // again: nothing
  }

  // 7. Registration and the first notification

  @Test
  void registrationReportsNothingAndListenersSeeOnlyLaterSteps() {
    seed(contactIds("c-", 5));
    toggleHot("c-1");
    toggleHot("c-2");
    ManualExecutor executor = new ManualExecutor();
    try (LiveSegments live = LiveSegments.builder(index).clock(CLOCK).executor(executor).build()) {
      Recorder early = new Recorder();
      LiveSegment hot = live.register(HOT, UTC, early);
      assertThat(hot.members().ids()).containsExactly("c-1", "c-2");
      assertThat(executor.isEmpty()).as("nothing to deliver after registering").isTrue();

      index.update(b -> b.addTag("c-3", "cold")); // step 1: nothing "hot" reads
      index.update(b -> b.addTag("c-3", "hot").removeTag("c-3", "hot")); // step 2: back as it was
      index.update(b -> b.addTag("c-1", "hot")); // step 3: c-1 had it already
      live.advanceTo(T0.plusSeconds(60)); // step 4: "hot" does not depend on time
      assertThat(executor.isEmpty()).as("nothing to deliver after steps that changed nothing")
          .isTrue();
      toggleHot("c-3"); // step 5: the first change
      executor.runAll();
      assertThat(early.received()).singleElement()
          .isInstanceOfSatisfying(SegmentChange.class, c -> {
            assertThat(c.step()).isEqualTo(5);
            assertThat(c.entered()).containsExactly("c-3");
            assertThat(c.exited()).isEmpty();
          });

      Recorder late = new Recorder();
      hot.addListener(late);
      Recorder lateSegment = new Recorder();
      live.register("hot-too", HOT, UTC, lateSegment);
      assertThat(executor.isEmpty()).isTrue();
      toggleHot("c-1"); // step 6
      executor.runAll();
      assertThat(early.steps()).containsExactly(5L, 6L);
      assertThat(late.steps()).containsExactly(6L);
      assertThat(lateSegment.steps()).containsExactly(6L);
      assertThat(((SegmentChange) late.received().get(0)).exited()).containsExactly("c-1");
      assertThat(((SegmentChange) lateSegment.received().get(0)).key()).isEqualTo("hot-too");
    }
  }

  // 8. What a notification carries

  @Test
  void aNotificationCarriesIdsInIndexOrderTheirRowsTheVersionAndNow() {
    seed("zed", "amy", "max", "bob");
    index.update(b -> b.setField("bob", "seen", T0.minus(Duration.ofMinutes(30))));
    Map<Integer, String> idOfRow = idsByRow();
    Recorder hot = new Recorder();
    Recorder recent = new Recorder();
    try (LiveSegments live = LiveSegments.builder(index).clock(CLOCK).executor(Runnable::run)
        .build()) {
      live.register(HOT, UTC, hot);
      live.register(RECENT, UTC, recent);
      Instant later = T0.plus(Duration.ofMinutes(10));
      live.advanceTo(later); // now differs from the clock's

      // entered in one batch, in neither the batch's order nor sorted order
      IndexSnapshot after = index.update(b -> b.addTag("max", "hot").addTag("zed", "hot")
          .addTag("amy", "hot"));
      SegmentChange entered = (SegmentChange) hot.received().get(0);
      assertThat(entered.key()).isEqualTo("hot");
      assertThat(entered.segment()).isEqualTo(HOT);
      assertThat(entered.entered()).containsExactly("zed", "amy", "max");
      assertThat(entered.exited()).isEmpty();
      assertThat(idsOf(entered.enteredRows(), idOfRow)).isEqualTo(entered.entered());
      assertThat(entered.exitedRows().isEmpty()).isTrue();
      assertThat(entered.version()).isEqualTo(after.version())
          .isEqualTo(index.snapshot().version());
      assertThat(entered.now()).isEqualTo(later).isEqualTo(live.now());

      // a removed member exits with its id
      after = index.update(b -> b.removeTag("max", "hot").remove("zed"));
      SegmentChange exited = (SegmentChange) hot.received().get(1);
      assertThat(exited.exited()).containsExactly("zed", "max");
      assertThat(exited.entered()).isEmpty();
      assertThat(idsOf(exited.exitedRows(), idOfRow)).isEqualTo(exited.exited());
      assertThat(exited.enteredRows().isEmpty()).isTrue();
      assertThat(exited.version()).isEqualTo(after.version());
      assertThat(exited.step()).isEqualTo(entered.step() + 1);

      // an advance of time: the index version stays, now moves
      Instant evenLater = T0.plus(Duration.ofHours(3));
      live.advanceTo(evenLater);
      SegmentChange aged = (SegmentChange) recent.received().get(0);
      assertThat(aged.key()).isEqualTo("recent");
      assertThat(aged.exited()).containsExactly("bob");
      assertThat(idsOf(aged.exitedRows(), idOfRow)).containsExactly("bob");
      assertThat(aged.version()).isEqualTo(index.snapshot().version()).isEqualTo(after.version());
      assertThat(aged.now()).isEqualTo(evenLater).isEqualTo(live.now());
      assertThat(aged.step()).isEqualTo(exited.step() + 1);
      assertThat(hot.received()).hasSize(2);
    }
  }

  // Helpers

  /**
   * Checks what a listener received against every change of its segment in step order ({@code
   * truth}): each change is the truth's next one, with the same contacts (no gap, no duplicate, no
   * reordering); each resync skips ahead to a later step and carries the membership after it; and
   * nothing is missing at the end. Replays the notifications on {@code initial}, an entered
   * contact never already in and an exited one always in, and returns the result.
   */
  static Set<String> assertFaithful(List<Object> received, List<SegmentChange> truth,
      Collection<String> initial) {
    Set<String> members = new LinkedHashSet<>(initial);
    int next = 0; // the index in truth of the next change expected
    for (Object n : received) {
      if (n instanceof SegmentChange c) {
        assertThat(next).as("%s after the last change %s", c, truth).isLessThan(truth.size());
        SegmentChange expected = truth.get(next);
        assertThat(c.step()).as("the step after %s; received %s", next == 0 ? "registration"
            : truth.get(next - 1).step(), received).isEqualTo(expected.step());
        assertThat(c.key()).isEqualTo(expected.key());
        assertThat(c.entered()).as("entered at step %d", c.step())
            .containsExactlyElementsOf(expected.entered());
        assertThat(c.exited()).as("exited at step %d", c.step())
            .containsExactlyElementsOf(expected.exited());
        for (String id : c.entered()) {
          assertThat(members.add(id)).as("%s entered at step %d, already a member", id, c.step())
              .isTrue();
        }
        for (String id : c.exited()) {
          assertThat(members.remove(id)).as("%s exited at step %d, not a member", id, c.step())
              .isTrue();
        }
        next++;
      } else {
        SegmentResync r = (SegmentResync) n;
        int at = -1;
        for (int i = next; i < truth.size(); i++) {
          if (truth.get(i).step() == r.step()) {
            at = i;
          }
        }
        assertThat(at).as("%s: a step that changed the segment, after the last received; "
            + "received %s", r, received).isGreaterThanOrEqualTo(next);
        assertThat(r.members()).as("members of %s", r)
            .containsExactlyInAnyOrderElementsOf(replay(initial, truth.subList(0, at + 1)));
        members = new LinkedHashSet<>(r.members());
        next = at + 1;
      }
    }
    assertThat(next).as("changes received up to; received %s", received)
        .isEqualTo(truth.size());
    return members;
  }

  static Set<String> replay(Collection<String> initial, List<SegmentChange> changes) {
    Set<String> members = new LinkedHashSet<>(initial);
    for (SegmentChange c : changes) {
      members.addAll(c.entered());
      members.removeAll(c.exited());
    }
    return members;
  }

  static long stepOf(Object notification) {
    return notification instanceof SegmentChange c ? c.step()
        : ((SegmentResync) notification).step();
  }

  static long lastStep(List<SegmentChange> changes) {
    synchronized (changes) {
      return changes.get(changes.size() - 1).step();
    }
  }

  /** Runs {@code action} on a thread of its own: if it hangs, the test fails instead. */
  static void withinHangGuard(Runnable action) throws Exception {
    FutureTask<Void> task = new FutureTask<>(action, null);
    Thread thread = new Thread(task, "guarded");
    thread.setDaemon(true);
    thread.start();
    task.get(HANG_GUARD.toSeconds(), TimeUnit.SECONDS);
  }

  static List<String> contactIds(String prefix, int n) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add(prefix + i);
    }
    return ids;
  }

  private void seed(List<String> ids) {
    seed(ids.toArray(String[]::new));
  }

  /** Adds contacts with no data, in that order (their index order). */
  private void seed(String... ids) {
    index.update(b -> {
      for (String id : ids) {
        b.upsert(Contact.builder(id).build());
      }
    });
  }

  /** At {@link #T0}, {@link #RECENT} holds a and b; b leaves an hour later, a two hours later. */
  private void seedSeen() {
    index.update(b -> b
        .upsert(Contact.builder("a").field("seen", T0.minus(Duration.ofMinutes(30))).build())
        .upsert(Contact.builder("b").field("seen", T0.minus(Duration.ofMinutes(90))).build())
        .upsert(Contact.builder("c").field("seen", T0.minus(Duration.ofHours(3))).build()));
  }

  /** One step that moves a contact in or out of {@link #HOT}. */
  private void toggleHot(String id) {
    index.update(b -> {
      if (index.snapshot().evaluate(tag("hot"), EvaluationContext.at(T0)).contains(id)) {
        b.removeTag(id, "hot");
      } else {
        b.addTag(id, "hot");
      }
    });
  }

  private List<String> evaluate(Segment segment, Instant now) {
    return index.snapshot().evaluate(segment, EvaluationContext.at(now)).ids();
  }

  /** Every contact's id by its row. */
  private Map<Integer, String> idsByRow() {
    SegmentResult everyone = index.snapshot().evaluate(all(), EvaluationContext.at(T0));
    int[] rows = everyone.bitmap().toArray();
    Map<Integer, String> ids = new HashMap<>();
    for (int i = 0; i < rows.length; i++) {
      ids.put(rows[i], everyone.ids().get(i));
    }
    return ids;
  }

  static List<String> idsOf(ImmutableRoaringBitmap rows, Map<Integer, String> idOfRow) {
    List<String> ids = new ArrayList<>();
    rows.forEach((int row) -> ids.add(idOfRow.get(row)));
    return ids;
  }

  @SuppressWarnings("unchecked")
  static <T extends Throwable> void sneakyThrow(Throwable t) throws T {
    throw (T) t;
  }

  /**
   * The reference: live segments with a direct executor, whose listeners run under the write lock
   * right after each step. Each checks the notification against a fresh evaluation of the segment
   * on the index at that step and keeps it: the list of every change, in step order.
   */
  static final class Truth implements AutoCloseable {
    private final ContactIndex index;
    private final LiveSegments live;
    private final Map<Segment, List<String>> initial = new HashMap<>();
    private final List<String> mismatches = new ArrayList<>();

    Truth(ContactIndex index) {
      this.index = index;
      this.live = LiveSegments.builder(index).clock(CLOCK).executor(Runnable::run)
          .errorHandler((s, e) -> mismatch(s.key() + ": " + e)).build();
    }

    /** Every change of the segment from now on; the list grows as steps are taken. */
    List<SegmentChange> watch(Segment segment) {
      List<SegmentChange> changes = new ArrayList<>();
      Set<String> members = new LinkedHashSet<>();
      LiveSegment s = live.register(segment, UTC, SegmentListener.of(c -> {
        synchronized (changes) {
          changes.add(c);
        }
        members.addAll(c.entered());
        members.removeAll(c.exited());
        List<String> fresh = index.snapshot().evaluate(segment, EvaluationContext.at(c.now()))
            .ids();
        if (!members.equals(new LinkedHashSet<>(fresh))) {
          mismatch("step " + c.step() + " of " + segment.id() + ": replayed " + members
              + ", evaluated " + fresh);
        }
      }, r -> mismatch("a resync from a direct executor: " + r)));
      members.addAll(s.members().ids());
      initial.put(segment, List.copyOf(members));
      return changes;
    }

    List<String> initial(Segment segment) {
      return initial.get(segment);
    }

    synchronized List<String> mismatches() {
      return List.copyOf(mismatches);
    }

    private synchronized void mismatch(String what) {
      mismatches.add(what);
    }

    @Override
    public void close() {
      live.close();
      assertThat(mismatches()).as("the reference disagreed with a fresh evaluation").isEmpty();
    }
  }

  /**
   * Records what a listener receives, in order, then runs a hook (to throw or block); lets a test
   * wait until a step has been received.
   */
  static class Recorder implements SegmentListener {
    private final List<Object> received = new ArrayList<>(); // guarded by this
    private final AtomicInteger inCall = new AtomicInteger();
    private final AtomicInteger overlaps = new AtomicInteger();
    private final CountDownLatch entered = new CountDownLatch(1);
    private final Consumer<Object> then;

    Recorder() {
      this(n -> {});
    }

    Recorder(Consumer<Object> then) {
      this.then = then;
    }

    /** Takes about {@code micros} in each call: a slow listener. */
    static Recorder slow(long micros) {
      return new Recorder(n -> LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(micros)));
    }

    /** Blocks in its first call until {@code release} is counted down. */
    static Recorder blockingOnFirstCall(CountDownLatch release) {
      AtomicInteger calls = new AtomicInteger();
      return new Recorder(n -> {
        if (calls.getAndIncrement() == 0) {
          try {
            // longer than the tests' own guards, so that they fail first
            if (!release.await(2 * HANG_GUARD.toSeconds(), TimeUnit.SECONDS)) {
              throw new AssertionError("never released");
            }
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
      });
    }

    @Override
    public void onChange(SegmentChange change) {
      record(change);
    }

    @Override
    public void onResync(SegmentResync resync) {
      record(resync);
    }

    private void record(Object notification) {
      if (inCall.incrementAndGet() > 1) {
        overlaps.incrementAndGet();
      }
      try {
        synchronized (this) {
          received.add(notification);
          notifyAll();
        }
        entered.countDown();
        then.accept(notification);
      } finally {
        inCall.decrementAndGet();
      }
    }

    /** How many calls began while another was in progress: the contract is none. */
    int overlaps() {
      return overlaps.get();
    }

    synchronized List<Object> received() {
      return List.copyOf(received);
    }

    synchronized List<Long> steps() {
      return received.stream().map(LiveSegmentsDeliveryTest::stepOf).toList();
    }

    /** Waits until a notification of {@code step} or a later one has been received. */
    synchronized void awaitStep(long step) {
      long deadline = System.nanoTime() + HANG_GUARD.toNanos();
      while (received.isEmpty() || stepOf(received.get(received.size() - 1)) < step) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          fail("step " + step + " never received; received " + received);
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(this, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          fail("interrupted");
        }
      }
    }

    void awaitEntered() throws InterruptedException {
      assertThat(entered.await(HANG_GUARD.toSeconds(), TimeUnit.SECONDS))
          .as("the listener was called").isTrue();
    }
  }

  /** What an error handler was told. */
  static final class Reported {
    private final List<LiveSegment> segments = new ArrayList<>();
    private final List<Throwable> errors = new ArrayList<>();

    synchronized void add(LiveSegment segment, Throwable error) {
      segments.add(segment);
      errors.add(error);
      notifyAll();
    }

    synchronized void await(int count) {
      long deadline = System.nanoTime() + HANG_GUARD.toNanos();
      while (errors.size() < count) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          fail(count + " errors never reported; got " + errors);
        }
        try {
          TimeUnit.NANOSECONDS.timedWait(this, left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          fail("interrupted");
        }
      }
    }

    synchronized List<LiveSegment> segments() {
      return List.copyOf(segments);
    }

    synchronized List<Throwable> errors() {
      return List.copyOf(errors);
    }
  }

  /** Runs the deliveries only when the test says so, on the test's thread (or one it starts). */
  static final class ManualExecutor implements Executor {
    private final ConcurrentLinkedQueue<Runnable> tasks = new ConcurrentLinkedQueue<>();

    @Override
    public void execute(Runnable task) {
      tasks.add(task);
    }

    /** Runs the tasks queued, and those they queue, until there are none. */
    void runAll() {
      for (Runnable task = tasks.poll(); task != null; task = tasks.poll()) {
        task.run();
      }
    }

    boolean isEmpty() {
      return tasks.isEmpty();
    }
  }

  /** A clock the test sets; counts its reads. */
  static final class MutableClock extends Clock {
    private volatile Instant instant;
    private final AtomicInteger reads = new AtomicInteger();

    MutableClock(Instant instant) {
      this.instant = instant;
    }

    void set(Instant instant) {
      this.instant = instant;
    }

    int reads() {
      return reads.get();
    }

    @Override
    public Instant instant() {
      reads.incrementAndGet();
      return instant;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      throw new UnsupportedOperationException("a test clock in UTC");
    }
  }
}
