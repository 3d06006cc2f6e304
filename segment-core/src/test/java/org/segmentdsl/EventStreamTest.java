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
}
