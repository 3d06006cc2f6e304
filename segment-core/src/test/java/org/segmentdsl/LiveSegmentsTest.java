package org.segmentdsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.segmentdsl.dsl.Conditions.all;
import static org.segmentdsl.dsl.Conditions.event;
import static org.segmentdsl.dsl.Conditions.inSegment;
import static org.segmentdsl.dsl.Conditions.not;
import static org.segmentdsl.dsl.Conditions.tag;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The live segments' basic promise, step by step: what a new user tries first. */
class LiveSegmentsTest {
  private static final Instant NOW = Instant.parse("2026-12-01T09:00:00Z");

  @Test
  void batchesAndTicksReportEntriesAndExits() {
    ContactIndex index = ContactIndex.create(Schema.builder().build());
    index.update(b -> b.upsert(Contact.builder("c-1").tags("lead").build())
        .upsert(Contact.builder("c-2").tags("lead").build()));
    List<SegmentChange> changes = new ArrayList<>();
    try (LiveSegments live = LiveSegments.builder(index).clock(Clock.fixed(NOW, ZoneOffset.UTC))
        .executor(Runnable::run).build()) {
      Segment carts = Segment.builder().id("carts").where(all(tag("lead"),
          event("checkout_started").inLast(Duration.ofDays(1)),
          not(event("purchase").inLast(Duration.ofDays(1))))).build();
      LiveSegment reg = live.register(carts, ZoneOffset.UTC,
          SegmentListener.of(changes::add, r -> { throw new AssertionError(r); }));
      assertThat(changes).isEmpty();

      index.record(Event.of("c-1", "checkout_started", NOW.minusSeconds(60)));
      assertThat(changes).singleElement().satisfies(c -> {
        assertThat(c.key()).isEqualTo("carts");
        assertThat(c.entered()).containsExactly("c-1");
        assertThat(c.exited()).isEmpty();
        assertThat(c.now()).isEqualTo(NOW);
        assertThat(c.version()).isEqualTo(index.snapshot().version());
      });

      index.update(b -> b.addTag("c-2", "vip")); // nothing the segment reads
      live.advanceTo(NOW.plus(Duration.ofHours(23)));
      assertThat(changes).hasSize(1);

      live.advanceTo(NOW.plus(Duration.ofDays(1)).minusSeconds(60)); // the event's edge
      assertThat(changes).hasSize(2);
      assertThat(changes.get(1).exited()).containsExactly("c-1");
      assertThat(reg.members().count()).isZero();
    }
  }

  @Test
  void aReferencedSegmentIsReadOnTheCurrentStateAfterEveryStep() {
    ContactIndex index = ContactIndex.create(Schema.builder().build());
    index.update(b -> b.upsert(Contact.builder("c-1").build())
        .upsert(Contact.builder("c-2").tags("lead").build()));
    SegmentRegistry saved = SegmentRegistry.of(
        Segment.builder().id("leads").where(tag("lead")).build());
    List<SegmentChange> changes = new ArrayList<>();
    try (LiveSegments live = LiveSegments.builder(index).clock(Clock.fixed(NOW, ZoneOffset.UTC))
        .segments(saved).executor(Runnable::run).build()) {
      LiveSegment notLeads = live.register("not-leads",
          Segment.of(not(inSegment("leads"))), ZoneOffset.UTC,
          SegmentListener.of(changes::add, r -> { throw new AssertionError(r); }));
      index.update(b -> b.addTag("c-1", "lead"));
      index.update(b -> b.removeTag("c-2", "lead"));

      assertThat(changes).extracting(SegmentChange::exited).containsExactly(List.of("c-1"),
          List.of());
      assertThat(changes).extracting(SegmentChange::entered).containsExactly(List.of(),
          List.of("c-2"));
      assertThat(notLeads.members().ids()).containsExactly("c-2");
    }
  }

  @Test
  void anErrorHandlerThatThrowsDoesNotSilenceTheListener() throws InterruptedException {
    ContactIndex index = ContactIndex.create(Schema.builder().build());
    index.upsert(Contact.builder("c-1").build());
    List<Long> received = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (LiveSegments live = LiveSegments.builder(index)
        .errorHandler((s, e) -> { throw new AssertionError("handler failed", e); })
        .build()) {
      live.register("hot", Segment.of(tag("hot")), ZoneOffset.UTC, SegmentListener.of(c -> {
        received.add(c.step());
        if (c.step() == 1) {
          throw new IllegalStateException("listener failed");
        }
      }, r -> { }));
      index.update(b -> b.addTag("c-1", "hot"));    // step 1: the listener throws
      index.update(b -> b.removeTag("c-1", "hot")); // step 2
      assertThat(live.awaitDelivered(Duration.ofSeconds(30))).isTrue();
      assertThat(received).containsExactly(1L, 2L);
    }
  }

  @Test
  void anExecutorThatFailsNeitherFailsTheWriterNorLeavesOtherSegmentsBehind() {
    ContactIndex index = ContactIndex.create(Schema.builder().build());
    index.upsert(Contact.builder("c-1").build());
    java.util.concurrent.atomic.AtomicBoolean failed =
        new java.util.concurrent.atomic.AtomicBoolean();
    List<Throwable> errors = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (LiveSegments live = LiveSegments.builder(index).errorHandler((s, e) -> errors.add(e))
        .executor(task -> {
          if (failed.compareAndSet(false, true)) {
            throw new IllegalStateException("executor busy");
          }
          task.run();
        }).build()) {
      live.register("first", Segment.of(tag("hot")), ZoneOffset.UTC,
          SegmentListener.of(c -> { }, r -> { }));
      LiveSegment second = live.register("second", Segment.of(tag("hot")), ZoneOffset.UTC);
      index.update(b -> b.addTag("c-1", "hot")); // must not throw
      assertThat(second.members().ids()).containsExactly("c-1");
      assertThat(errors).singleElement().satisfies(
          e -> assertThat(e).hasMessage("executor busy"));
    }
  }
}
