package org.segmentdsl.condition;

import org.jspecify.annotations.Nullable;

/**
 * Matches contacts that own at least one deal satisfying {@code where}. The whole of {@code where}
 * must hold on the same deal, and a {@link Not} inside it is taken over all deals: {@code
 * deal(not(X))} is "has a deal that is not X", while "has no deal that is X" is {@code
 * not(deal(X))}. Contacts without deals never match.
 *
 * <pre>{@code
 * deal(all(field("stage").eq("Qualified"), field("pipeline").eq("Sales"),
 *     numberField("value").gte(1000)))
 * }</pre>
 *
 * @param where a condition over the schema's deal fields, built only from {@link All}, {@link
 *     Any}, {@link Not} and {@link FieldCondition}
 * @param label shown by explain output, or {@code null}
 */
public record DealCondition(Condition where, @Nullable String label) implements Condition {
  /**
   * Checks the values.
   *
   * @param where a condition over the schema's deal fields, not null
   * @param label shown by explain output, or {@code null}; at most 200 characters
   * @throws IllegalArgumentException if {@code where} holds a condition other than {@link All},
   *     {@link Any}, {@link Not} and {@link FieldCondition}, or the label is too long
   */
  public DealCondition {
    RelatedEntities.checkBuildingBlocks("deal", where);
    Labels.checkLabel(label);
  }

  /**
   * An unlabelled condition.
   *
   * @param where a condition over the schema's deal fields, not null
   * @throws IllegalArgumentException if {@code where} holds a condition other than {@link All},
   *     {@link Any}, {@link Not} and {@link FieldCondition}
   */
  public DealCondition(Condition where) {
    this(where, null);
  }

  @Override
  public DealCondition withLabel(@Nullable String label) {
    return new DealCondition(where, label);
  }

  @Override
  public <R> R accept(ConditionVisitor<R> visitor) {
    return visitor.visitDeal(this);
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
   * deal(all(field("stage").eq("Won"), numberField("value").gte(1000)))}}
   */
  @Override
  public String toString() {
    return DslText.of(this);
  }
}
