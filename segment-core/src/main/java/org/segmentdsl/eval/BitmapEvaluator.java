package org.segmentdsl.eval;

import org.roaringbitmap.RoaringBitmap;
import org.segmentdsl.internal.table.IndexData;

/**
 * Runs a plan over one snapshot. Every step returns a new bitmap of the rows that match, within
 * the context it was given (null: the whole universe); a conjunction passes its running result
 * down as the next child's context.
 */
final class BitmapEvaluator {
  private final IndexData data;
  private final Evaluation ev;

  private BitmapEvaluator(IndexData data, Evaluation ev) {
    this.data = data;
    this.ev = ev;
  }

  static RoaringBitmap run(PlanNode plan, IndexData data) {
    return run(plan, data, Evaluation.unlimited());
  }

  /** The rows matching {@code plan}, within {@code ev}'s limits and sharing its matches. */
  static RoaringBitmap run(PlanNode plan, IndexData data, Evaluation ev) {
    return new BitmapEvaluator(data, ev).eval(plan, null);
  }

  /**
   * The rows of {@code context} (a subset of the universe) that match: every condition's answer
   * for a row depends on that row alone, so this is {@code run(plan, data) ∩ context}, with
   * {@code not} taken within {@code context}.
   */
  static RoaringBitmap run(PlanNode plan, IndexData data, RoaringBitmap context) {
    return run(plan, data, context, Evaluation.unlimited());
  }

  static RoaringBitmap run(PlanNode plan, IndexData data, RoaringBitmap context, Evaluation ev) {
    return new BitmapEvaluator(data, ev).eval(plan, context);
  }

  private RoaringBitmap everyone(RoaringBitmap context) {
    return (context == null ? data.universe() : context).clone();
  }

  private RoaringBitmap eval(PlanNode node, RoaringBitmap context) {
    ev.budget().tick();
    if (node instanceof PlanNode.Leaf leaf) {
      return leaf.predicate().evaluate(ev, data, context);
    }
    if (node instanceof PlanNode.And and) {
      RoaringBitmap running = context;
      for (PlanNode child : and.must()) {
        running = eval(child, running);
        if (running.isEmpty()) {
          return running;
        }
      }
      if (and.must().isEmpty()) {
        running = everyone(context);
      }
      for (PlanNode child : and.mustNot()) {
        running.andNot(eval(child, running));
        if (running.isEmpty()) {
          return running;
        }
      }
      return running;
    }
    if (node instanceof PlanNode.Or or) {
      RoaringBitmap result = new RoaringBitmap();
      for (PlanNode child : or.children()) {
        result.or(eval(child, context));
      }
      return result;
    }
    if (node instanceof PlanNode.Negation neg) {
      RoaringBitmap result = everyone(context);
      result.andNot(eval(neg.child(), context));
      return result;
    }
    return node == PlanNode.Constant.EVERYONE ? everyone(context) : new RoaringBitmap();
  }
}
