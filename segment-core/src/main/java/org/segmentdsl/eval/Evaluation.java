package org.segmentdsl.eval;

import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.LongAdder;
import org.roaringbitmap.RoaringBitmap;
import org.segmentdsl.EvaluationContext;
import org.segmentdsl.condition.PropertyFilter;
import org.segmentdsl.condition.TagCondition;
import org.segmentdsl.internal.Budget;
import org.segmentdsl.internal.column.BitmapMap;
import org.segmentdsl.internal.event.EventColumn;
import org.segmentdsl.internal.table.IndexData;

/**
 * The state of one evaluation: its {@link Budget}, and what its pattern conditions found, so that
 * each distinct pattern over a dictionary of tags or string values is matched once however many
 * conditions repeat it (an {@code any} of thousands of {@code tag contains} conditions), and each
 * distinct set of event property filters decides each property map once. Told beforehand which
 * {@code contains} patterns a plan holds ({@link #expect}), it matches several of them over one
 * dictionary in a single walk ({@link BitmapMap#containing}) the first time one is needed.
 *
 * <p>Not thread-safe: one evaluation runs on one thread; the threads of {@link #pool} that help
 * with a loop ({@link Chunks}) use none of this state but the pool, and a {@link Budget#fork}.
 */
final class Evaluation {
  /** Dictionary walks done by every evaluation so far: a test's window on the memo. */
  static final LongAdder DICTIONARY_WALKS = new LongAdder();
  /**
   * Expected {@code contains} patterns over one dictionary from which on they share a walk: below,
   * a walk per pattern costs less than the automaton's one (over 1M distinct tags, 2 patterns
   * took 0.10 s walked apart and 0.31 s together; 4 took 0.32 s apart and 0.28 s together).
   */
  static final int SHARED_WALK = 4;

  private final Budget budget;
  /** The pool whose threads help with the largest loops; null: this thread alone. */
  private final ForkJoinPool pool;
  private final Map<PatternKey, Matches> patterns = new HashMap<>();
  /** The {@code contains} patterns expected and not matched yet, by dictionary. */
  private final Map<Dictionary, Set<String>> expected = new HashMap<>();
  private final Map<FiltersKey, byte[][]> verdicts = new HashMap<>();

  Evaluation(Budget budget, ForkJoinPool pool) {
    this.budget = budget;
    this.pool = pool;
  }

  /** An evaluation under {@code context}'s limits and with its pool, starting now. */
  static Evaluation start(EvaluationContext context) {
    return new Evaluation(Budget.start(context), context.pool().orElse(null));
  }

  /**
   * An evaluation without limits, on the calling thread alone: live segments' updates, which must
   * finish, and run under the index's write lock.
   */
  static Evaluation unlimited() {
    return new Evaluation(Budget.UNLIMITED, null);
  }

  Budget budget() {
    return budget;
  }

  /** The pool whose threads help with the largest loops, or null: the calling thread alone. */
  ForkJoinPool pool() {
    return pool;
  }

  /** The keys of one dictionary that match a pattern, and their union once asked for. */
  static final class Matches {
    final List<RoaringBitmap> hits;
    private RoaringBitmap union;

    Matches(List<RoaringBitmap> hits) {
      this.hits = hits;
    }

    /** The rows of every matching key; never change the returned bitmap. */
    RoaringBitmap union() {
      if (union == null) {
        union = RoaringBitmap.or(hits.iterator());
      }
      return union;
    }
  }

  private record PatternKey(BitmapMap<String> map, TagCondition.Op op, String pattern,
      boolean ignoreCase) {
    // a BitmapMap has identity equality: one entry per dictionary of one snapshot
  }

  /** A dictionary as a set of {@code contains} patterns reads it: as is, or in lower case. */
  private record Dictionary(BitmapMap<String> map, boolean ignoreCase) {}

  /**
   * Notes the {@code contains} patterns of {@code plan}'s leaves over {@code data} (and over the
   * tables of its deal and account conditions), so that the first one needed is matched together
   * with the others of its dictionary. Matches nothing yet: a plan that stops early walks nothing.
   * The plans of referenced segments are expected on their own ({@link
   * Rewriter.Rewritten#expectIn}).
   */
  void expect(PlanNode plan, IndexData data) {
    if (plan instanceof PlanNode.Leaf leaf) {
      leaf.predicate().expect(this, data);
    } else if (plan instanceof PlanNode.And and) {
      and.must().forEach(child -> expect(child, data));
      and.mustNot().forEach(child -> expect(child, data));
    } else if (plan instanceof PlanNode.Or or) {
      or.children().forEach(child -> expect(child, data));
    } else if (plan instanceof PlanNode.Negation negation) {
      expect(negation.child(), data);
    }
  }

  /** Notes one {@code contains} pattern over {@code map} that a leaf will ask {@link #matching}. */
  void expectContains(BitmapMap<String> map, String pattern, boolean ignoreCase) {
    if (!patterns.containsKey(new PatternKey(map, TagCondition.Op.CONTAINS, pattern, ignoreCase))) {
      expected.computeIfAbsent(new Dictionary(map, ignoreCase), d -> new LinkedHashSet<>())
          .add(pattern);
    }
  }

  /** The keys of {@code map} matching a pattern: matched once per evaluation. */
  Matches matching(BitmapMap<String> map, TagCondition.Op op, String pattern, boolean ignoreCase) {
    PatternKey key = new PatternKey(map, op, pattern, ignoreCase);
    Matches m = patterns.get(key);
    if (m == null && op == TagCondition.Op.CONTAINS) {
      matchExpected(new Dictionary(map, ignoreCase), pattern);
      m = patterns.get(key);
    }
    if (m == null) {
      DICTIONARY_WALKS.increment();
      m = new Matches(BitmapMap.matching(map, op, pattern, ignoreCase, budget));
      patterns.put(key, m);
    }
    return m;
  }

  /**
   * If {@code pattern} was expected with enough others over the dictionary, matches all of them
   * in one walk; those not needed after all cost the automaton little.
   */
  private void matchExpected(Dictionary d, String pattern) {
    Set<String> pending = expected.get(d);
    if (pending == null || !pending.contains(pattern)) {
      return;
    }
    expected.remove(d);
    if (pending.size() < SHARED_WALK) {
      return;
    }
    List<String> all = List.copyOf(pending);
    DICTIONARY_WALKS.increment();
    List<List<RoaringBitmap>> hits = BitmapMap.containing(d.map(), all, d.ignoreCase(), budget);
    for (int i = 0; i < all.size(); i++) {
      patterns.put(new PatternKey(d.map(), TagCondition.Op.CONTAINS, all.get(i), d.ignoreCase()),
          new Matches(hits.get(i)));
    }
  }

  private record FiltersKey(EventColumn column, List<PropertyFilter> filters) {}

  /**
   * The verdicts of these filters on the column's property maps, by map number (0 unknown, 1
   * passes, 2 fails), shared by every condition with equal filters over the column: a holder of
   * one array, which grows as map numbers do.
   */
  byte[][] verdicts(EventColumn column, List<PropertyFilter> filters) {
    return verdicts.computeIfAbsent(new FiltersKey(column, filters), k -> new byte[][] {
        new byte[64]});
  }
}
