package org.segmentdsl.eval;

import org.roaringbitmap.RoaringBitmap;
import org.segmentdsl.EvaluationContext;
import org.segmentdsl.Explanation;
import org.segmentdsl.InvalidSegmentException;
import org.segmentdsl.Schema;
import org.segmentdsl.SegmentRegistry;
import org.segmentdsl.condition.Condition;
import org.segmentdsl.internal.table.IndexData;

/**
 * Check, rewrite, plan, run: the path from a condition tree to its members in one snapshot. Used
 * by {@link org.segmentdsl.IndexSnapshot}; not meant to be called directly.
 */
public final class SegmentEvaluator {
  private SegmentEvaluator() {}

  /**
   * Checks a condition against a schema, and the segments it references against a registry.
   *
   * @param rootId the id of the segment the condition belongs to, or {@code null}
   * @param pointer where the condition sits in its document ({@code ""} or {@code "/where"})
   * @throws InvalidSegmentException listing every problem
   */
  public static void validate(Schema schema, SegmentRegistry segments, String rootId,
      Condition condition, String pointer) {
    ConditionChecker.check(schema, segments, rootId, condition, pointer);
  }

  /**
   * The rows matching {@code condition} in {@code data}, as a new bitmap.
   *
   * @throws org.segmentdsl.EvaluationCancelledException if a limit of {@code context} passes
   */
  public static RoaringBitmap evaluate(IndexData data, String rootId, Condition condition,
      String pointer, EvaluationContext context) {
    return evaluate(data, rootId, condition, pointer, context, Evaluation.start(context));
  }

  private static RoaringBitmap evaluate(IndexData data, String rootId, Condition condition,
      String pointer, EvaluationContext context, Evaluation ev) {
    ConditionChecker.check(data.schema(), context.segments(), rootId, condition, pointer);
    return Rewriter.rewrite(data.schema(), condition, context, pointer).evaluate(ev, data);
  }

  /**
   * The explained tree of {@code condition} in {@code data}.
   *
   * @throws org.segmentdsl.EvaluationCancelledException if a limit of {@code context} passes
   */
  public static Explanation explain(IndexData data, String rootId, Condition condition,
      String pointer, EvaluationContext context) {
    Evaluation ev = Evaluation.start(context); // one budget and one memo for both passes
    RoaringBitmap total = evaluate(data, rootId, condition, pointer, context, ev);
    return new Explanation(Explainer.explain(data, condition, context, pointer, ev),
        total.getLongCardinality());
  }
}
