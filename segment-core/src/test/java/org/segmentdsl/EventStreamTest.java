package org.segmentdsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.segmentdsl.dsl.Conditions.event;
import static org.segmentdsl.dsl.Conditions.prop;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.segmentdsl.condition.Condition;

/**
 * A stream of single-event batches on one busy contact costs amortised constant time per event
 * (segment-format.md 4: work that grows with one contact's history is not repeated per event).
 */
class EventStreamTest {
  private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
  private static final EvaluationContext CTX = EvaluationContext.at(
      START.plus(Duration.ofDays(10)));
  private static final int EVENTS = 200_000;

  @Test
  void twoHundredThousandSingleEventBatchesOnOneContactComplete() throws Exception {
    ContactIndex index = ContactIndex.create(Schema.builder().build());
    index.update(b -> b.upsert(Contact.builder("busy").build())
        .upsert(Contact.builder("quiet").build()));
    IndexSnapshot early = assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
      IndexSnapshot before = null;
      for (int i = 0; i < EVENTS; i++) {
        Map<String, Object> props = i % 3 == 0 ? Map.of("url", "/pricing") : Map.of();
        index.record(Event.of("busy", "page_view", START.plusMillis(i), props));
        if (i == EVENTS / 2 - 1) {
          before = index.snapshot();
        }
      }
      return before;
    });
    List<Condition> conditions = List.of(
        event("page_view").atLeast(EVENTS),
        event("page_view").atLeast(EVENTS + 1),
        event("page_view").where(prop("url").eq("/pricing")).atLeast((EVENTS + 2) / 3),
        event("page_view").where(prop("url").eq("/pricing")).atLeast((EVENTS + 2) / 3 + 1),
        event("page_view").between(START.plusMillis(EVENTS - 10), START.plusMillis(EVENTS))
            .atLeast(10).atMost(10));
    List<List<String>> expected = List.of(List.of("busy"), List.of(), List.of("busy"), List.of(),
        List.of("busy"));
    for (int i = 0; i < conditions.size(); i++) {
      assertThat(index.evaluate(conditions.get(i), CTX).ids()).as("%s", conditions.get(i))
          .isEqualTo(expected.get(i));
    }
    // the snapshot taken half-way holds half the events, whatever came after
    assertThat(early.evaluate(event("page_view").atLeast(EVENTS / 2).atMost(EVENTS / 2), CTX)
        .ids()).containsExactly("busy");
    // a snapshot file holds every event, and loads to the same answers
    ByteArrayOutputStream file = new ByteArrayOutputStream();
    SnapshotFile.save(index, SegmentRegistry.empty(), file);
    ContactIndex loaded = SnapshotFile.load(new ByteArrayInputStream(file.toByteArray()), "mem")
        .index();
    for (int i = 0; i < conditions.size(); i++) {
      assertThat(loaded.evaluate(conditions.get(i), CTX).ids()).as("%s", conditions.get(i))
          .isEqualTo(expected.get(i));
    }
  }

  /** One condition of the random stream test, and the same decided on a list of events. */
  private record Check(Condition condition, java.util.function.Predicate<List<Event>> member) {}

  private static Check randomCheck(java.util.SplittableRandom r) {
    String type = r.nextBoolean() ? "page_view" : "email_click";
    Instant from = START.plusSeconds(r.nextInt(100_000));
    Instant to = from.plusSeconds(1 + r.nextInt(200_000));
    int min = r.nextInt(4) == 0 ? 0 : 1 + r.nextInt(r.nextBoolean() ? 5 : 400);
    int max = r.nextBoolean() ? Integer.MAX_VALUE : min + r.nextInt(300);
    String url = "/p" + r.nextInt(4);
    boolean filtered = r.nextBoolean();
    var c = event(type).between(from, to).atLeast(min);
    if (max != Integer.MAX_VALUE) {
      c = c.atMost(max);
    }
    if (filtered) {
      c = c.where(prop("url").startsWith(url));
    }
    return new Check(c, events -> {
      long n = events.stream().filter(e -> e.type().equals(type) && !e.at().isBefore(from)
          && e.at().isBefore(to)
          && (!filtered || String.valueOf(e.props().get("url")).startsWith(url))).count();
      return n >= min && n <= max;
    });
  }

  @Test
  void streamedEventsOnBusyContactsAnswerLikeAPlainCount() {
    long seed = new java.util.SplittableRandom().nextLong();
    java.util.SplittableRandom r = new java.util.SplittableRandom(seed);
    ContactIndex index = ContactIndex.create(Schema.builder().build());
    List<String> ids = List.of("a", "b", "c");
    Map<String, List<Event>> recorded = new java.util.HashMap<>();
    index.update(b -> ids.forEach(id -> b.upsert(Contact.builder(id).build())));
    IndexSnapshot kept = null;
    Map<String, List<Event>> keptEvents = null;
    for (int step = 0; step < 4_000; step++) {
      String id = r.nextInt(10) < 7 ? "a" : ids.get(r.nextInt(3));
      Instant at = START.plusSeconds(step * 60L - (r.nextInt(5) == 0 ? r.nextInt(50_000) : 0));
      Map<String, Object> props = r.nextBoolean() ? Map.of() : Map.of("url", "/p" + r.nextInt(5));
      Event e = Event.of(id, r.nextInt(3) == 0 ? "email_click" : "page_view", at, props);
      index.record(e);
      recorded.computeIfAbsent(id, k -> new java.util.ArrayList<>()).add(e);
      if (step == 2_000) {
        kept = index.snapshot();
        keptEvents = new java.util.HashMap<>();
        for (var entry : recorded.entrySet()) {
          keptEvents.put(entry.getKey(), List.copyOf(entry.getValue()));
        }
      }
      if (step % 250 == 249) {
        for (int q = 0; q < 10; q++) {
          Check check = randomCheck(r);
          assertThat(index.evaluate(check.condition(), CTX).ids())
              .as("seed %d, step %d, %s", seed, step, check.condition())
              .containsExactlyElementsOf(ids.stream()
                  .filter(c -> check.member().test(recorded.getOrDefault(c, List.of()))).toList());
          if (kept != null) {
            Map<String, List<Event>> then = keptEvents;
            assertThat(kept.evaluate(check.condition(), CTX).ids())
                .as("kept snapshot, seed %d, step %d, %s", seed, step, check.condition())
                .containsExactlyElementsOf(ids.stream()
                    .filter(c -> check.member().test(then.getOrDefault(c, List.of()))).toList());
          }
        }
      }
    }
  }
}
