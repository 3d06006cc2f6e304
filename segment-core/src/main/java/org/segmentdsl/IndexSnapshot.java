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

  /** {@return the number of contacts} */
  public int size() {
    return data.universe().getCardinality();
  }

  /** {@return the number of batches committed before this snapshot} */
  public long version() {
    return data.version();
  }

  /** {@return the schema the index checks contacts and conditions against} */
  public Schema schema() {
    return data.schema();
  }

  /**
   * {@return whether this snapshot has a contact with that id}
   *
   * @param id the contact's id, not null
   */
  public boolean containsContact(String id) {
    return data.rowOf(Objects.requireNonNull(id, "id")) >= 0;
  }

  /**
   * The contacts matching a condition: {@code evaluate(Segment.of(condition), context)}, so a
   * problem's JSON Pointer is under {@code /where}, as for a segment.
   *
   * @param condition the condition, not null
   * @param context the instant, zone, saved segments and limits of the evaluation, not null
   * @return the matching contacts
   * @throws InvalidSegmentException if the condition does not fit the schema (each problem with
   *     its JSON Pointer) or passes a limit
   * @throws EvaluationCancelledException if a deadline, timeout or cancellation of {@code
   *     context} stops the evaluation
   */
  public SegmentResult evaluate(Condition condition, EvaluationContext context) {
    checkArguments(condition, context);
    return new SegmentResult(SegmentEvaluator.evaluate(data, null, condition, "/where", context), data);
  }

  /**
   * The members of a segment; problems are reported with pointers under {@code /where}.
   *
   * @param segment the segment, not null
   * @param context the instant, zone, saved segments and limits of the evaluation, not null
   * @return the members
   * @throws InvalidSegmentException if the segment's condition does not fit the schema or passes
   *     a limit
   * @throws EvaluationCancelledException if a deadline, timeout or cancellation of {@code
   *     context} stops the evaluation
   */
  public SegmentResult evaluate(Segment segment, EvaluationContext context) {
    checkArguments(segment, context);
    return new SegmentResult(
        SegmentEvaluator.evaluate(data, segment.id(), segment.condition(), "/where", context), data);
  }

  /**
   * The condition tree with each node's own match count, and the total.
   *
   * @param condition the condition, not null
   * @param context the instant, zone, saved segments and limits of the evaluation, not null
   * @return the explanation
   * @throws InvalidSegmentException if the condition does not fit the schema or passes a limit
   * @throws EvaluationCancelledException if a deadline, timeout or cancellation of {@code
   *     context} stops the evaluation
   */
  public Explanation explain(Condition condition, EvaluationContext context) {
    checkArguments(condition, context);
    return SegmentEvaluator.explain(data, null, condition, "/where", context);
  }

  /**
   * The segment's condition tree with each node's own match count, and the total; problems are
   * reported with pointers under {@code /where}.
   *
   * @param segment the segment, not null
   * @param context the instant, zone, saved segments and limits of the evaluation, not null
   * @return the explanation
   * @throws InvalidSegmentException if the segment's condition does not fit the schema or passes
   *     a limit
   * @throws EvaluationCancelledException if a deadline, timeout or cancellation of {@code
   *     context} stops the evaluation
   */
  public Explanation explain(Segment segment, EvaluationContext context) {
    checkArguments(segment, context);
    return SegmentEvaluator.explain(data, segment.id(), segment.condition(), "/where", context);
  }

  /**
   * Checks a condition against the schema without evaluating it; a segment reference in it is an
   * unknown segment (use {@link #validate(Condition, SegmentRegistry)}).
   *
   * @param condition the condition, not null
   * @throws InvalidSegmentException listing every problem found (up to 100)
   */
  public void validate(Condition condition) {
    validate(condition, SegmentRegistry.empty());
  }

  /**
   * Checks a condition against the schema, and the segments it references (directly or not)
   * against {@code segments}, without evaluating it.
   *
   * @param condition the condition, not null
   * @param segments the saved segments that references resolve against, not null
   * @throws InvalidSegmentException listing every problem found (up to 100), including unknown
   *     segments and reference cycles
   */
  public void validate(Condition condition, SegmentRegistry segments) {
    Objects.requireNonNull(condition, "condition");
    Objects.requireNonNull(segments, "segments");
    SegmentEvaluator.validate(data.schema(), segments, null, condition, "/where");
  }

  /**
   * Checks a segment like {@link #validate(Condition, SegmentRegistry)}; problems are reported
   * with pointers under {@code /where}, and a cycle back to this segment's id is named.
   *
   * @param segment the segment, not null
   * @param segments the saved segments that references resolve against, not null
   * @throws InvalidSegmentException listing every problem found (up to 100)
   */
  public void validate(Segment segment, SegmentRegistry segments) {
    Objects.requireNonNull(segment, "segment");
    Objects.requireNonNull(segments, "segments");
    SegmentEvaluator.validate(data.schema(), segments, segment.id(), segment.condition(),
        "/where");
  }

  /**
   * {@return the size and version of this state, such as {@code
   * IndexSnapshot[contacts=200000, version=42]}} The version is {@link #version()}, which grows
   * with every state the index publishes.
   */
  @Override
  public String toString() {
    return "IndexSnapshot[contacts=" + size() + ", version=" + version() + "]";
  }

  /** Fails naming a null argument before any work. */
  private static void checkArguments(Condition condition, EvaluationContext context) {
    Objects.requireNonNull(condition, "condition");
    Objects.requireNonNull(context, "context");
  }

  /** Fails naming a null argument before any work. */
  private static void checkArguments(Segment segment, EvaluationContext context) {
    Objects.requireNonNull(segment, "segment");
    Objects.requireNonNull(context, "context");
  }
}
