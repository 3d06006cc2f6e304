package org.segmentdsl.eval;

import java.time.MonthDay;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.roaringbitmap.RoaringBitmap;
import org.segmentdsl.EvaluationContext;
import org.segmentdsl.condition.Condition;
import org.segmentdsl.internal.column.OrderedColumn;
import org.segmentdsl.internal.event.EventColumn;
import org.segmentdsl.internal.table.IndexData;
import org.segmentdsl.internal.write.Changes;

/**
 * A checked segment bound to a context, kept by a live segment between steps: it evaluates the
 * whole segment, or only a few rows of it, and when time moves it tells which rows' answers may
 * have changed. Used by {@link org.segmentdsl.LiveSegments}; not meant to be called directly. Not
 * thread-safe: the live segments use it under the index's write lock.
 *
 * <p>Why a tick needs no full evaluation: every condition's answer for a contact depends on that
 * contact's own data and on {@code now} only through the bounds the rewriter computes (key ranges
 * of {@code inLast}/{@code olderThan}/{@code inNext}, the month-days of {@code anniversary}, the
 * microsecond bounds of event windows). The plans of one condition at two instants have the same
 * shape and differ only in those bounds, so the rows whose answer can differ are the rows with a
 * value or an event between an old bound and its new one: a few narrow range and bucket lookups.
 */
public final class LivePlan {
  private final String rootId;
  private final Condition condition;
  private final String pointer;
  private final ConditionReads reads;
  private EvaluationContext context;
  private Rewriter.Rewritten plan;

  private LivePlan(String rootId, Condition condition, String pointer, EvaluationContext context,
      Rewriter.Rewritten plan) {
    this.rootId = rootId;
    this.condition = condition;
    this.pointer = pointer;
    this.context = context;
    this.plan = plan;
    this.reads = ConditionReads.of(condition, context.segments());
  }

  /**
   * Checks a condition against the schema and the context's saved segments, and binds it to the
   * context.
   *
   * @param rootId the id of the segment the condition belongs to, or {@code null}
   * @param pointer where the condition sits in its document ({@code ""} or {@code "/where"})
   * @throws org.segmentdsl.InvalidSegmentException listing every problem
   */
  public static LivePlan prepare(IndexData data, String rootId, Condition condition,
      String pointer, EvaluationContext context) {
    ConditionChecker.check(data.schema(), context.segments(), rootId, condition, pointer);
    return new LivePlan(rootId, condition, pointer, context,
        Rewriter.rewrite(data.schema(), condition, context, pointer));
  }

  /** The context the plan is bound to. */
  public EvaluationContext context() {
    return context;
  }

  /**
   * Whether a commit with these changes may change the answer of one of the rows it touched:
   * false when it changed nothing this condition reads (through references too).
   */
  public boolean mayChange(Changes changes) {
    return reads.mayChange(changes);
  }

  /** Every matching row of {@code data}, as a new bitmap. */
  public RoaringBitmap evaluate(IndexData data) {
    return plan.evaluate(Evaluation.unlimited(), data);
  }

  /**
   * The matching rows among {@code contacts} (rows of {@code data}'s universe): exactly {@code
   * evaluate(data) ∩ contacts}, at a cost that grows with {@code contacts} and not with the index
   * when they are few.
   */
  public RoaringBitmap evaluateWithin(IndexData data, RoaringBitmap contacts) {
    if (contacts.isEmpty()) {
      return new RoaringBitmap();
    }
    Evaluation ev = Evaluation.unlimited(); // live steps run under the write lock: no limits
    plan.expectIn(ev, data);
    plan.prepare(ev, data, contacts);
    // a few rows need no ordering: the planner's estimates would cost more than the evaluation
    PlanNode p = Predicate.few(contacts, data.universe()) ? plan.plan()
        : Planner.plan(plan.plan(), data);
    return BitmapEvaluator.run(p, data, contacts, ev);
  }

  /**
   * Binds the plan to {@code next} (the same zone and saved segments, a later or equal {@code
   * now}) and returns the rows of {@code data} whose answer may differ between the two contexts:
   * a superset of the rows that enter or leave, usually a small one.
   */
  public RoaringBitmap advance(IndexData data, EvaluationContext next) {
    Rewriter.Rewritten nextPlan = Rewriter.rewrite(data.schema(), condition, next, pointer);
    RoaringBitmap changed = Differ.changed(data, plan, nextPlan);
    plan = nextPlan;
    context = next;
    return changed;
  }

  @Override
  public String toString() {
    return "LivePlan{" + (rootId == null ? "" : rootId + ", ") + context + "}";
  }

  /**
   * Walks the plans of one condition at two contexts side by side and collects the rows whose
   * answer may differ. Where the shapes differ (never in plans the rewriter makes of one
   * condition, but cheap to guard), both sides are evaluated and compared.
   */
  private static final class Differ {
    private final IndexData data;
    /** The plans walked, for the evaluations of the fallbacks; null inside deals and accounts. */
    private final Rewriter.Rewritten beforePlan;
    private final Rewriter.Rewritten afterPlan;
    /** Per referenced segment id, the rows its answer may differ on (each walked once). */
    private final Map<String, RoaringBitmap> references = new HashMap<>();

    private Differ(IndexData data, Rewriter.Rewritten beforePlan, Rewriter.Rewritten afterPlan) {
      this.data = data;
      this.beforePlan = beforePlan;
      this.afterPlan = afterPlan;
    }

    /**
     * The rows whose answer may differ between two plans of one condition. The referenced
     * segments are walked first, bottom-up, so that the walk never descends from one referenced
     * segment into another.
     */
    static RoaringBitmap changed(IndexData data, Rewriter.Rewritten before,
        Rewriter.Rewritten after) {
      Differ differ = new Differ(data, before, after);
      Map<String, Predicate.SegmentMembers> earlier = new HashMap<>();
      before.referenced().forEach(m -> earlier.put(m.id(), m));
      for (Predicate.SegmentMembers b : after.referenced()) {
        Predicate.SegmentMembers a = earlier.get(b.id());
        if (a != null) {
          differ.references.put(b.id(), differ.changed(a.plan(), b.plan()));
        }
      }
      return differ.changed(before.plan(), after.plan());
    }

    RoaringBitmap changed(PlanNode before, PlanNode after) {
      RoaringBitmap rows = new RoaringBitmap();
      collect(before, after, rows);
      return rows;
    }

    private void collect(PlanNode before, PlanNode after, RoaringBitmap rows) {
      if (before instanceof PlanNode.And a && after instanceof PlanNode.And b
          && a.must().size() == b.must().size() && a.mustNot().size() == b.mustNot().size()) {
        pairwise(a.must(), b.must(), rows);
        pairwise(a.mustNot(), b.mustNot(), rows);
      } else if (before instanceof PlanNode.Or a && after instanceof PlanNode.Or b
          && a.children().size() == b.children().size()) {
        pairwise(a.children(), b.children(), rows);
      } else if (before instanceof PlanNode.Negation a && after instanceof PlanNode.Negation b) {
        collect(a.child(), b.child(), rows);
      } else if (before instanceof PlanNode.Leaf a && after instanceof PlanNode.Leaf b) {
        leaf(a.predicate(), b.predicate(), rows);
      } else if (before != after) {
        rows.or(difference(before, after));
      }
    }

    private void pairwise(List<PlanNode> before, List<PlanNode> after, RoaringBitmap rows) {
      for (int i = 0; i < before.size(); i++) {
        collect(before.get(i), after.get(i), rows);
      }
    }

    /** The rows whose answer differs between two plans, by evaluating both. */
    private RoaringBitmap difference(PlanNode before, PlanNode after) {
      if (beforePlan != null) {
        beforePlan.prepare(Evaluation.unlimited(), data, null);
        afterPlan.prepare(Evaluation.unlimited(), data, null);
      }
      return RoaringBitmap.xor(BitmapEvaluator.run(Planner.plan(before, data), data),
          BitmapEvaluator.run(Planner.plan(after, data), data));
    }

    private void leaf(Predicate before, Predicate after, RoaringBitmap rows) {
      if (before instanceof Predicate.KeyRanges a && after instanceof Predicate.KeyRanges b
          && a.field().equals(b.field())) {
        OrderedColumn column = (OrderedColumn) data.fields().get(a.field());
        for (long[] r : symmetricDifference(a.lo(), a.hi(), b.lo(), b.hi())) {
          rows.or(column.range(r[0], r[1], null));
        }
      } else if (before instanceof Predicate.SetMinus a && after instanceof Predicate.SetMinus b
          && a.field().equals(b.field())) {
        leaf(a.inner(), b.inner(), rows);
      } else if (before instanceof Predicate.MonthDays a && after instanceof Predicate.MonthDays b
          && a.field().equals(b.field())) {
        Set<MonthDay> days = new HashSet<>(a.days());
        days.addAll(b.days());
        days.removeIf(d -> a.days().contains(d) && b.days().contains(d));
        OrderedColumn column = (OrderedColumn) data.fields().get(a.field());
        for (MonthDay d : days) {
          RoaringBitmap onDay = column.onMonthDay(d);
          if (onDay != null) {
            rows.or(onDay);
          }
        }
      } else if (before instanceof Predicate.EventCount a
          && after instanceof Predicate.EventCount b && sameButWindow(a, b)) {
        EventColumn column = data.events().column(a.type());
        if (column != null) {
          // an event's place in or out of the window changes only between the old and new bounds
          between(column, Math.min(a.from(), b.from()), Math.max(a.from(), b.from()), rows);
          between(column, Math.min(a.to(), b.to()), Math.max(a.to(), b.to()), rows);
        }
      } else if (before instanceof Predicate.RelatedMatch a
          && after instanceof Predicate.RelatedMatch b && a.kind() == b.kind()) {
        IndexData table = data.relations().table(a.kind());
        RoaringBitmap related = new Differ(table, null, null).changed(a.where(), b.where());
        if (!related.isEmpty()) {
          rows.or(data.relations().contactsOf(a.kind(), related));
        }
      } else if (before instanceof Predicate.SegmentMembers a
          && after instanceof Predicate.SegmentMembers b && a.id().equals(b.id())) {
        RoaringBitmap referenced = references.get(a.id());
        if (referenced == null) { // walked first, bottom-up; this guards plans made otherwise
          referenced = difference(a.plan(), b.plan());
          references.put(a.id(), referenced);
        }
        rows.or(referenced);
      } else if (!before.equals(after)) {
        rows.or(difference(new PlanNode.Leaf(before), new PlanNode.Leaf(after)));
      }
    }

    private static boolean sameButWindow(Predicate.EventCount a, Predicate.EventCount b) {
      return a.type().equals(b.type()) && a.filters().equals(b.filters()) && a.min() == b.min()
          && a.max() == b.max();
    }

    /** Adds the rows that may have an event of the column's type in {@code [lo, hi)}. */
    private static void between(EventColumn column, long lo, long hi, RoaringBitmap rows) {
      if (lo >= hi) {
        return;
      }
      if (lo == Long.MIN_VALUE || hi == Long.MAX_VALUE) {
        rows.or(column.any()); // one side unbounded: beyond the buckets' reach
        return;
      }
      rows.or(column.candidates(lo, hi));
    }
  }

  /**
   * The key ranges covered by exactly one of two unions of inclusive ranges {@code [lo[i],
   * hi[i]]}, as inclusive {@code {lo, hi}} pairs.
   */
  static List<long[]> symmetricDifference(long[] lo1, long[] hi1, long[] lo2, long[] hi2) {
    if (Arrays.equals(lo1, lo2) && Arrays.equals(hi1, hi2)) {
      return List.of();
    }
    // sweep over the boundaries: +1 where a range of side s starts, -1 after it ends
    List<long[]> marks = new ArrayList<>(); // {key, side, delta}; key is where the change applies
    addMarks(lo1, hi1, 0, marks);
    addMarks(lo2, hi2, 1, marks);
    marks.sort((x, y) -> Long.compare(x[0], y[0]));
    List<long[]> result = new ArrayList<>();
    int[] depth = new int[2];
    long openedAt = 0;
    boolean open = false;
    int i = 0;
    while (i < marks.size()) {
      long key = marks.get(i)[0];
      while (i < marks.size() && marks.get(i)[0] == key) {
        depth[(int) marks.get(i)[1]] += (int) marks.get(i)[2];
        i++;
      }
      boolean exactlyOne = (depth[0] > 0) != (depth[1] > 0);
      if (exactlyOne && !open) {
        openedAt = key;
        open = true;
      } else if (!exactlyOne && open) {
        result.add(new long[] {openedAt, key - 1});
        open = false;
      }
    }
    if (open) {
      result.add(new long[] {openedAt, Long.MAX_VALUE});
    }
    return result;
  }

  /** Marks for the non-empty ranges of one side; an end at the largest key never closes. */
  private static void addMarks(long[] lo, long[] hi, int side, List<long[]> marks) {
    for (int i = 0; i < lo.length; i++) {
      if (lo[i] <= hi[i]) {
        marks.add(new long[] {lo[i], side, 1});
        if (hi[i] != Long.MAX_VALUE) {
          marks.add(new long[] {hi[i] + 1, side, -1});
        }
      }
    }
  }
}
