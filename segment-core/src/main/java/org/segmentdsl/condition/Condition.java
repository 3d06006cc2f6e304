package org.segmentdsl.condition;

import org.jspecify.annotations.Nullable;

/**
 * One node of a segment's condition tree: an immutable value with structural equality.
 *
 * <p>The tree is what both the fluent DSL ({@link org.segmentdsl.dsl.Conditions}) and the saved
 * segment JSON produce; two equal trees select the same contacts in every snapshot and context.
 * Every node may carry a {@linkplain #label() label} that explain output shows; labels take part
 * in {@code equals} (so that JSON round trips are exact) but never in evaluation. {@code equals},
 * {@code hashCode} and {@code toString} do not recurse on the thread's stack: a tree of any depth
 * can be compared, hashed and printed, while evaluating, registering or writing it checks the
 * format's limits (nesting depth 32, 10,000 conditions) first.
 *
 * <p>{@code toString} is the Java expression of the fluent DSL that builds an equal condition, on
 * one line: it compiles, with {@code import static org.segmentdsl.dsl.Conditions.*}, {@code
 * java.time.*} and {@code org.segmentdsl.condition.*}, to a condition {@code equals} to this one.
 * A part the DSL cannot build (a week span such as {@code P1W}, an instant with an offset other
 * than {@code Z}, a range mixing a date and an instant) is printed as its record constructor.
 *
 * <pre>{@code
 * Condition leads = all(tag("interest-crm"), not(tag("status-customer")));
 * }</pre>
 */
public sealed interface Condition
    permits All, Any, Not, TagCondition, ListCondition, FieldCondition, EventCondition,
        SegmentReference, DealCondition, AccountCondition {

  /** {@return the label shown by explain output, or {@code null}} */
  @Nullable String label();

  /**
   * Returns this condition with the given label ({@code null} removes it).
   *
   * @param label the label, at most 200 characters, or {@code null}
   * @return an equal condition but for the label
   * @throws IllegalArgumentException if the label is longer than 200 characters
   */
  Condition withLabel(@Nullable String label);

  /**
   * Dispatches to the visitor method for this node's kind.
   *
   * @param <R> what the visitor returns
   * @param visitor the visitor, not null
   * @return what the visitor method returned
   */
  <R> R accept(ConditionVisitor<R> visitor);
}
