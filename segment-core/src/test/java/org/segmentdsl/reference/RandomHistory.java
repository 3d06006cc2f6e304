package org.segmentdsl.reference;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.segmentdsl.ContactIndex;
import org.segmentdsl.EvaluationContext;
import org.segmentdsl.Schema;
import org.segmentdsl.SegmentRegistry;
import org.segmentdsl.condition.Condition;

/**
 * One seeded random index and the history that made it, kept beside the {@link ReferenceModel}
 * it must agree with: a {@link Scenario} world, the initial load and the random batches of {@link
 * MutationSequenceTest.Generator} (every kind of mutation, refused and aborted batches, contacts
 * removed and added again), {@code dropEventsBefore} and {@code compact} now and then, and a
 * registry of saved segments that the world's conditions and contexts reference.
 *
 * <p>Public, with its few public methods, for the tests of other modules (the JSON module's
 * dataset round trips take it from this module's test jar); the rest is this package's.
 */
public final class RandomHistory {
  static final int DROP_PERCENT = 4;
  static final int COMPACT_PERCENT = 4;

  final long seed;
  final SplittableRandom rnd;
  final Scenario s;
  final ReferenceModel model;
  final ContactIndex index;
  final SegmentRegistry registry;
  final MutationSequenceTest.Generator gen;
  final Map<String, Integer> stats = new TreeMap<>();
  int steps;

  /**
   * A world drawn from {@code seed}, with its initial load applied.
   *
   * @param seed the seed of every random choice
   */
  public RandomHistory(long seed) {
    this.seed = seed;
    this.rnd = new SplittableRandom(seed);
    this.s = new Scenario(rnd, new Coverage());
    this.model = new ReferenceModel(s.schema);
    this.index = ContactIndex.create(s.schema);
    this.registry = rnd.nextInt(5) == 0 ? s.newRegistry(0, 0) : s.newRegistry(1, 5);
    this.gen = new MutationSequenceTest.Generator(s, rnd, model, stats);
    apply(gen.initialLoad());
  }

  /**
   * A world drawn from {@code seed} after {@code steps} random steps.
   *
   * @param seed the seed of every random choice
   * @param steps how many steps to take after the initial load
   * @return the world
   */
  public static RandomHistory after(long seed, int steps) {
    RandomHistory h = new RandomHistory(seed);
    for (int i = 0; i < steps; i++) {
      h.step();
    }
    return h;
  }

  /** {@return the index} */
  public ContactIndex index() {
    return index;
  }

  /** {@return the schema} */
  public Schema schema() {
    return s.schema;
  }

  /** {@return the saved segments that conditions and contexts reference} */
  public SegmentRegistry segments() {
    return registry;
  }

  /**
   * One random step, to the model and the index alike: mostly a batch (which may be refused or
   * aborted, by both), now and then a {@code dropEventsBefore} or, after a batch, a {@code
   * compact}.
   */
  public void step() {
    steps++;
    if (rnd.nextInt(100) < DROP_PERCENT) {
      Instant cutoff = gen.cutoff();
      model.dropEventsBefore(cutoff);
      index.dropEventsBefore(cutoff);
      return;
    }
    apply(gen.batch());
    if (rnd.nextInt(100) < COMPACT_PERCENT) {
      index.compact();
    }
  }

  private void apply(List<Mutation> batch) {
    Mutation.Result expected = Mutation.applyTo(model, batch);
    Mutation.Result actual = Mutation.applyTo(index, batch);
    if (expected.outcome() != actual.outcome()) {
      throw new AssertionError(where() + "\nbatch " + batch + "\nreference: " + expected
          + "\nindex: " + actual);
    }
  }

  /**
   * {@return a random condition: a leaf, a deep tree, event conditions, deal and account
   * conditions, segment references} The index may refuse it in some contexts (a window bound out
   * of range), as it would any condition.
   */
  public Condition condition() {
    return switch (rnd.nextInt(registry.size() == 0 ? 4 : 5)) {
      case 0 -> s.leaf();
      case 1 -> s.condition(2 + rnd.nextInt(3));
      case 2 -> rnd.nextBoolean() ? s.eventLeaf() : s.eventCondition(1 + rnd.nextInt(3));
      case 3 -> rnd.nextBoolean() ? s.relatedLeaf() : s.relatedCondition(1 + rnd.nextInt(3));
      default -> s.referenceLeaf();
    };
  }

  /** {@return a random evaluation context (instant and zone), with {@link #segments()}} */
  public EvaluationContext context() {
    return s.context();
  }

  /** {@return the seed and the steps taken, for failure messages} */
  public String where() {
    return "seed " + seed + ", " + steps + " steps\nschema: " + s.schema + "\nsaved segments: "
        + registry;
  }
}
