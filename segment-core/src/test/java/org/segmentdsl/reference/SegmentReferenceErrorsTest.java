package org.segmentdsl.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.segmentdsl.ContactIndex;
import org.segmentdsl.EvaluationContext;
import org.segmentdsl.IndexSnapshot;
import org.segmentdsl.InvalidSegmentException;
import org.segmentdsl.Segment;
import org.segmentdsl.SegmentRegistry;
import org.segmentdsl.condition.All;
import org.segmentdsl.condition.Any;
import org.segmentdsl.condition.Condition;
import org.segmentdsl.condition.Not;
import org.segmentdsl.condition.SegmentReference;

/**
 * Property tests of the errors of segment-format.md 3.6, on random registries of 1 to 5 saved
 * segments (each referencing only earlier ones, so without a cycle) over a small random index with
 * deals and accounts:
 *
 * <ul>
 *   <li>one more reference that closes a cycle (a segment referencing itself, or one that reaches
 *       it) makes every evaluation that reaches the cycle fail with an {@link
 *       InvalidSegmentException}, whatever the way in (evaluate, explain or validate a condition,
 *       or evaluate the saved segment itself), each of whose problems names a cycle {@code x -> ...
 *       -> x}: ids of the registry, each referencing the next, first and last the same, no other
 *       repeated; at a pointer that leads to a reference from which the cycle is reached;
 *   <li>a reference to an id the registry does not hold, in the condition or in a saved segment it
 *       reaches, fails naming that id, at a pointer that leads to a reference to it or to a segment
 *       that reaches it.
 * </ul>
 *
 * <p>The plain reference evaluator refuses the same conditions, and without the bad reference the
 * same condition evaluates exactly as the reference says (so the error is the reference's doing).
 * {@value #DEFAULT_TRIES} tries each; {@code -Dsegment.tries=N} and {@code -Dsegment.seed=S} as
 * for the other property tests (see {@link Seeds}).
 */
class SegmentReferenceErrorsTest {
  static final int DEFAULT_TRIES = 200;

  /** Ids that no registry holds: near misses of the ids registries have, and others. */
  private static final List<String> UNKNOWN_IDS = List.of("engaged-", "customer", "leads-crm",
      "x1", "seg", "0", "b", "seg.b", "vip-2025", "no-such-segment");

  /** The ways into an evaluation. */
  private enum Entry {
    EVALUATE,
    EXPLAIN,
    VALIDATE,
    EVALUATE_SAVED
  }

  @Test
  void aReferenceCycleIsAnErrorThatNamesTheCycle() {
    long base = Seeds.baseSeed();
    int tries = Seeds.tries(DEFAULT_TRIES);
    Coverage coverage = new Coverage();
    for (int t = 0; t < tries; t++) {
      long seed = base + t;
      String where = "seed " + seed + " (base " + base + ", try " + t + ")\n"
          + Seeds.replay(getClass().getSimpleName(), seed);
      try {
        cycleTry(seed, coverage, where);
      } catch (RuntimeException e) {
        throw new AssertionError(where + "\nunexpected " + e, e);
      }
    }
    if (tries >= 100) {
      for (String kind : List.of("cycle self", "cycle of 2", "cycle of 3+", "cycle entered "
          + "from outside", "entry " + Entry.EVALUATE, "entry " + Entry.EXPLAIN,
          "entry " + Entry.VALIDATE, "entry " + Entry.EVALUATE_SAVED)) {
        assertTrue(coverage.count(kind) > 0, () -> "never generated " + kind + ": " + coverage);
      }
    }
  }

  @Test
  void aReferenceToAnUnknownSegmentIsAnErrorThatNamesIt() {
    long base = Seeds.baseSeed();
    int tries = Seeds.tries(DEFAULT_TRIES);
    Coverage coverage = new Coverage();
    for (int t = 0; t < tries; t++) {
      long seed = base + t;
      String where = "seed " + seed + " (base " + base + ", try " + t + ")\n"
          + Seeds.replay(getClass().getSimpleName(), seed);
      try {
        unknownTry(seed, coverage, where);
      } catch (RuntimeException e) {
        throw new AssertionError(where + "\nunexpected " + e, e);
      }
    }
    if (tries >= 100) {
      for (String kind : List.of("unknown in the condition", "unknown in a saved segment",
          "entry " + Entry.EVALUATE, "entry " + Entry.EXPLAIN, "entry " + Entry.VALIDATE,
          "entry " + Entry.EVALUATE_SAVED)) {
        assertTrue(coverage.count(kind) > 0, () -> "never generated " + kind + ": " + coverage);
      }
    }
  }

  // ---------------------------------------------------------------- cycles

  private void cycleTry(long seed, Coverage coverage, String where) {
    SplittableRandom rnd = new SplittableRandom(seed);
    Scenario s = new Scenario(rnd, coverage);
    ReferenceModel model = new ReferenceModel(s.schema);
    IndexSnapshot snapshot = load(s, rnd, model);
    SegmentRegistry acyclic = s.newRegistry(1, 5);
    List<String> ids = new ArrayList<>(acyclic.ids());

    // segment "from" gets a reference to "to", which reaches it (or is it): a cycle
    String from = s.pick(ids);
    List<String> reachingFrom = reaching(acyclic, from);
    String to = s.pick(reachingFrom);
    Segment old = acyclic.get(from).orElseThrow();
    SegmentRegistry cyclic = acyclic.with(new Segment(from, old.name(), old.description(),
        s.insert(old.condition(), new SegmentReference(to))));
    int length = distance(acyclic, to, from) + 1;
    coverage.note(length == 1 ? "cycle self" : length == 2 ? "cycle of 2" : "cycle of 3+");

    // the evaluation comes in through a segment that reaches the cycle
    List<String> entries = reaching(cyclic, from);
    String entry = s.pick(entries);
    if (!onCycle(cyclic, entry)) {
      coverage.note("cycle entered from outside");
    }
    Entry way = s.pick(List.of(Entry.values()));
    coverage.note("entry " + way);
    Condition root = way == Entry.EVALUATE_SAVED ? cyclic.get(entry).orElseThrow().condition()
        : s.insert(s.condition(1 + rnd.nextInt(3)), new SegmentReference(entry));
    Supplier<String> context = () -> where + "\nsegment \"" + from + "\" now references \""
        + to + "\"; entered through \"" + entry + "\" by " + way + "\ncondition: " + root
        + describe(cyclic);

    InvalidSegmentException e = refusal(snapshot, cyclic, way, entry, root, s, context);
    assertFalse(e.problems().isEmpty(), () -> context.get() + "\nno problem listed");
    for (InvalidSegmentException.Problem p : e.problems()) {
      String prefix = "segment reference cycle: ";
      if (!p.message().startsWith(prefix)) {
        fail(context.get() + "\nexpected only cycles, got: " + p);
      }
      List<String> cycle = List.of(p.message().substring(prefix.length()).split(" -> ", -1));
      checkCycle(cyclic, cycle, () -> context.get() + "\nproblem: " + p);
      String at = referenceAt(root, p.pointer(),
          () -> context.get() + "\nproblem: " + p);
      if (!reaching(cyclic, cycle.get(0)).contains(at)) {
        fail(context.get() + "\nthe pointer of " + p + " leads to a reference to \"" + at
            + "\", from which the cycle is not reached");
      }
    }
    // the reference refuses it too; without the cycle, the same condition evaluates as it says
    EvaluationContext ctx = s.context().withSegments(cyclic);
    try {
      ReferenceEvaluator.evaluate(model.state(), s.schema, root, ctx);
      fail(context.get() + "\nthe reference evaluator found no cycle");
    } catch (ReferenceEvaluator.InvalidReference expected) {
      assertFalse(expected.cycle.isEmpty(), context);
    }
    if (way != Entry.EVALUATE_SAVED || !from.equals(entry)) {
      Condition plain = way == Entry.EVALUATE_SAVED
          ? acyclic.get(entry).orElseThrow().condition() : root;
      Checks.sameMembers(snapshot, model.state(), s.schema, plain, ctx.withSegments(acyclic),
          () -> context.get() + "\nwithout the cycle");
    }
  }

  /**
   * Asserts that {@code cycle} is one: at least two entries, first and last the same, no other
   * repeated, each an id of the registry whose condition references the next.
   */
  private static void checkCycle(SegmentRegistry registry, List<String> cycle,
      Supplier<String> where) {
    if (cycle.size() < 2 || !cycle.get(0).equals(cycle.get(cycle.size() - 1))) {
      fail(where.get() + "\nnot a cycle x -> ... -> x: " + cycle);
    }
    if (new HashSet<>(cycle).size() != cycle.size() - 1) {
      fail(where.get() + "\na cycle goes round once: " + cycle);
    }
    for (int i = 0; i + 1 < cycle.size(); i++) {
      String a = cycle.get(i);
      String b = cycle.get(i + 1);
      Segment sa = registry.get(a).orElse(null);
      if (sa == null) {
        fail(where.get() + "\n\"" + a + "\" of the cycle " + cycle + " is not in the registry");
      }
      if (!Scenario.referencesIn(sa.condition()).contains(b)) {
        fail(where.get() + "\n\"" + a + "\" does not reference \"" + b + "\", in the cycle "
            + cycle);
      }
    }
  }

  // ---------------------------------------------------------------- unknown ids

  private void unknownTry(long seed, Coverage coverage, String where) {
    SplittableRandom rnd = new SplittableRandom(seed);
    Scenario s = new Scenario(rnd, coverage);
    ReferenceModel model = new ReferenceModel(s.schema);
    IndexSnapshot snapshot = load(s, rnd, model);
    SegmentRegistry known = s.newRegistry(rnd.nextInt(4) == 0 ? 0 : 1, 5);
    List<String> ids = new ArrayList<>(known.ids());
    String unknown = s.pick(UNKNOWN_IDS);

    Entry way = s.pick(List.of(Entry.values()));
    SegmentRegistry bad;
    String holder; // the saved segment whose condition gets the unknown reference, or null
    if (ids.isEmpty() || way != Entry.EVALUATE_SAVED && rnd.nextBoolean()) {
      holder = null;
      bad = known;
      if (way == Entry.EVALUATE_SAVED) {
        way = Entry.EVALUATE;
      }
      coverage.note("unknown in the condition");
    } else {
      holder = s.pick(ids);
      Segment old = known.get(holder).orElseThrow();
      bad = known.with(new Segment(holder, old.name(), old.description(),
          s.insert(old.condition(), new SegmentReference(unknown))));
      coverage.note("unknown in a saved segment");
    }
    coverage.note("entry " + way);
    String entry = holder == null ? null : s.pick(reaching(bad, holder));
    Condition plain = way == Entry.EVALUATE_SAVED ? known.get(entry).orElseThrow().condition()
        : s.condition(1 + rnd.nextInt(3));
    Condition root = way == Entry.EVALUATE_SAVED ? bad.get(entry).orElseThrow().condition()
        : s.insert(plain, new SegmentReference(holder == null ? unknown : entry));
    Entry w = way;
    Supplier<String> context = () -> where + "\nunknown id \"" + unknown + "\" referenced "
        + (holder == null ? "in the condition" : "by \"" + holder + "\", entered through \""
        + entry + "\"") + " by " + w + "\ncondition: " + root + describe(bad);

    InvalidSegmentException e = refusal(snapshot, bad, way, entry, root, s, context);
    assertFalse(e.problems().isEmpty(), () -> context.get() + "\nno problem listed");
    String named = "unknown segment \"" + unknown + "\"";
    for (InvalidSegmentException.Problem p : e.problems()) {
      if (!p.message().contains(named)) {
        fail(context.get() + "\nexpected problems naming " + named + ", got: " + p);
      }
      String at = referenceAt(root, p.pointer(),
          () -> context.get() + "\nproblem: " + p);
      if (!at.equals(unknown) && (holder == null || !reaching(bad, holder).contains(at))) {
        fail(context.get() + "\nthe pointer of " + p + " leads to a reference to \"" + at
            + "\", from which \"" + unknown + "\" is not referenced");
      }
    }
    EvaluationContext ctx = s.context().withSegments(bad);
    try {
      ReferenceEvaluator.evaluate(model.state(), s.schema, root, ctx);
      fail(context.get() + "\nthe reference evaluator found no unknown segment");
    } catch (ReferenceEvaluator.InvalidReference expected) {
      assertEquals(List.of(), expected.cycle, context);
    }
    Checks.sameMembers(snapshot, model.state(), s.schema, plain, ctx.withSegments(known),
        () -> context.get() + "\nwithout the unknown reference");
  }

  // ---------------------------------------------------------------- shared

  /** A small index: a few accounts, up to 30 contacts, some linked, with up to 2 deals each. */
  private static IndexSnapshot load(Scenario s, SplittableRandom rnd, ReferenceModel model) {
    List<Mutation> batch = new ArrayList<>();
    List<String> accounts = new ArrayList<>();
    for (int i = rnd.nextInt(4); i > 0; i--) {
      String id = s.pick(Scenario.ACCOUNT_IDS);
      batch.add(s.account(id));
      if (!accounts.contains(id)) {
        accounts.add(id);
      }
    }
    int deals = 0;
    for (int i = rnd.nextInt(31); i > 0; i--) {
      String id = "c" + i;
      batch.add(new Mutation.Upsert(s.contact(id, accounts)));
      for (int d = rnd.nextInt(3); d > 0; d--) {
        batch.add(s.deal("d" + deals++, id));
      }
    }
    ContactIndex index = ContactIndex.create(s.schema);
    assertEquals(Mutation.Outcome.COMMITTED, Mutation.applyTo(model, batch).outcome());
    assertEquals(Mutation.Outcome.COMMITTED, Mutation.applyTo(index, batch).outcome());
    return index.snapshot();
  }

  /** Runs the evaluation one way; it must fail with an {@link InvalidSegmentException}. */
  private static InvalidSegmentException refusal(IndexSnapshot snapshot, SegmentRegistry registry,
      Entry way, String entry, Condition root, Scenario s, Supplier<String> where) {
    EvaluationContext ctx = s.context().withSegments(registry);
    try {
      switch (way) {
        case EVALUATE:
          snapshot.evaluate(root, ctx);
          break;
        case EXPLAIN:
          snapshot.explain(root, ctx);
          break;
        case VALIDATE:
          snapshot.validate(root, registry);
          break;
        default:
          snapshot.evaluate(registry.get(entry).orElseThrow(), ctx);
          break;
      }
    } catch (InvalidSegmentException e) {
      return e;
    }
    throw new AssertionError(where.get() + "\nno InvalidSegmentException");
  }

  /**
   * The id of the reference a problem's JSON Pointer leads to in {@code root} (under {@code
   * /where}): {@code all/i}, {@code any/i} and {@code not} steps, then
   * {@code segment}.
   */
  private static String referenceAt(Condition root, String pointer, Supplier<String> where) {
    List<String> steps = new ArrayList<>(List.of(pointer.split("/", -1)));
    if (!steps.isEmpty() && steps.get(0).isEmpty()) {
      steps.remove(0);
    }
    // every entry point reports pointers into the segment document: a condition evaluated
    // alone is Segment.of(condition)
    if (steps.isEmpty() || !steps.remove(0).equals("where")) {
      fail(where.get() + "\nthe pointer " + pointer + " is not under /where");
    }
    Condition at = root;
    for (int i = 0; i < steps.size(); i++) {
      String step = steps.get(i);
      if (step.equals("all") && at instanceof All a && i + 1 < steps.size()) {
        at = a.conditions().get(Integer.parseInt(steps.get(++i)));
      } else if (step.equals("any") && at instanceof Any a && i + 1 < steps.size()) {
        at = a.conditions().get(Integer.parseInt(steps.get(++i)));
      } else if (step.equals("not") && at instanceof Not n) {
        at = n.condition();
      } else if (step.equals("segment") && i == steps.size() - 1
          && at instanceof SegmentReference r) {
        return r.segmentId();
      } else {
        break;
      }
    }
    fail(where.get() + "\nthe pointer " + pointer + " does not lead to a segment reference");
    return null;
  }

  /** The ids of the registry from which {@code target} is reached (itself included). */
  private static List<String> reaching(SegmentRegistry registry, String target) {
    List<String> out = new ArrayList<>();
    for (String id : registry.ids()) {
      if (distance(registry, id, target) >= 0) {
        out.add(id);
      }
    }
    return out;
  }

  /** The fewest references from {@code from} to {@code to} (0: the same), or -1. */
  private static int distance(SegmentRegistry registry, String from, String to) {
    Set<String> level = new LinkedHashSet<>(List.of(from));
    Set<String> seen = new HashSet<>(level);
    for (int d = 0; !level.isEmpty(); d++) {
      if (level.contains(to)) {
        return d;
      }
      Set<String> next = new LinkedHashSet<>();
      for (String id : level) {
        registry.get(id).ifPresent(seg -> {
          for (String r : Scenario.referencesIn(seg.condition())) {
            if (seen.add(r)) {
              next.add(r);
            }
          }
        });
      }
      level = next;
    }
    return -1;
  }

  /** Whether {@code id} lies on a cycle: one of the segments it references reaches it. */
  private static boolean onCycle(SegmentRegistry registry, String id) {
    for (String r : Scenario.referencesIn(registry.get(id).orElseThrow().condition())) {
      if (distance(registry, r, id) >= 0) {
        return true;
      }
    }
    return false;
  }

  private static String describe(SegmentRegistry registry) {
    StringBuilder sb = new StringBuilder();
    for (String id : registry.ids()) {
      sb.append("\nsaved segment ").append(id).append(": ")
          .append(registry.get(id).orElseThrow().condition());
    }
    return sb.toString();
  }
}
