package org.segmentdsl.condition;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Matches contacts that match every child; {@code all()} with no children matches everyone.
 *
 * <pre>{@code
 * all(tag("a"), tag("b")) // same as new All(List.of(new TagCondition("a"), new TagCondition("b")))
 * }</pre>
 *
 * @param conditions the children, in order (copied)
 * @param label shown by explain output, or {@code null}
 */
public record All(List<Condition> conditions, @Nullable String label) implements Condition {
  /**
   * Copies the children and checks the label.
   *
   * @param conditions the children, in order; neither the list nor a child null
   * @param label shown by explain output, or {@code null}; at most 200 characters
   * @throws IllegalArgumentException if the label is too long
   */
  public All {
    conditions = Labels.children("all", conditions);
    Labels.checkLabel(label);
  }

  /**
   * An unlabelled node.
   *
   * @param conditions the children, in order (copied); neither the list nor a child null
   */
  public All(List<Condition> conditions) {
    this(conditions, null);
  }

  @Override
  public All withLabel(@Nullable String label) {
    return new All(conditions, label);
  }

  @Override
  public <R> R accept(ConditionVisitor<R> visitor) {
    return visitor.visitAll(this);
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
   * all(tag("a"), tag("b"))}}
   */
  @Override
  public String toString() {
    return DslText.of(this);
  }
}
