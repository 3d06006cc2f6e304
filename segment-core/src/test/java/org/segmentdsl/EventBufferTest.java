package org.segmentdsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.segmentdsl.dsl.Conditions.event;

import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * {@link EventBuffer} with {@link IndexBatch#recordAll} against {@link IndexBatch#record} one
 * event at a time: on random batches (contacts the index holds, contacts added and removed in the
 * same batch, equal property maps given as different objects and number types), both indexes must
 * save to the same snapshot bytes; bad events are refused when added, with {@link Event}'s words,
 * and a missing contact drops the whole batch.
 */
class EventBufferTest {
  private static final Instant T0 = Instant.parse("2026-10-01T00:00:00Z");
  private static final String[] TYPES = {"email_open", "email_click", "page_visit", "purchase"};

  @Test
  void recordAllLeavesTheIndexRecordLeavesEventByEvent() throws Exception {
    long seed = new SplittableRandom().nextLong();
    SplittableRandom r = new SplittableRandom(seed);
    ContactIndex one = ContactIndex.create(Schema.builder().build());
    ContactIndex all = ContactIndex.create(Schema.builder().build());
    List<String> existing = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      existing.add("c-" + i);
    }
    for (ContactIndex index : List.of(one, all)) {
      index.update(b -> existing.forEach(id -> b.upsert(Contact.builder(id).build())));
    }
    EventBuffer buffer = new EventBuffer();
    for (int batch = 0; batch < 40; batch++) {
      // the batch: adds a few new contacts, records events, removes a contact midway
      List<Object> steps = new ArrayList<>();
      List<String> known = new ArrayList<>(existing);
      int events = r.nextInt(1, 400);
      for (int e = 0; e < events; e++) {
        if (r.nextInt(60) == 0) {
          String id = "new-" + batch + "-" + e;
          steps.add(Contact.builder(id).build());
          known.add(id);
        }
        String id = known.get(r.nextInt(known.size()));
        Instant at = T0.plusSeconds(r.nextLong(90L * 86_400)).plusNanos(r.nextInt(1_000_000));
        steps.add(Event.of(id, TYPES[r.nextInt(TYPES.length)], at, props(r)));
      }
      String removed = r.nextInt(3) == 0 ? known.get(r.nextInt(known.size())) : null;
      buffer.clear();
      one.update(b -> {
        for (Object step : steps) {
          if (step instanceof Contact c) {
            b.upsert(c);
          } else {
            b.record((Event) step);
          }
        }
        if (removed != null) {
          b.remove(removed);
        }
      });
      all.update(b -> {
        // events go in buffers between the other mutations, as a loader would flush them
        for (Object step : steps) {
          if (step instanceof Contact c) {
            b.recordAll(buffer);
            buffer.clear();
            b.upsert(c);
          } else {
            Event e = (Event) step;
            buffer.add(e.contactId(), e.type(), e.at(), given(e.props(), r));
          }
        }
        b.recordAll(buffer);
        if (removed != null) {
          b.remove(removed);
        }
      });
      for (Object step : steps) {
        if (step instanceof Contact c) {
          existing.add(c.id());
        }
      }
      existing.remove(removed);
      assertThat(bytes(all)).as("seed %d, batch %d", seed, batch).isEqualTo(bytes(one));
    }
    assertThat(all.evaluate(event("purchase").atLeast(1), EvaluationContext.at(T0)).count())
        .as("seed %d: the batches recorded something", seed).isPositive();
  }

  @Test
  void badEventsAreRefusedWhenAddedInEventsWords() {
    EventBuffer buffer = new EventBuffer();
    assertThatThrownBy(() -> buffer.add("", "open", T0))
        .isInstanceOf(InvalidContactException.class)
        .hasMessage(message(() -> Event.of("", "open", T0)));
    assertThatThrownBy(() -> buffer.add("c-1", "bad\ntype", T0))
        .hasMessage(message(() -> Event.of("c-1", "bad\ntype", T0)));
    assertThatThrownBy(() -> buffer.add("c-1", "open", Instant.MAX))
        .hasMessage(message(() -> Event.of("c-1", "open", Instant.MAX)));
    Map<String, Object> badValue = new HashMap<>();
    badValue.put("amount", List.of(1));
    assertThatThrownBy(() -> buffer.add("c-1", "open", T0, badValue))
        .hasMessage(message(() -> Event.of("c-1", "open", T0, badValue)));
    // a map refused once is refused again, not remembered
    assertThatThrownBy(() -> buffer.add("c-1", "open", T0, badValue))
        .isInstanceOf(InvalidContactException.class);
    // an id or type accepted once is known: still checked the first time only
    buffer.add("c-1", "open", T0).add("c-1", "open", T0.plusSeconds(1));
    assertThat(buffer.size()).isEqualTo(2);
  }

  @Test
  void aRefusedEventLeavesNoContactInTheBuffer() {
    ContactIndex index = ContactIndex.create(Schema.builder().build());
    index.upsert(Contact.builder("c-1").build());
    EventBuffer buffer = new EventBuffer().add("c-1", "open", T0);
    // a contact the index does not have, whose event is refused for its type, time or property
    assertThatThrownBy(() -> buffer.add("nobody", "bad\ntype", T0))
        .isInstanceOf(InvalidContactException.class);
    assertThatThrownBy(() -> buffer.add("nobody", "open", Instant.MAX))
        .isInstanceOf(InvalidContactException.class);
    assertThatThrownBy(() -> buffer.add("nobody", "open", T0, Map.of("a", List.of(1))))
        .isInstanceOf(InvalidContactException.class);
    index.update(b -> b.recordAll(buffer));
    assertThat(index.evaluate(event("open").atLeast(1), EvaluationContext.at(T0)).count())
        .isEqualTo(1);
  }

  @Test
  void aMissingContactDropsTheWholeBatch() {
    ContactIndex index = ContactIndex.create(Schema.builder().build());
    index.upsert(Contact.builder("c-1").build());
    EventBuffer buffer = new EventBuffer().add("c-1", "open", T0).add("nobody", "open", T0);
    String expected = message(() -> index.update(b -> b.record(Event.of("nobody", "open", T0))));
    long version = index.snapshot().version();
    assertThatThrownBy(() -> index.update(b -> b.recordAll(buffer))).hasMessage(expected);
    assertThat(index.snapshot().version()).isEqualTo(version);
    assertThat(index.evaluate(event("open").atLeast(1), EvaluationContext.at(T0)).count())
        .isZero();
  }

  /** Half the events without properties; the others from a small set, so maps repeat. */
  private static Map<String, Object> props(SplittableRandom r) {
    return switch (r.nextInt(6)) {
      case 0, 1, 2 -> Map.of();
      case 3 -> Map.of("campaign", "c" + r.nextInt(3));
      case 4 -> Map.of("amount", (double) r.nextInt(3), "currency", "EUR");
      default -> Map.of("url", "/p/" + r.nextInt(40), "paid", r.nextBoolean());
    };
  }

  /** An equal map as a caller might give it: a new object, numbers as integers or doubles. */
  private static Map<String, ?> given(Map<String, Object> props, SplittableRandom r) {
    Map<String, Object> copy = new LinkedHashMap<>();
    props.forEach((k, v) -> copy.put(k,
        v instanceof Double d && r.nextBoolean() && d == Math.rint(d) ? (Object) d.intValue() : v));
    return copy;
  }

  private static byte[] bytes(ContactIndex index) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SnapshotFile.save(index, SegmentRegistry.empty(), out);
    return out.toByteArray();
  }

  private static String message(Runnable failing) {
    try {
      failing.run();
    } catch (RuntimeException e) {
      return e.getMessage();
    }
    throw new AssertionError("did not fail");
  }
}
