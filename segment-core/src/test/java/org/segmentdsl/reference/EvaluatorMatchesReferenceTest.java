package org.segmentdsl.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
 * Property test: on random schemas, contacts and condition trees (depth >= 4, every operator),
 * the bitmap evaluator selects exactly the contacts, in the same order, as the plain reference
 * evaluator written from segment-format.md, in every context of the try (several zones). Try
 * {@code i} uses the seed {@code base + i}; {@value #DEFAULT_TRIES} tries by default. Override
 * with {@code -Dsegment.tries=N} and {@code -Dsegment.seed=S} (see {@link Seeds}).
 */
class EvaluatorMatchesReferenceTest {
  static final int DEFAULT_TRIES = 1000;
  static final int CONDITIONS_PER_TRY = 5;

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
    // one to three batches, so that some range columns are compacted and some are not
    int batches = 1 + rnd.nextInt(3);
    int from = 0;
    for (int b = 0; b < batches; b++) {
      int to = b == batches - 1 ? n : from + rnd.nextInt(n - from + 1);
      List<Mutation> batch = upserts.subList(from, to);
      Mutation.Result expected = Mutation.applyTo(model, batch);
      Mutation.Result actual = Mutation.applyTo(index, batch);
      assertEquals(expected.outcome(), actual.outcome(),
          () -> "seed " + seed + " (try " + tryNo + "): loading contacts: reference " + expected
              + ", index " + actual + "\n" + replay);
      from = to;
    }
    IndexSnapshot snapshot = index.snapshot();
    assertEquals(model.size(), snapshot.size(), () -> "seed " + seed + ": size\n" + replay);
    List<RefContact> contacts = model.contactsInOrder();

    int refused = 0;
    for (int k = 0; k < CONDITIONS_PER_TRY; k++) {
      Condition c = s.condition(4 + rnd.nextInt(3));
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
}
