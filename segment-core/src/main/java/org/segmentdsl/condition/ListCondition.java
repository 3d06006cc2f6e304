package org.segmentdsl.condition;

import org.jspecify.annotations.Nullable;
import org.segmentdsl.ListStatus;

/**
 * Matches contacts by their status on one list.
 *
 * <pre>{@code
 * new ListCondition("newsletter", ListStatus.SUBSCRIBED, null); // subscribed
 * new ListCondition("newsletter", null, null);                  // any status on the list
 * }</pre>
 *
 * @param list the list name (case-sensitive)
 * @param status the status to match, or {@code null} for any status on that list
 * @param label shown by explain output, or {@code null}
 */
public record ListCondition(String list, @Nullable ListStatus status, @Nullable String label)
    implements Condition {
  /**
   * Checks the values.
   *
   * @param list the list name, non-empty, at most 1,024 characters
   * @param status the status to match, or {@code null} for any status on that list
   * @param label shown by explain output, or {@code null}; at most 200 characters
   * @throws NullPointerException if {@code list} is null
   * @throws IllegalArgumentException if {@code list} is empty or too long, or the label is too
   *     long
   */
  public ListCondition {
    Labels.checkName("list", list);
    Labels.checkLabel(label);
  }

  /** {@return whether any status on the list matches} */
  public boolean anyStatus() {
    return status == null;
  }

  @Override
  public ListCondition withLabel(@Nullable String label) {
    return new ListCondition(list, status, label);
  }

  @Override
  public <R> R accept(ConditionVisitor<R> visitor) {
    return visitor.visitList(this);
  }

  /**
   * {@return the fluent DSL expression that builds this condition, on one line: {@code
   * list("newsletter").subscribed()}}
   */
  @Override
  public String toString() {
    return DslText.of(this);
  }
}
