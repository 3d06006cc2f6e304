package org.segmentdsl.internal.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.segmentdsl.Event;
import org.segmentdsl.internal.WriteScope;
import org.segmentdsl.internal.column.Keys;
import org.segmentdsl.internal.snapshot.SnapshotOut;

/**
 * Events recorded one batch at a time into busy contacts' tails read back as the blob would hold
 * them (sorted by time, equal times in recording order, each with its properties), snapshots keep
 * what they had, and a snapshot's bytes are those of the same events without tails.
 */
class EventTailTest {
  private static final String[] TYPES = {"open", "click", "visit"};
  private static final Instant BASE = Instant.parse("2026-01-01T00:00:00Z");

  /** What one version of the events must read back, by row and type, in recording order. */
  private record Model(Map<Integer, Map<String, List<Event>>> events) {
    Model copy() {
      Map<Integer, Map<String, List<Event>>> c = new HashMap<>();
      events.forEach((row, byType) -> {
        Map<String, List<Event>> m = new HashMap<>();
        byType.forEach((t, l) -> m.put(t, new ArrayList<>(l)));
        c.put(row, m);
      });
      return new Model(c);
    }

    void add(int row, Event e) {
      events.computeIfAbsent(row, r -> new HashMap<>())
          .computeIfAbsent(e.type(), t -> new ArrayList<>()).add(e);
    }
  }

  private static Event randomEvent(SplittableRandom r, int row) {
    Instant at = BASE.plusSeconds(r.nextInt(3) == 0 ? r.nextInt(1000) : r.nextInt(400_000));
    Map<String, Object> props = r.nextInt(3) == 0 ? Map.of() : Map.of("url", "/p" + r.nextInt(5));
    return Event.of("c" + row, TYPES[r.nextInt(TYPES.length)], at, props);
  }

  private static void assertReads(Events events, Model model, String why) {
    EventList list = new EventList();
    for (Map.Entry<Integer, Map<String, List<Event>>> row : model.events().entrySet()) {
      for (String type : TYPES) {
        List<Event> expected = new ArrayList<>(row.getValue().getOrDefault(type, List.of()));
        expected.sort(Comparator.comparing(Event::at)); // stable: recording order at equal times
        EventColumn column = events.column(type);
        if (column == null) {
          assertThat(expected).as(why).isEmpty();
          continue;
        }
        events.load(column, row.getKey(), list);
        List<String> got = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
          got.add(Instant.EPOCH.plusNanos(list.micros(i) * 1000) + " " + list.props(i));
        }
        assertThat(got).as("%s, row %d, type %s", why, row.getKey(), type)
            .containsExactlyElementsOf(expected.stream().map(e -> e.at() + " " + e.props())
                .toList());
      }
    }
  }

  @Test
  void tailsReadBackLikeBlobsAndSnapshotsKeepWhatTheyHad() {
    long seed = new SplittableRandom().nextLong();
    SplittableRandom r = new SplittableRandom(seed);
    Events events = Events.empty();
    Model model = new Model(new HashMap<>());
    List<Events> versions = new ArrayList<>();
    List<Model> models = new ArrayList<>();
    for (int step = 0; step < 3_000; step++) {
      int row = r.nextInt(10) < 8 ? 0 : 1 + r.nextInt(3); // row 0 is busy
      List<Event> batch = new ArrayList<>();
      int n = r.nextInt(20) == 0 ? 1 + r.nextInt(40) : 1;
      for (int i = 0; i < n; i++) {
        batch.add(randomEvent(r, row));
      }
      WriteScope scope = new WriteScope();
      Events next = events.edit(scope);
      if (r.nextInt(50) == 0) {
        next.record(scope, row, batch); // a refused batch: written, never published
        continue;
      }
      if (r.nextInt(400) == 0) {
        next.removeRow(scope, row);
        model.events().remove(row);
      } else if (r.nextInt(400) == 0) {
        long cutoff = Keys.floorMicros(BASE.plusSeconds(r.nextInt(200_000)));
        next.dropBefore(scope, cutoff);
        model.events().values().forEach(byType -> byType.values().forEach(l -> l.removeIf(
            e -> Keys.floorMicros(e.at()) < cutoff)));
      } else {
        next.record(scope, row, batch);
        batch.forEach(e -> model.add(row, e));
      }
      events = next;
      if (step % 100 == 0) {
        versions.add(events);
        models.add(model.copy());
        assertReads(events, model, "seed " + seed + ", step " + step);
        assertReads(events.flat(), model, "flat, seed " + seed + ", step " + step);
      }
    }
    for (int i = 0; i < versions.size(); i++) {
      assertReads(versions.get(i), models.get(i), "seed " + seed + ", version " + i);
    }
  }

  private static byte[] bytes(Events events) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SnapshotOut o = SnapshotOut.writingTo((b, from, len) -> out.write(b, from, len));
    events.writeTo(o, events.propertyMapsNow());
    events.writeTimesTo(o);
    return out.toByteArray();
  }

  @Test
  void aSnapshotOfTailsHoldsTheBytesOfTheSameEventsWithout() {
    SplittableRandom r = new SplittableRandom(14);
    List<Event> busy = new ArrayList<>();
    List<Event> quiet = new ArrayList<>();
    Instant at = BASE;
    for (int i = 0; i < 5_000; i++) {
      at = at.plusSeconds(r.nextInt(3)); // in time order, with ties
      Map<String, Object> props = r.nextBoolean() ? Map.of() : Map.of("url", "/p" + r.nextInt(9));
      (r.nextInt(10) == 0 ? quiet : busy).add(Event.of("c", TYPES[r.nextInt(3)], at, props));
    }
    // the types take their ids in the same order in both (row 2 records one of each first)
    Events streamed = firstOfEachType();
    int b = 0;
    int q = 0;
    while (b < busy.size() || q < quiet.size()) {
      WriteScope scope = new WriteScope();
      streamed = streamed.edit(scope);
      if (q < quiet.size() && (b >= busy.size() || r.nextInt(10) == 0)) {
        streamed.record(scope, 1, List.of(quiet.get(q++)));
      } else {
        streamed.record(scope, 0, List.of(busy.get(b++)));
      }
    }
    WriteScope scope = new WriteScope();
    Events whole = firstOfEachType().edit(scope);
    whole.record(scope, 0, busy);
    whole.record(scope, 1, quiet);
    assertThat(streamed.flat()).isNotSameAs(streamed); // the busy contact has a tail
    assertThat(bytes(streamed)).isEqualTo(bytes(whole));
    assertThat(streamed.count()).isEqualTo(whole.count()).isEqualTo(5_003);
  }

  private static Events firstOfEachType() {
    Events events = Events.empty();
    for (String type : TYPES) {
      WriteScope scope = new WriteScope();
      events = events.edit(scope);
      events.record(scope, 2, List.of(Event.of("c", type, BASE, Map.of())));
    }
    return events;
  }
}
