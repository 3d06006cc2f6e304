package org.segmentdsl.condition;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Matches contacts that match at least one child; {@code any()} with no children matches no one.
 *
 * <pre>{@code
 * any(tag("a"), tag("b")) // same as new Any(List.of(new TagCondition("a"), new TagCondition("b")))
 * }</pre>
 *
 * @param conditions the children, in order (copied)
 * @param label shown by explain output, or {@code null}
 */
public record Any(List<Condition> conditions, @Nullable String label) implements Condition {
  /**
   * Copies the children and checks the label.
   *
   * @param conditions the children, in order; neither the list nor a child null
   * @param label shown by explain output, or {@code null}; at most 200 characters
   * @throws IllegalArgumentException if the label is too long
   */
  public Any {
    conditions = Labels.children("any", conditions);
    Labels.checkLabel(label);
  }

  /**
   * An unlabelled node.
   *
   * @param conditions the children, in order (copied); neither the list nor a child null
   */
  public Any(List<Condition> conditions) {
    this(conditions, null);
  }

  @Override
  public Any withLabel(@Nullable String label) {
    return new Any(conditions, label);
  }

  @Override
  public <R> R accept(ConditionVisitor<R> visitor) {
    return visitor.visitAny(this);
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
   * any(tag("a"), tag("b"))}}
   */
  @Override
  public String toString() {
    return DslText.of(this);
  }
}
