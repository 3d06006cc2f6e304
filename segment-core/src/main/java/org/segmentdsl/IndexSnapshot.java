package org.segmentdsl;

import java.util.Objects;
import org.segmentdsl.condition.Condition;
import org.segmentdsl.eval.SegmentEvaluator;
import org.segmentdsl.internal.IndexData;

/**
 * One consistent, immutable state of a {@link ContactIndex}: every batch committed before it was
 * taken and nothing after. Thread-safe: any number of threads may evaluate on one snapshot while
 * writers go on changing the index. Evaluate a segment and its negation on the same snapshot and
 * they partition its contacts exactly.
 *
 * <pre>{@code
 * IndexSnapshot s = index.snapshot();
 * int customers = s.evaluate(tag("status-customer"), ctx).count();
 * int others = s.evaluate(not(tag("status-customer")), ctx).count(); // customers + others == s.size()
 * }</pre>
 */
public final class IndexSnapshot {
  private final IndexData data;

  IndexSnapshot(IndexData data) {
    this.data = data;
  }

  IndexData data() {
    return data;
  }

  /** The number of contacts. */
  public int size() {
    return data.universe().getCardinality();
  }

  /** The number of batches committed before this snapshot. */
  public long version() {
    return data.version();
  }

  /** The schema the index checks contacts and conditions against. */
  public Schema schema() {
    return data.schema();
  }

  /** Whether this snapshot has a contact with that id. */
  public boolean containsContact(String id) {
    return data.rowOf(Objects.requireNonNull(id, "id")) >= 0;
  }

  /**
   * The contacts matching a condition.
   *
   * @throws InvalidSegmentException if the condition does not fit the schema (each problem with
   *     its JSON Pointer) or passes a limit
   */
  public SegmentResult evaluate(Condition condition, EvaluationContext context) {
    return new SegmentResult(SegmentEvaluator.evaluate(data, null, condition, "", context), data);
  }

  /** The members of a segment; problems are reported with pointers under {@code /where}. */
  public SegmentResult evaluate(Segment segment, EvaluationContext context) {
    return new SegmentResult(
        SegmentEvaluator.evaluate(data, segment.id(), segment.condition(), "/where", context), data);
  }

  /** The condition tree with each node's own match count, and the total. */
  public Explanation explain(Condition condition, EvaluationContext context) {
    return SegmentEvaluator.explain(data, null, condition, "", context);
  }

  /** The segment's condition tree with each node's own match count, and the total. */
  public Explanation explain(Segment segment, EvaluationContext context) {
    return SegmentEvaluator.explain(data, segment.id(), segment.condition(), "/where", context);
  }

  /**
   * Checks a condition against the schema without evaluating it; a segment reference in it is an
   * unknown segment (use {@link #validate(Condition, SegmentRegistry)}).
   *
   * @throws InvalidSegmentException listing every problem found (up to 100)
   */
  public void validate(Condition condition) {
    validate(condition, SegmentRegistry.empty());
  }

  /**
   * Checks a condition against the schema, and the segments it references (directly or not)
   * against {@code segments}, without evaluating it.
   *
   * @throws InvalidSegmentException listing every problem found (up to 100), including unknown
   *     segments and reference cycles
   */
  public void validate(Condition condition, SegmentRegistry segments) {
    SegmentEvaluator.validate(data.schema(), segments, null, condition, "");
  }

  /**
   * Checks a segment like {@link #validate(Condition, SegmentRegistry)}; problems are reported
   * with pointers under {@code /where}, and a cycle back to this segment's id is named.
   */
  public void validate(Segment segment, SegmentRegistry segments) {
    SegmentEvaluator.validate(data.schema(), segments, segment.id(), segment.condition(),
        "/where");
  }
}
