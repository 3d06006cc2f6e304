package org.segmentdsl.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.segmentdsl.dsl.Conditions.event;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.segmentdsl.Contact;
import org.segmentdsl.ContactIndex;
import org.segmentdsl.EvaluationContext;
import org.segmentdsl.Event;
import org.segmentdsl.IndexSnapshot;
import org.segmentdsl.Schema;
import org.segmentdsl.SegmentRegistry;
import org.segmentdsl.SnapshotFile;
import org.segmentdsl.condition.EventCondition;
import org.segmentdsl.internal.event.EventColumn;
import org.roaringbitmap.RoaringBitmap;

/**
 * Event windows whose edges fall inside an hour, on an hour's first or last microsecond, or in
 * hours the index no longer keeps a bitmap for, answer like a plain list of each contact's event
 * times, while events arrive in any order over more hours than the index keeps, contacts go and
 * come back, old events are dropped, busy contacts take events in their tails, and the index goes
 * through a snapshot file (segment-format.md 3.5: {@code from <= t < to}, {@code now - D < t <=
 * now}).
 */
class EventHoursMatchReferenceTest {
  private static final Instant BASE = Instant.parse("2026-11-01T00:00:00Z");
  private static final long HOUR_MICROS = 3_600_000_000L;
  private static final int CONTACTS = 60;
  private static final int STEPS = 40;

  @Test
  void windowsAnswerLikeTheEventTimesAcrossMutations() throws Exception {
    long base = Seeds.baseSeed();
    int tries = Seeds.tries(12);
    prunedRuns = 0;
    for (int t = 0; t < tries; t++) {
      long seed = base + t;
      try {
        run(new SplittableRandom(seed));
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError("seed " + seed + "; "
            + Seeds.replay(getClass().getSimpleName(), seed) + "\n" + e.getMessage(), e);
      }
    }
    if (tries >= 12) { // the default runs reach the dropping of old hours
      assertThat(prunedRuns).as("runs in which the index dropped old hour bitmaps").isPositive();
    }
  }

  /** Runs whose index had dropped old hour bitmaps at a check. */
  private static int prunedRuns;

  private static void run(SplittableRandom r) throws IOException, ReflectiveOperationException {
    ContactIndex index = ContactIndex.create(Schema.builder().build());
    Map<String, List<Long>> model = new HashMap<>(); // contact -> event times in micros
    for (int c = 0; c < CONTACTS; c++) {
      String id = "c" + c;
      index.upsert(Contact.builder(id).build());
      model.put(id, new ArrayList<>());
    }
    int spanHours = 24 * (5 + r.nextInt(40)); // often more hours than the index keeps
    for (int step = 0; step < STEPS; step++) {
      int what = r.nextInt(10);
      if (what < 5) {
        record(index, model, r, spanHours, 1 + r.nextInt(80));
      } else if (what == 5) {
        // a busy contact: its next events go to its tail
        String id = "c" + r.nextInt(CONTACTS);
        for (int i = 0; i < 70 + r.nextInt(70); i++) {
          long at = time(r, spanHours);
          index.record(Event.of(id, "visit", instant(at)));
          model.get(id).add(at);
        }
      } else if (what == 6) {
        String id = "c" + r.nextInt(CONTACTS);
        index.update(b -> b.remove(id));
        index.upsert(Contact.builder(id).build());
        model.get(id).clear();
      } else if (what == 7) {
        long cutoff = time(r, spanHours);
        index.dropEventsBefore(instant(cutoff));
        model.values().forEach(times -> times.removeIf(at -> at < cutoff));
      } else if (what == 8) {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        SnapshotFile.save(index, SegmentRegistry.empty(), file);
        index = SnapshotFile.load(new ByteArrayInputStream(file.toByteArray()), "mem").index();
      } else {
        check(index, model, r, spanHours);
      }
    }
    check(index, model, r, spanHours);
  }

  private static void record(ContactIndex index, Map<String, List<Long>> model,
      SplittableRandom r, int spanHours, int n) {
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String id = "c" + r.nextInt(CONTACTS);
      long at = time(r, spanHours);
      events.add(Event.of(id, "visit", instant(at)));
      model.get(id).add(at);
    }
    index.update(b -> events.forEach(b::record));
  }

  /** A time in the span: often on an hour's edge, in any order of arrival. */
  private static long time(SplittableRandom r, int spanHours) {
    long hour = BASE.getEpochSecond() / 3600 - r.nextInt(spanHours) + r.nextInt(3);
    return hour * HOUR_MICROS + offset(r);
  }

  private static long offset(SplittableRandom r) {
    return switch (r.nextInt(5)) {
      case 0 -> 0;
      case 1 -> 1;
      case 2 -> HOUR_MICROS - 1;
      default -> r.nextLong(HOUR_MICROS);
    };
  }

  private static Instant instant(long micros) {
    return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
  }

  private static void check(ContactIndex index, Map<String, List<Long>> model,
      SplittableRandom r, int spanHours) throws ReflectiveOperationException {
    checkHours(index.snapshot(), model);
    for (int i = 0; i < 25; i++) {
      long start = time(r, spanHours);
      long to = r.nextInt(4) == 0 ? start + 1 + r.nextLong(HOUR_MICROS)
          : Math.max(start + 1, time(r, spanHours));
      boolean last = r.nextBoolean();
      // inLast(D) at now = to - 1: now - D < t <= now, the times of [to - D, to); D in seconds
      long seconds = Math.max(1, (to - start) / 1_000_000);
      long from = last ? to - seconds * 1_000_000 : start;
      EventCondition window = last ? event("visit").inLast(Duration.ofSeconds(seconds))
          : event("visit").between(instant(from), instant(to));
      EvaluationContext ctx = EvaluationContext.at(instant(last ? to - 1 : BASE.toEpochMilli()
          * 1000));
      Map<String, Integer> counts = new HashMap<>();
      model.forEach((id, times) -> counts.put(id,
          (int) times.stream().filter(at -> from <= at && at < to).count()));
      WindowCounts.check(index, ctx, window, counts,
          "over [" + instant(from) + ", " + instant(to) + ")");
    }
  }

  /**
   * The hour bitmaps hold, from the first kept hour on, exactly the contacts with an event in
   * each hour, and none before it. Read by reflection: the windows above may not reach every
   * hour.
   */
  private static void checkHours(IndexSnapshot snapshot, Map<String, List<Long>> model)
      throws ReflectiveOperationException {
    EventColumn column = Internals.data(snapshot).events().column("visit");
    if (column == null) {
      return;
    }
    Map<Long, Set<String>> byHour = new HashMap<>();
    model.forEach((id, times) -> times.forEach(
        at -> byHour.computeIfAbsent(Math.floorDiv(at, HOUR_MICROS), h -> new HashSet<>())
            .add(id)));
    long from = column.hoursFrom();
    if (from != Long.MIN_VALUE) {
      prunedRuns++;
    }
    byHour.forEach((hour, ids) -> {
      RoaringBitmap rows = column.inHour(hour);
      int held = rows == null ? 0 : rows.getCardinality();
      assertThat(held).as("contacts in the bitmap of hour %d (hours kept from %d)", hour, from)
          .isEqualTo(hour < from ? 0 : ids.size());
    });
  }
}
