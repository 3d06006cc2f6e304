package org.segmentdsl.eval;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import org.roaringbitmap.RoaringBitmap;
import org.segmentdsl.EvaluationContext;
import org.segmentdsl.condition.PropertyFilter;
import org.segmentdsl.condition.TagCondition;
import org.segmentdsl.internal.BitmapMap;
import org.segmentdsl.internal.Budget;
import org.segmentdsl.internal.EventColumn;

/**
 * The state of one evaluation: its {@link Budget}, and what its pattern conditions found, so that
 * each distinct pattern over a dictionary of tags or string values is matched once however many
 * conditions repeat it (an {@code any} of thousands of {@code tag contains} conditions), and each
 * distinct set of event property filters decides each property map once.
 *
 * <p>Not thread-safe: one evaluation runs on one thread.
 */
final class Evaluation {
  /** Dictionary walks done by every evaluation so far: a test's window on the memo. */
  static final LongAdder DICTIONARY_WALKS = new LongAdder();

  private final Budget budget;
  private final Map<PatternKey, Matches> patterns = new HashMap<>();
  private final Map<FiltersKey, byte[][]> verdicts = new HashMap<>();

  Evaluation(Budget budget) {
    this.budget = budget;
  }

  /** An evaluation under {@code context}'s limits, starting now. */
  static Evaluation start(EvaluationContext context) {
    return new Evaluation(Budget.start(context));
  }

  /** An evaluation without limits: live segments' updates, which must finish. */
  static Evaluation unlimited() {
    return new Evaluation(Budget.UNLIMITED);
  }

  Budget budget() {
    return budget;
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

  /** The keys of {@code map} matching a pattern: matched once per evaluation. */
  Matches matching(BitmapMap<String> map, TagCondition.Op op, String pattern, boolean ignoreCase) {
    PatternKey key = new PatternKey(map, op, pattern, ignoreCase);
    Matches m = patterns.get(key);
    if (m == null) {
      DICTIONARY_WALKS.increment();
      m = new Matches(BitmapMap.matching(map, op, pattern, ignoreCase, budget));
      patterns.put(key, m);
    }
    return m;
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
