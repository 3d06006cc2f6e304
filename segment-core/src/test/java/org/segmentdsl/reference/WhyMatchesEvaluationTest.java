package org.segmentdsl.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.roaringbitmap.buffer.ImmutableRoaringBitmap;
import org.segmentdsl.ContactExplanation;
import org.segmentdsl.EvaluationContext;
import org.segmentdsl.IndexSnapshot;
import org.segmentdsl.LintFinding;
import org.segmentdsl.InvalidSegmentException;
import org.segmentdsl.Segment;
import org.segmentdsl.SegmentOverlap;
import org.segmentdsl.condition.AccountCondition;
import org.segmentdsl.condition.All;
import org.segmentdsl.condition.Any;
import org.segmentdsl.condition.Condition;
import org.segmentdsl.condition.ConditionWalker;
import org.segmentdsl.condition.DealCondition;
import org.segmentdsl.condition.EventCondition;
import org.segmentdsl.condition.FieldCondition;

/**
 * Property test of {@link IndexSnapshot#why} and {@link IndexSnapshot#overlap} on random worlds
 * ({@link RandomHistory}: every kind of condition, deals, accounts, saved segments, events):
 *
 * <ul>
 *   <li>every node of {@code why} sits at the pointer the walker gives it, in document order;
 *   <li>in the contact's scope, its {@code match} is the contact's membership of that
 *       sub-condition evaluated on its own (a {@code deal} or {@code account} node included);
 *   <li>in an account's scope, its {@code match} is the membership of {@code account(node)}:
 *       the node holds on the contact's account;
 *   <li>in a deal's scope, its deals are exactly those of the contact's deals on which the node
 *       holds, each taken alone by the reference evaluator (3.7), and {@code match} says there is
 *       one;
 *   <li>a tag node holds exactly when it lists a tag; an event node exactly when its count lies
 *       within its {@code atLeast}/{@code atMost}; the root's match is the membership;
 *   <li>each pair of {@code overlap} is what intersecting the evaluated bitmaps gives;
 *   <li>lint is sound: a node it finds never (always) matching matches no (every) contact.
 * </ul>
 *
 * <p>Try {@code i} uses the seed {@code base + i}; {@value #DEFAULT_TRIES} tries by default
 * ({@code -Dsegment.tries=N}, {@code -Dsegment.seed=S}; see {@link Seeds}).
 */
class WhyMatchesEvaluationTest {
  static final int DEFAULT_TRIES = 150;
  static final int CONDITIONS_PER_TRY = 6;
  static final int CONTACTS_PER_CONDITION = 12;
  static final int PAIRS_PER_TRY = 200;

  @Test
  void everyMatchOfWhyIsTheNodeEvaluatedAlone() {
    long base = Seeds.baseSeed();
    int tries = Seeds.tries(DEFAULT_TRIES);
    int[] seen = new int[6]; // nodes checked: contact, account, deal scope; event counts;
    // lint findings checked; pairs on one field linted
    for (int t = 0; t < tries; t++) {
      long seed = base + t;
      String replay = Seeds.replay(getClass().getSimpleName(), seed);
      try {
        runTry(seed, seen, replay);
      } catch (RuntimeException e) {
        throw new AssertionError("seed " + seed + ": unexpected " + e + "\n" + replay, e);
      }
    }
    if (tries >= 50) {
      for (int i = 0; i < seen.length; i++) {
        int k = i;
        assertTrue(seen[i] > 0, () -> "no node of kind " + k + " was checked");
      }
    }
  }

  private void runTry(long seed, int[] seen, String replay) {
    SplittableRandom rnd = new SplittableRandom(seed ^ 0x5A5A);
    RandomHistory h = RandomHistory.after(seed, rnd.nextInt(3));
    IndexSnapshot snapshot = h.index.snapshot();
    List<String> ids = snapshot.contactIds();
    List<Segment> forOverlap = new ArrayList<>();
    EvaluationContext ctx = h.context();
    for (int k = 0; k < CONDITIONS_PER_TRY; k++) {
      Condition c = k % 2 == 0 ? h.s.condition(4 + rnd.nextInt(3)) : h.condition();
      Supplier<String> where = () -> "seed " + seed + ", condition " + c + "\nctx " + ctx + "\n"
          + h.where() + "\n" + replay;
      try {
        snapshot.validate(c, h.segments());
        snapshot.evaluate(c, ctx);
      } catch (InvalidSegmentException e) {
        continue; // a window or range this context refuses: why refuses it too
      }
      forOverlap.add(Segment.of(c));
      Nodes nodes = Nodes.of(c, snapshot, ctx);
      checkLint(snapshot, c, ctx, nodes, seen, where);
      for (int i = 0; i < CONTACTS_PER_CONDITION && !ids.isEmpty(); i++) {
        String id = ids.get(rnd.nextInt(ids.size()));
        ContactExplanation why = snapshot.why(c, id, ctx).orElseThrow();
        List<ContactExplanation.Node> got = why.root().preorder();
        assertEquals(nodes.places.size(), got.size(), where);
        assertEquals(nodes.members.get(0).contains(id), why.member(), where);
        for (int n = 0; n < got.size(); n++) {
          ContactExplanation.Node node = got.get(n);
          ConditionWalker.Place place = nodes.places.get(n);
          Condition sub = nodes.conditions.get(n);
          String at = "contact " + id + ", node " + place.pointer() + " " + sub;
          assertEquals(place.pointer(), node.pointer(), () -> at + "\n" + where.get());
          assertEquals(place.scope(), node.scope(), () -> at + "\n" + where.get());
          if (place.scope() == ConditionWalker.Scope.DEAL) {
            List<String> deals = ReferenceEvaluator.dealsWhere(h.model.state(), h.schema(), ctx,
                id, sub);
            assertEquals(deals, node.deals(), () -> at + "\n" + where.get());
            assertEquals(!deals.isEmpty(), node.match(), () -> at + "\n" + where.get());
            seen[2]++;
          } else {
            assertEquals(nodes.members.get(n).contains(id), node.match(),
                () -> at + "\n" + where.get());
            seen[place.scope() == ConditionWalker.Scope.CONTACT ? 0 : 1]++;
          }
          if (node.evidence() instanceof ContactExplanation.Evidence.Tags tags) {
            assertEquals(!tags.tags().isEmpty(), node.match(), () -> at + "\n" + where.get());
          } else if (node.evidence() instanceof ContactExplanation.Evidence.Count count) {
            EventCondition e = (EventCondition) sub;
            assertEquals(count.count() >= e.minCount() && count.count() <= e.maxCount(),
                node.match(), () -> at + ", count " + count.count() + "\n" + where.get());
            seen[3]++;
          }
        }
      }
    }
    checkOverlap(snapshot, forOverlap, ctx, () -> "seed " + seed + "\n" + replay);
    // pairs of conditions on one field, where lint reasons over values and ranges
    for (int k = 0; k < PAIRS_PER_TRY; k++) {
      Condition a = h.s.leaf();
      Condition b = h.s.leaf();
      if (!(a instanceof FieldCondition fa) || !(b instanceof FieldCondition fb)
          || !fa.field().equals(fb.field())) {
        continue;
      }
      for (Condition pair : List.of(new All(List.of(a, b)), new Any(List.of(a, b)))) {
        Condition c = new Any(List.of(new All(List.of()), pair)); // no empty/everyone noise
        try {
          snapshot.validate(c, h.segments());
          snapshot.evaluate(c, ctx);
        } catch (InvalidSegmentException e) {
          continue;
        }
        checkLint(snapshot, c, ctx, Nodes.of(c, snapshot, ctx), seen,
            () -> "seed " + seed + ", pair " + pair + "\n" + replay);
        seen[5]++;
      }
    }
  }

  /**
   * Lint's reasoning is sound: a node it calls {@code never-matches} matches no contact (below
   * {@code deal} or {@code account}: no deal or account, tested as {@code deal(node)} or {@code
   * account(node)}), one it calls {@code always-matches} every contact (below: every contact with
   * a deal, or an account); {@code empty} and {@code everyone} are the segment's count.
   */
  private static void checkLint(IndexSnapshot snapshot, Condition c, EvaluationContext ctx,
      Nodes nodes, int[] seen, Supplier<String> where) {
    for (LintFinding f : snapshot.lint(Segment.of(c), ctx)) {
      int n = nodes.places.stream().map(ConditionWalker.Place::pointer).toList()
          .indexOf(f.pointer());
      Condition node = nodes.conditions.get(n);
      ConditionWalker.Scope scope = nodes.places.get(n).scope();
      Condition alone = switch (scope) {
        case CONTACT -> node;
        case DEAL -> new DealCondition(node);
        case ACCOUNT -> new AccountCondition(node);
      };
      Condition everyone = switch (scope) {
        case CONTACT -> new All(List.of());
        case DEAL -> new DealCondition(new All(List.of()));
        case ACCOUNT -> new AccountCondition(new All(List.of()));
      };
      int count = snapshot.evaluate(alone, ctx).count();
      String at = f + "\n" + where.get();
      switch (f.code()) {
        case NEVER_MATCHES, EMPTY -> {
          assertEquals(0, count, at);
          seen[4]++;
        }
        case ALWAYS_MATCHES, EVERYONE -> {
          assertEquals(snapshot.evaluate(everyone, ctx).count(), count, at);
          seen[4]++;
        }
        default -> { }
      }
    }
  }

  private static void checkOverlap(IndexSnapshot snapshot, List<Segment> segments,
      EvaluationContext ctx, Supplier<String> where) {
    if (segments.isEmpty()) {
      return;
    }
    SegmentOverlap overlap = snapshot.overlap(segments, ctx);
    List<ImmutableRoaringBitmap> members = new ArrayList<>();
    for (Segment s : segments) {
      members.add(snapshot.evaluate(s, ctx).bitmap());
    }
    for (int i = 0; i < segments.size(); i++) {
      assertEquals(members.get(i).getCardinality(), overlap.counts().get(i), where);
    }
    assertEquals(segments.size() * (segments.size() - 1) / 2, overlap.pairs().size(), where);
    for (SegmentOverlap.Pair p : overlap.pairs()) {
      ImmutableRoaringBitmap a = members.get(p.a());
      ImmutableRoaringBitmap b = members.get(p.b());
      int both = ImmutableRoaringBitmap.andCardinality(a, b);
      int union = ImmutableRoaringBitmap.orCardinality(a, b);
      assertEquals(both, p.both(), where);
      assertEquals(a.getCardinality() - both, p.onlyA(), where);
      assertEquals(b.getCardinality() - both, p.onlyB(), where);
      assertEquals(union == 0 ? 0 : (double) both / union, p.jaccard(), 1e-12, where);
    }
  }

  /**
   * A condition's nodes in document order, each with its place and, outside deals, the ids of the
   * contacts it matches evaluated on its own (below {@code account}: as {@code account(node)}).
   */
  private record Nodes(List<Condition> conditions, List<ConditionWalker.Place> places,
      List<Set<String>> members) {
    static Nodes of(Condition c, IndexSnapshot snapshot, EvaluationContext ctx) {
      Nodes nodes = new Nodes(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
      Map<Condition, Set<String>> memo = new HashMap<>();
      ConditionWalker.walk(c, "/where", (node, place) -> {
        nodes.conditions.add(node);
        nodes.places.add(place);
        Condition alone = switch (place.scope()) {
          case CONTACT -> node;
          case ACCOUNT -> new AccountCondition(node);
          case DEAL -> null;
        };
        nodes.members.add(alone == null ? Set.of() : memo.computeIfAbsent(alone,
            x -> new HashSet<>(snapshot.evaluate(x, ctx).ids())));
        return true;
      });
      return nodes;
    }
  }
}
