package org.segmentdsl.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.segmentdsl.dsl.Conditions.event;
import static org.segmentdsl.dsl.Conditions.prop;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Method;
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
import java.util.function.Predicate;
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
import org.segmentdsl.condition.PropertyFilter;
import org.segmentdsl.internal.column.BitmapMap;
import org.segmentdsl.internal.event.EventColumn;
import org.segmentdsl.internal.table.IndexData;

/**
 * Event conditions with property filters answer like a plain list of each contact's events (time
 * and campaign), whether the type keeps day buckets per property map (a few campaigns) or has too
 * many maps and drops them (over {@value EventColumn#BUCKETED_MAPS} campaigns), while events
 * arrive in any order, some without properties, busy contacts take events in their tails,
 * contacts go and come back, old events are dropped and the index goes through a snapshot file;
 * and the buckets hold exactly the contacts with an event of each map on each day.
 */
class EventPropertyDaysMatchReferenceTest {
  private static final Instant BASE = Instant.parse("2026-11-01T00:00:00Z");
  private static final long DAY_MICROS = 86_400_000_000L;
  private static final int CONTACTS = 50;
  private static final int STEPS = 40;

  /** One event of the model: its time, and its campaign (null: no properties). */
  private record Click(long at, String campaign) {}

  @Test
  void filteredWindowsAnswerLikeTheEventsAcrossMutations() throws Exception {
    long base = Seeds.baseSeed();
    int tries = Seeds.tries(12);
    for (int t = 0; t < tries; t++) {
      long seed = base + t;
      try {
        run(new SplittableRandom(seed));
      } catch (AssertionError | RuntimeException e) {
        throw new AssertionError("seed " + seed + "; "
            + Seeds.replay(getClass().getSimpleName(), seed) + "\n" + e.getMessage(), e);
      }
    }
  }

  private static void run(SplittableRandom r) throws IOException, ReflectiveOperationException {
    ContactIndex index = ContactIndex.create(Schema.builder().build());
    Map<String, List<Click>> model = new HashMap<>();
    for (int c = 0; c < CONTACTS; c++) {
      index.upsert(Contact.builder("c" + c).build());
      model.put("c" + c, new ArrayList<>());
    }
    // a third of the runs go past the maps the type keeps buckets for
    int campaigns = r.nextInt(3) == 0 ? EventColumn.BUCKETED_MAPS + 20 : 3 + r.nextInt(12);
    int spanDays = 3 + r.nextInt(30);
    for (int step = 0; step < STEPS; step++) {
      int what = r.nextInt(10);
      if (what < 5) {
        List<Event> events = new ArrayList<>();
        for (int i = 0, n = 1 + r.nextInt(campaigns > 100 ? 300 : 60); i < n; i++) {
          events.add(click(model, "c" + r.nextInt(CONTACTS), r, spanDays, campaigns));
        }
        index.update(b -> events.forEach(b::record));
      } else if (what == 5) { // a busy contact: its next events go to its tail
        String id = "c" + r.nextInt(CONTACTS);
        for (int i = 0; i < 70 + r.nextInt(70); i++) {
          index.record(click(model, id, r, spanDays, campaigns));
        }
      } else if (what == 6) {
        String id = "c" + r.nextInt(CONTACTS);
        index.update(b -> b.remove(id));
        index.upsert(Contact.builder(id).build());
        model.get(id).clear();
      } else if (what == 7) {
        long cutoff = time(r, spanDays);
        index.dropEventsBefore(instant(cutoff));
        model.values().forEach(clicks -> clicks.removeIf(c -> c.at() < cutoff));
      } else if (what == 8) {
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        SnapshotFile.save(index, SegmentRegistry.empty(), file);
        index = SnapshotFile.load(new ByteArrayInputStream(file.toByteArray()), "mem").index();
      } else {
        check(index, model, r, spanDays, campaigns);
      }
    }
    check(index, model, r, spanDays, campaigns);
  }

  private static Event click(Map<String, List<Click>> model, String id, SplittableRandom r,
      int spanDays, int campaigns) {
    long at = time(r, spanDays);
    String campaign = r.nextInt(6) == 0 ? null : campaign(r.nextInt(campaigns));
    model.get(id).add(new Click(at, campaign));
    return campaign == null ? Event.of(id, "click", instant(at))
        : Event.of(id, "click", instant(at), Map.of("campaign", campaign));
  }

  /** Campaign {@code i}: every third starts with {@code crm}. */
  private static String campaign(int i) {
    return (i % 3 == 0 ? "crm-" : "news-") + i;
  }

  /** A time in the span: often on a day's edge, in any order of arrival. */
  private static long time(SplittableRandom r, int spanDays) {
    long day = BASE.getEpochSecond() / 86_400 - r.nextInt(spanDays) + r.nextInt(2);
    long offset = switch (r.nextInt(5)) {
      case 0 -> 0;
      case 1 -> 1;
      case 2 -> DAY_MICROS - 1;
      default -> r.nextLong(DAY_MICROS);
    };
    return day * DAY_MICROS + offset;
  }

  private static Instant instant(long micros) {
    return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
  }

  private static void check(ContactIndex index, Map<String, List<Click>> model,
      SplittableRandom r, int spanDays, int campaigns) throws ReflectiveOperationException {
    checkBuckets(index.snapshot(), model);
    String one = campaign(r.nextInt(campaigns));
    String other = campaign(r.nextInt(campaigns));
    List<PropertyFilter> filters = List.of(prop("campaign").startsWith("crm"),
        prop("campaign").eq(one), prop("campaign").in(one, other), prop("campaign").isSet(),
        prop("campaign").isNotSet(), prop("campaign").neq(one));
    List<Predicate<String>> tests = List.of(c -> c != null && c.startsWith("crm"),
        c -> one.equals(c), c -> one.equals(c) || other.equals(c), c -> c != null,
        c -> c == null, c -> c != null && !c.equals(one));
    for (int i = 0; i < 12; i++) {
      long start = time(r, spanDays);
      long to = r.nextInt(4) == 0 ? start + 1 + r.nextLong(DAY_MICROS)
          : Math.max(start + 1, time(r, spanDays));
      long from = start;
      int f = r.nextInt(filters.size());
      EventCondition window = event("click").where(filters.get(f))
          .between(instant(from), instant(to));
      EvaluationContext ctx = EvaluationContext.at(BASE);
      Map<String, Integer> counts = new HashMap<>();
      model.forEach((id, clicks) -> counts.put(id, (int) clicks.stream().filter(c ->
          from <= c.at() && c.at() < to && tests.get(f).test(c.campaign())).count()));
      WindowCounts.check(index, ctx, window, counts,
          "over [" + instant(from) + ", " + instant(to) + ")");
    }
  }

  /**
   * While the type has few enough maps, its buckets hold exactly, per day and campaign, the
   * contacts with such an event; past that, none. Read by reflection: the windows above may not
   * reach every day.
   */
  private static void checkBuckets(IndexSnapshot snapshot, Map<String, List<Click>> model)
      throws ReflectiveOperationException {
    IndexData data = Internals.data(snapshot);
    EventColumn column = data.events().column("click");
    if (column == null) {
      return;
    }
    Method maps = EventColumn.class.getDeclaredMethod("maps");
    maps.setAccessible(true);
    Map<?, ?>[] numbered = (Map<?, ?>[]) maps.invoke(column);
    Method bucketsMethod = EventColumn.class.getDeclaredMethod("propertyDays");
    bucketsMethod.setAccessible(true);
    @SuppressWarnings("unchecked")
    BitmapMap<Long> buckets = (BitmapMap<Long>) bucketsMethod.invoke(column);
    int count = column.mapCount();
    if (count > EventColumn.BUCKETED_MAPS) {
      assertThat(buckets.size()).as("buckets of a type with %d maps", count - 1).isZero();
      return;
    }
    Map<Long, Set<String>> expected = new HashMap<>(); // day << 8 | number -> contacts
    model.forEach((id, clicks) -> clicks.forEach(c -> {
      if (c.campaign() != null) {
        int number = -1;
        for (int n = 1; n < count; n++) {
          if (Map.of("campaign", c.campaign()).equals(numbered[n])) {
            number = n;
          }
        }
        assertThat(number).as("the number of campaign %s", c.campaign()).isPositive();
        expected.computeIfAbsent(Math.floorDiv(c.at(), DAY_MICROS) << 8 | number,
            k -> new HashSet<>()).add(id);
      }
    }));
    Map<Long, Set<String>> actual = new HashMap<>();
    buckets.forEach((key, rows) -> {
      Set<String> ids = new HashSet<>();
      rows.forEach((int row) -> ids.add(data.idOf(row)));
      actual.put(key, ids);
    });
    assertThat(actual).isEqualTo(expected);
  }
}
