package org.segmentdsl.condition;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Matches every contact of the universe (the snapshot's contacts) that does not match the child.
 *
 * <pre>{@code
 * not(tag("status-customer")) // same as new Not(new TagCondition("status-customer"))
 * }</pre>
 *
 * @param condition the negated child
 * @param label shown by explain output, or {@code null}
 */
public record Not(Condition condition, @Nullable String label) implements Condition {
  /**
   * Checks the values.
   *
   * @param condition the negated child, not null
   * @param label shown by explain output, or {@code null}; at most 200 characters
   * @throws IllegalArgumentException if the label is too long
   */
  public Not {
    Objects.requireNonNull(condition, "condition");
    Labels.checkLabel(label);
  }

  /**
   * An unlabelled negation.
   *
   * @param condition the negated child, not null
   */
  public Not(Condition condition) {
    this(condition, null);
  }

  @Override
  public Not withLabel(@Nullable String label) {
    return new Not(condition, label);
  }

  @Override
  public <R> R accept(ConditionVisitor<R> visitor) {
    return visitor.visitNot(this);
  }

  @Override
  public boolean equals(Object o) {
    return Trees.equal(this, o);
  }

  @Override
  public int hashCode() {
    return Trees.hash(this);
  }

  /**
   * {@return the fluent DSL expression that builds this condition, on one line: {@code
   * not(tag("status-customer"))}}
   */
  @Override
  public String toString() {
    return DslText.of(this);
  }
}
