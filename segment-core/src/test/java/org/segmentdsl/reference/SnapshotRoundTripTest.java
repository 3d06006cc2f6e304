package org.segmentdsl.reference;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.segmentdsl.ContactIndex;
import org.segmentdsl.EvaluationContext;
import org.segmentdsl.InvalidSegmentException;
import org.segmentdsl.LiveSegment;
import org.segmentdsl.LiveSegments;
import org.segmentdsl.Segment;
import org.segmentdsl.SegmentChange;
import org.segmentdsl.SegmentListener;
import org.segmentdsl.SegmentRegistry;
import org.segmentdsl.SegmentResult;
import org.segmentdsl.SnapshotFile;
import org.segmentdsl.condition.All;
import org.segmentdsl.condition.Condition;
import org.segmentdsl.dsl.Conditions;

/**
 * Property test of snapshot files (snapshot.md; issue 13, done-when 3): random mutation sequences
 * of {@link MutationSequenceTest.Generator} (every kind of mutation, refused and aborted batches,
 * {@code dropEventsBefore}, {@code compact}) are applied to an index and to the {@link
 * ReferenceModel}; the index is saved with a random registry of saved segments and loaded. The
 * loaded index must answer random conditions (deep trees, event, deal, account and reference
 * conditions, in several zones) with the same ids in the same order as the saved one and as the
 * reference, with equal {@code explain} trees; its saved segments, schema and summary must be the
 * saved ones; and saving it again must give the same bytes.
 *
 * <p>Then the same further random batches go to the saved index, the loaded one and the
 * reference, and they must go on agreeing after every step: the loaded index refuses what the
 * other refuses, a contact removed before the save and added again after the load takes its old
 * place in both, and live segments registered on the loaded index (the saved segments, a random
 * one, and one on a tag the first batch adds) report changes that keep their members equal to a
 * fresh evaluation. At the end the loaded index is saved and loaded once more and checked again.
 *
 * <p>{@value #DEFAULT_SEQUENCES} sequences by default; {@code -Dsegment.tries=N} sets the number
 * of sequences, {@code -Dsegment.seed=S} the base seed (see {@link Seeds}).
 */
class SnapshotRoundTripTest {
  static final int DEFAULT_SEQUENCES = 24;
  static final int STEPS_BEFORE = 60;
  static final int STEPS_AFTER = 30;
  static final int CONDITIONS_AFTER_LOAD = 16;
  static final int CONDITIONS_PER_STEP = 3;
  static final int DROP_PERCENT = 4;
  static final int COMPACT_PERCENT = 4;
  static final String LIVE_TAG = "snapshot-live";

  @Test
  void aLoadedIndexAnswersAndChangesLikeTheSavedOne() {
    long base = Seeds.baseSeed();
    int sequences = Seeds.tries(DEFAULT_SEQUENCES);
    Map<String, Integer> stats = new TreeMap<>();
    for (int q = 0; q < sequences; q++) {
      long seed = base + q;
      try {
        new Sequence(base, seed, q, stats).run();
      } catch (RuntimeException | IOException e) {
        throw new AssertionError("seed " + seed + " (base " + base + ", sequence " + q
            + "): unexpected " + e + "\n" + Seeds.replay(getClass().getSimpleName(), seed), e);
      }
    }
    if (sequences >= DEFAULT_SEQUENCES) {
      for (String kind : List.of("saved with no saved segments", "saved with saved segments",
          "removed before the save", "re-added after the load", "refused after the load",
          "dropEventsBefore", "compact", "live change", "live change of a saved segment",
          "condition refused by both")) {
        assertTrue(stats.getOrDefault(kind, 0) > 0, () -> "never happened: " + kind + ": "
            + stats);
      }
    }
  }

  /** One seed: a history, a save, a load, a shared future. */
  private static final class Sequence {
    final long base;
    final long seed;
    final int sequence;
    final Map<String, Integer> stats;
    final SplittableRandom rnd;
    final Scenario s;
    final ReferenceModel model;
    final MutationSequenceTest.Generator gen;
    final ContactIndex saved;
    final SegmentRegistry registry;
    /** Every contact id that was ever in the model. */
    final Set<String> everSeen = new LinkedHashSet<>();
    String phase = "before the save";
    int step;

    Sequence(long base, long seed, int sequence, Map<String, Integer> stats) {
      this.base = base;
      this.seed = seed;
      this.sequence = sequence;
      this.stats = stats;
      this.rnd = new SplittableRandom(seed);
      this.s = new Scenario(rnd, new Coverage());
      this.model = new ReferenceModel(s.schema);
      this.saved = ContactIndex.create(s.schema);
      this.registry = sequence % 5 == 0 ? s.newRegistry(0, 0) : s.newRegistry(1, 5);
      this.gen = new MutationSequenceTest.Generator(s, rnd, model, stats);
    }

    String where() {
      return "seed " + seed + " (base " + base + ", sequence " + sequence + ", " + phase
          + ", step " + step + ")\n" + Seeds.replay("SnapshotRoundTripTest", seed)
          + "\nschema: " + s.schema + "\nsaved segments: " + registry;
    }

    void count(String what) {
      stats.merge(what, 1, Integer::sum);
    }

    void run() throws IOException {
      count(registry.size() == 0 ? "saved with no saved segments" : "saved with saved segments");
      apply(gen.initialLoad(), List.of(saved));
      for (step = 0; step < STEPS_BEFORE; step++) {
        randomStep(List.of(saved));
      }
      List<String> removed = new ArrayList<>(everSeen);
      removed.removeAll(model.ids());
      if (!removed.isEmpty()) {
        count("removed before the save");
      }

      phase = "after the load";
      step = -1;
      byte[] bytes = save(saved, registry);
      SnapshotFile.Loaded loaded = load(bytes);
      ContactIndex copy = loaded.index();
      assertEquals(registry, loaded.segments(), () -> where() + "\nsaved segments");
      assertEquals(s.schema, copy.schema(), () -> where() + "\nschema");
      assertEquals(new SnapshotFile.Summary(model.size(), model.eventCount(),
          model.dealIds().size(), model.accountIds().size(), registry.size(), bytes.length),
          loaded.summary(), () -> where() + "\nsummary");
      assertArrayEquals(bytes, save(copy, loaded.segments()),
          () -> where() + "\nsave, load, save gave other bytes");
      compare(saved, copy, loaded.segments(), CONDITIONS_AFTER_LOAD);

      Live live = new Live(copy, loaded.segments());
      phase = "after the load, with the same batches";
      for (step = 0; step < STEPS_AFTER; step++) {
        if (step == 0) {
          firstStepAfterLoad(removed, List.of(saved, copy), live);
        } else {
          randomStep(List.of(saved, copy));
        }
        compare(saved, copy, loaded.segments(), CONDITIONS_PER_STEP);
        live.check(saved);
      }
      live.close();

      phase = "after a second save and load";
      step = -1;
      SnapshotFile.Loaded again = load(save(copy, loaded.segments()));
      assertEquals(registry, again.segments(), () -> where() + "\nsaved segments");
      compare(saved, again.index(), again.segments(), CONDITIONS_AFTER_LOAD);
    }

    /**
     * Re-adds a contact removed before the save (it must take its old place in both indexes) and
     * tags a contact, which the tag's live segment must report.
     */
    private void firstStepAfterLoad(List<String> removed, List<ContactIndex> indexes, Live live) {
      List<Mutation> batch = new ArrayList<>();
      String back = null;
      if (!removed.isEmpty()) {
        back = removed.get(rnd.nextInt(removed.size()));
        batch.add(new Mutation.Upsert(s.contact(back)));
      }
      String tagged = model.ids().isEmpty() ? back : model.ids().get(rnd.nextInt(model.size()));
      if (tagged != null) {
        batch.add(new Mutation.AddTag(tagged, LIVE_TAG));
      }
      Mutation.Outcome outcome = apply(batch, indexes);
      assertEquals(Mutation.Outcome.COMMITTED, outcome, () -> where() + "\n" + batch);
      if (back != null) {
        count("re-added after the load");
        Condition everyone = new All(List.of());
        for (ContactIndex index : indexes) {
          List<String> ids = index.evaluate(everyone, s.contexts.get(0)).ids();
          assertEquals(model.ids().indexOf(back), ids.indexOf(back),
              () -> where() + "\nthe re-added contact is not in its first place: " + ids);
        }
      }
      if (tagged != null) {
        String id = tagged;
        assertEquals(List.of(List.of(id)), live.enteredOf("tagged"),
            () -> where() + "\nthe live segment on the new tag was not told of " + id);
      }
    }

    /** A random step applied to the model and to every index. */
    private void randomStep(List<ContactIndex> indexes) {
      if (rnd.nextInt(100) < DROP_PERCENT) {
        Instant cutoff = gen.cutoff();
        model.dropEventsBefore(cutoff);
        indexes.forEach(i -> i.dropEventsBefore(cutoff));
        count("dropEventsBefore");
        return;
      }
      Mutation.Outcome outcome = apply(gen.batch(), indexes);
      if (outcome != Mutation.Outcome.COMMITTED && indexes.size() > 1) {
        count("refused after the load");
      }
      if (rnd.nextInt(100) < COMPACT_PERCENT) {
        indexes.get(rnd.nextInt(indexes.size())).compact(); // changes no answer
        count("compact");
      }
    }

    /** Applies a batch to the model and to every index; all must give the same outcome. */
    private Mutation.Outcome apply(List<Mutation> batch, List<ContactIndex> indexes) {
      Mutation.Result expected = Mutation.applyTo(model, batch);
      for (ContactIndex index : indexes) {
        Mutation.Result actual = Mutation.applyTo(index, batch);
        assertEquals(expected.outcome(), actual.outcome(), () -> where() + "\nbatch " + batch
            + "\nreference: " + expected + "\nindex: " + actual);
      }
      everSeen.addAll(model.ids());
      return expected.outcome();
    }

    /**
     * Random conditions on the original and the loaded index: the same ids in the same order as
     * each other and as the reference (or the same refusal), and the same explain trees.
     */
    private void compare(ContactIndex original, ContactIndex copy, SegmentRegistry copySegments,
        int conditions) {
      assertEquals(original.size(), copy.size(), () -> where() + "\nsize");
      ReferenceModel.State state = model.state();
      Supplier<String> where = this::where;
      for (int k = 0; k < conditions; k++) {
        Condition c = k == 0 ? s.leaf() : k % 4 == 1 ? s.condition(3 + rnd.nextInt(2))
            : k % 4 == 2 ? (rnd.nextBoolean() ? s.eventLeaf() : s.eventCondition(2))
            : k % 4 == 3 ? (rnd.nextBoolean() ? s.relatedLeaf() : s.relatedCondition(2))
            : s.condition(2);
        EvaluationContext ctx = s.context();
        EvaluationContext copyCtx = ctx.withSegments(copySegments);
        int condNo = k;
        Supplier<String> what = () -> where.get() + "\ncondition " + condNo + ": " + c
            + "\ncontext: " + ctx.now() + " " + ctx.zone();
        boolean refused = Checks.sameMembers(copy.snapshot(), state, s.schema, c, copyCtx, what);
        assertEquals(answer(original, c, ctx), answer(copy, c, copyCtx), what);
        if (refused) {
          count("condition refused by both");
        } else {
          assertEquals(original.explain(c, ctx), copy.explain(c, copyCtx), what);
        }
      }
      for (String id : copySegments.ids()) {
        Segment segment = copySegments.get(id).orElseThrow();
        EvaluationContext ctx = s.contexts.get(0).withSegments(copySegments);
        assertEquals(answer(original, segment, ctx), answer(copy, segment, ctx),
            () -> where.get() + "\nsaved segment " + id + ": " + segment.condition());
      }
    }

    private static String answer(ContactIndex index, Condition c, EvaluationContext ctx) {
      return answer(() -> index.evaluate(c, ctx));
    }

    private static String answer(ContactIndex index, Segment segment, EvaluationContext ctx) {
      return answer(() -> index.evaluate(segment, ctx));
    }

    /** The count and ordered ids of an evaluation, or its refusal. */
    private static String answer(Supplier<SegmentResult> evaluation) {
      try {
        SegmentResult r = evaluation.get();
        return r.count() + " " + r.ids();
      } catch (InvalidSegmentException e) {
        return "refused: " + e.getMessage();
      }
    }

    private static byte[] save(ContactIndex index, SegmentRegistry segments) throws IOException {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      SnapshotFile.save(index, segments, out);
      return out.toByteArray();
    }

    private SnapshotFile.Loaded load(byte[] bytes) throws IOException {
      return SnapshotFile.load(new ByteArrayInputStream(bytes), "seed-" + seed + ".snapshot");
    }

    /**
     * Live segments on the loaded index, delivered on the writer's thread: each tracks its
     * members from the changes it is told of.
     */
    private final class Live {
      final LiveSegments live;
      final Map<String, Watched> watched = new TreeMap<>();
      final EvaluationContext at;

      Live(ContactIndex index, SegmentRegistry segments) {
        this.at = s.contexts.get(0).withSegments(segments);
        this.live = LiveSegments.builder(index).clock(Clock.fixed(at.now(), ZoneOffset.UTC))
            .segments(segments).executor(Runnable::run).build();
        watch("tagged", Segment.of(Conditions.tag(LIVE_TAG)));
        for (String id : segments.ids()) {
          watch(id, segments.get(id).orElseThrow());
        }
        watch("random", Segment.of(s.condition(2)));
      }

      private void watch(String key, Segment segment) {
        Watched w = new Watched(key, segment);
        try {
          w.live = live.register(key, segment, at.zone(), SegmentListener.of(w::changed,
              resync -> {
                throw new AssertionError("no resync expected: " + resync);
              }));
        } catch (InvalidSegmentException e) {
          return; // a random condition may be refused in this context, as evaluating it would be
        }
        w.members.addAll(w.live.members().ids());
        watched.put(key, w);
      }

      List<List<String>> enteredOf(String key) {
        return watched.get(key).entered;
      }

      /** Each live segment's members equal a fresh evaluation on the saved index. */
      void check(ContactIndex original) {
        for (Watched w : watched.values()) {
          Set<String> expected = new HashSet<>(original.evaluate(w.segment, at).ids());
          assertEquals(expected, w.members, () -> where() + "\nlive segment " + w.key + ": "
              + w.segment.condition());
          assertEquals(expected, new HashSet<>(w.live.members().ids()),
              () -> where() + "\nmembers() of live segment " + w.key);
          if (w.changes > 0) {
            count("live change");
            if (registry.ids().contains(w.key)) {
              count("live change of a saved segment");
            }
          }
          w.entered.clear();
          w.changes = 0;
        }
      }

      void close() {
        live.close();
      }
    }

    /** One live segment and the members its changes add up to. */
    private static final class Watched {
      final String key;
      final Segment segment;
      final Set<String> members = new HashSet<>();
      /** The entered lists of the changes since the last check. */
      final List<List<String>> entered = new ArrayList<>();
      int changes;
      LiveSegment live;

      Watched(String key, Segment segment) {
        this.key = key;
        this.segment = segment;
      }

      void changed(SegmentChange change) {
        members.removeAll(change.exited());
        members.addAll(change.entered());
        entered.add(change.entered());
        changes++;
      }
    }
  }
}
