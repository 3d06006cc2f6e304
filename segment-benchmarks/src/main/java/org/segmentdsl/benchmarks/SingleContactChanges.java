package org.segmentdsl.benchmarks;

import java.time.LocalDate;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.segmentdsl.ContactIndex;
import org.segmentdsl.Event;
import org.segmentdsl.IndexBatch;

/**
 * The single-contact batches of the live benchmarks, one after another, as a CRM sync and a
 * tracking pixel would send them: batch {@code k} touches contact {@code (k × STRIDE) mod n}, so
 * consecutive batches hit contacts far apart and none twice before every contact has been touched,
 * and makes one change, in turn: adds a tag the contact lacks, removes one it carries, sets
 * {@code country}, {@code company_size} or {@code signup_date}, or records an event at {@link
 * Dataset#NOW} (an open, a click on a campaign, a page visit, a checkout, a purchase or a webinar).
 * Tags are drawn from frequency ranks below 100, the ones the {@link SegmentVariants} read.
 *
 * <p>Deterministic (seed {@link DataGenerator#SEED}); not thread-safe. {@link #restore} puts every
 * touched contact back as generated, events included, so the index answers as before.
 */
final class SingleContactChanges {
  /** A prime, so coprime with every size made of 2s and 5s, unlike FreshnessBenchmark's. */
  private static final long STRIDE = 1_000_003;
  private static final String[] EVENT_TYPES = {"email_open", "email_click", "page_visit",
      "checkout_started", "purchase", "webinar_attended"};

  /** One batch: what it changes, of which contact. */
  record Change(long step, int contact, String contactId, String description,
      Consumer<IndexBatch> mutation) {
    @Override
    public String toString() {
      return "batch " + step + ": " + description;
    }
  }

  private final Dataset data;
  private final SplittableRandom random = new SplittableRandom(DataGenerator.SEED);
  /** The tags of the contacts touched so far, as they are now. */
  private final Map<Integer, Set<String>> tags = new HashMap<>();
  private final BitSet touched = new BitSet();
  private final BitSet withEvents = new BitSet();
  private long step;

  SingleContactChanges(Dataset data) {
    this.data = data;
  }

  /** The contact that batch {@code k} touches. */
  int contactOf(long k) {
    return (int) (k * STRIDE % data.contacts());
  }

  /** The number of the next batch. */
  long nextStep() {
    return step;
  }

  /** The next batch. */
  Change next() {
    long k = step++;
    int c = contactOf(k);
    String id = Dataset.contactId(c);
    touched.set(c);
    Set<String> carried = tags.computeIfAbsent(c, this::generatedTags);
    int kind = (int) (k % 4);
    if (kind == 1 && carried.isEmpty()) {
      kind = 0;
    }
    switch (kind) {
      case 0 -> {
        String tag = Dataset.tag(random.nextInt(100));
        while (carried.contains(tag)) {
          tag = Dataset.tag(random.nextInt(100));
        }
        carried.add(tag);
        String added = tag;
        return new Change(k, c, id, "add tag " + added + " to " + id,
            b -> b.addTag(id, added));
      }
      case 1 -> {
        String tag = carried.stream().skip(random.nextInt(carried.size())).findFirst()
            .orElseThrow();
        carried.remove(tag);
        return new Change(k, c, id, "remove tag " + tag + " from " + id,
            b -> b.removeTag(id, tag));
      }
      case 2 -> {
        String field;
        Object value;
        switch ((int) (k / 4 % 3)) {
          case 0 -> {
            field = "country";
            value = Dataset.COUNTRIES[random.nextInt(Dataset.COUNTRIES.length)];
          }
          case 1 -> {
            field = "company_size";
            value = 1 + random.nextInt(100_000);
          }
          default -> {
            field = "signup_date";
            value = LocalDate.ofEpochDay(Dataset.TODAY - random.nextInt(60));
          }
        }
        return new Change(k, c, id, "set " + field + " = " + value + " on " + id,
            b -> b.setField(id, field, value));
      }
      default -> {
        withEvents.set(c);
        Event event = event(id, EVENT_TYPES[(int) (k / 4 % EVENT_TYPES.length)]);
        return new Change(k, c, id, "record " + event, b -> b.record(event));
      }
    }
  }

  private Event event(String id, String type) {
    return switch (type) {
      case "email_click" -> Event.of(id, type, Dataset.NOW,
          Map.of("campaign", Dataset.CAMPAIGNS[random.nextInt(Dataset.CAMPAIGNS.length)]));
      case "page_visit" -> Event.of(id, type, Dataset.NOW,
          Map.of("url", Dataset.URLS[random.nextInt(20)]));
      case "purchase" -> Event.of(id, type, Dataset.NOW,
          Map.of("amount", 5.0 * (1 + random.nextInt(400))));
      case "webinar_attended" -> Event.of(id, type, Dataset.NOW,
          Map.of("topic", Dataset.TOPICS[random.nextInt(Dataset.TOPICS.length)]));
      default -> Event.of(id, type, Dataset.NOW);
    };
  }

  private Set<String> generatedTags(int c) {
    return new LinkedHashSet<>(SegmentDslEngine.contact(data, c).tags());
  }

  /** The contacts touched so far. */
  BitSet touched() {
    return (BitSet) touched.clone();
  }

  /**
   * Puts every touched contact back as generated, in one batch: those with recorded events are
   * removed and added again with their deals and generated events (an index forgets an event only
   * with its contact), the others are upserted.
   */
  void restore(ContactIndex index) {
    index.update(b -> touched.stream().forEach(c -> {
      if (withEvents.get(c)) {
        b.remove(Dataset.contactId(c));
        SegmentDslEngine.addContact(b, data, c);
      } else {
        b.upsert(SegmentDslEngine.contact(data, c));
      }
    }));
    touched.clear();
    withEvents.clear();
    tags.clear();
  }
}
