package org.segmentdsl.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.segmentdsl.ContactIndex;
import org.segmentdsl.EvaluationContext;
import org.segmentdsl.IndexSnapshot;
import org.segmentdsl.condition.Condition;

/**
 * Property test: on random schemas, contacts, events and condition trees (depth >= 4, every
 * operator, event conditions among the leaves), the bitmap evaluator selects exactly the contacts,
 * in the same order, as the plain reference evaluator written from segment-format.md, in every
 * context of the try (several zones). Each try also checks a single event condition and trees made
 * mostly of event conditions. Events are recorded in the batch that adds their contact and in
 * later ones; now and then a batch is refused by one bad event and loaded again without it. Try
 * {@code i} uses the seed {@code base + i}; {@value #DEFAULT_TRIES} tries by default. Override
 * with {@code -Dsegment.tries=N} and {@code -Dsegment.seed=S} (see {@link Seeds}).
 */
class EvaluatorMatchesReferenceTest {
  static final int DEFAULT_TRIES = 1000;
  static final int CONDITIONS_PER_TRY = 5;
  static final int EVENT_CONDITIONS_PER_TRY = 3;

  @Test
  void bitmapEvaluatorMatchesReferenceOnRandomWorlds() {
    long base = Seeds.baseSeed();
    int tries = Seeds.tries(DEFAULT_TRIES);
    Coverage coverage = new Coverage();
    int refused = 0;
    for (int t = 0; t < tries; t++) {
      long seed = base + t;
      try {
        refused += runTry(base, seed, t, coverage);
      } catch (RuntimeException e) {
        throw new AssertionError("seed " + seed + " (base " + base + ", try " + t
            + "): unexpected " + e + "\n" + Seeds.replay(getClass().getSimpleName(), seed), e);
      }
    }
    if (tries >= 100) {
      coverage.assertComplete();
      assertTrue(refused > 0, "no context-dependent between error was generated");
      for (String kind : List.of("load event with its contact", "load event of earlier batch",
          "load batch refused by an event", "load contact with many events")) {
        assertTrue(coverage.count(kind) > 0, () -> "never generated " + kind + ": " + coverage);
      }
    }
  }

  /** One try: a random world, its contacts and conditions. Returns how many were refused. */
  private int runTry(long base, long seed, int tryNo, Coverage coverage) {
    SplittableRandom rnd = new SplittableRandom(seed);
    Scenario s = new Scenario(rnd, coverage);
    ContactIndex index = ContactIndex.create(s.schema);
    ReferenceModel model = new ReferenceModel(s.schema);
    String replay = Seeds.replay(getClass().getSimpleName(), seed);

    // 50 to 300 contacts; now and then a tiny or empty index
    int n = rnd.nextInt(25) == 0 ? rnd.nextInt(6) : 50 + rnd.nextInt(251);
    Set<String> ids = new HashSet<>();
    List<Mutation> upserts = new ArrayList<>();
    while (upserts.size() < n) {
      String id = "c" + rnd.nextInt(100_000);
      if (ids.add(id)) {
        upserts.add(new Mutation.Upsert(s.contact(id)));
      }
    }
    // one to three batches, so that some range columns are compacted and some are not; events
    // follow their contact's upsert in the same batch, and go to contacts of earlier batches
    int batches = 1 + rnd.nextInt(3);
    int from = 0;
    List<String> loaded = new ArrayList<>();
    for (int b = 0; b < batches; b++) {
      int to = b == batches - 1 ? n : from + rnd.nextInt(n - from + 1);
      List<Mutation> batch = new ArrayList<>();
      List<String> added = new ArrayList<>();
      for (Mutation m : upserts.subList(from, to)) {
        batch.add(m);
        String id = ((Mutation.Upsert) m).contact().id();
        added.add(id);
        int k = eventsPerContact(rnd);
        if (k > 0) {
          coverage.note("load event with its contact");
        }
        if (k > 8) {
          coverage.note("load contact with many events");
        }
        for (int i = 0; i < k; i++) {
          batch.add(s.event(id));
        }
      }
      if (!loaded.isEmpty()) {
        int k = rnd.nextInt(2 * loaded.size() + 1);
        for (int i = 0; i < k; i++) {
          batch.add(s.event(s.pick(loaded)));
          coverage.note("load event of earlier batch");
        }
      }
      if (rnd.nextInt(6) == 0 && !(added.isEmpty() && loaded.isEmpty())) {
        // one bad event refuses the whole batch; then the batch comes again without it
        List<Mutation> refused = new ArrayList<>(batch);
        String id = s.pick(added.isEmpty() ? loaded : added);
        refused.add(refused.size() - rnd.nextInt(added.isEmpty() ? refused.size() + 1 : 1),
            s.badEvent(id));
        coverage.note("load batch refused by an event");
        load(model, index, refused, Mutation.Outcome.REFUSED, seed, tryNo, replay);
      }
      load(model, index, batch, Mutation.Outcome.COMMITTED, seed, tryNo, replay);
      loaded.addAll(added);
      from = to;
    }
    IndexSnapshot snapshot = index.snapshot();
    assertEquals(model.size(), snapshot.size(), () -> "seed " + seed + ": size\n" + replay);
    List<RefContact> contacts = model.contactsInOrder();

    int refused = 0;
    for (int k = 0; k < CONDITIONS_PER_TRY + EVENT_CONDITIONS_PER_TRY; k++) {
      // deep mixed trees; then one single event condition and trees of mostly event conditions
      Condition c = k < CONDITIONS_PER_TRY ? s.condition(4 + rnd.nextInt(3))
          : k == CONDITIONS_PER_TRY ? s.eventLeaf() : s.eventCondition(1 + rnd.nextInt(4));
      int condNo = k;
      for (EvaluationContext ctx : s.contexts) {
        if (Checks.sameMembers(snapshot, contacts, s.schema, c, ctx,
            () -> "seed " + seed + " (base " + base + ", try " + tryNo + ", condition " + condNo
                + ", " + contacts.size() + " contacts)\n" + replay + "\nschema: " + s.schema)) {
          refused++;
        }
      }
    }
    return refused;
  }

  /** How many events a new contact gets: often none or a few, sometimes many. */
  private static int eventsPerContact(SplittableRandom rnd) {
    int k = rnd.nextInt(100);
    return k < 30 ? 0 : k < 70 ? 1 + rnd.nextInt(3) : k < 90 ? 4 + rnd.nextInt(5)
        : 9 + rnd.nextInt(12);
  }

  /** Applies a batch to the model and the index; both must end as {@code outcome}. */
  private static void load(ReferenceModel model, ContactIndex index, List<Mutation> batch,
      Mutation.Outcome outcome, long seed, int tryNo, String replay) {
    IndexSnapshot before = index.snapshot();
    Mutation.Result expected = Mutation.applyTo(model, batch);
    Mutation.Result actual = Mutation.applyTo(index, batch);
    assertEquals(expected.outcome(), actual.outcome(),
        () -> "seed " + seed + " (try " + tryNo + "): loading contacts: reference " + expected
            + ", index " + actual + "\n" + replay + "\nbatch: " + brief(batch));
    assertEquals(outcome, expected.outcome(),
        () -> "seed " + seed + " (try " + tryNo + "): the test meant this batch to be "
            + outcome + ": " + expected + "\n" + replay + "\nbatch: " + brief(batch));
    if (outcome != Mutation.Outcome.COMMITTED) {
      assertSame(before, index.snapshot(),
          () -> "seed " + seed + " (try " + tryNo + "): a refused batch changed the index\n"
              + replay);
    }
  }

  /** A batch for a failure message: its size, first and last mutations (the seed replays it). */
  private static String brief(List<Mutation> batch) {
    StringBuilder sb = new StringBuilder(batch.size() + " mutations");
    for (int i = 0; i < batch.size(); i++) {
      if (i < 20 || i >= batch.size() - 3) {
        sb.append("\n  ").append(i).append(": ").append(batch.get(i));
      } else if (i == 20) {
        sb.append("\n  ...");
      }
    }
    return sb.toString();
  }
}
