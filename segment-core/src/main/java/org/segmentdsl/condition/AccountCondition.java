package org.segmentdsl.condition;

import org.jspecify.annotations.Nullable;

/**
 * Matches contacts whose account satisfies {@code where}. A {@link Not} inside it is taken over
 * all accounts: {@code account(not(X))} is "at an account that is not X". Contacts without an
 * account never match.
 *
 * <pre>{@code
 * account(all(field("industry").eq("SaaS"), numberField("employees").gt(200)))
 * }</pre>
 *
 * @param where a condition over the schema's account fields, built only from {@link All}, {@link
 *     Any}, {@link Not} and {@link FieldCondition}
 * @param label shown by explain output, or {@code null}
 */
public record AccountCondition(Condition where, @Nullable String label) implements Condition {
  /**
   * Checks the values.
   *
   * @param where a condition over the schema's account fields, not null
   * @param label shown by explain output, or {@code null}; at most 200 characters
   * @throws IllegalArgumentException if {@code where} holds a condition other than {@link All},
   *     {@link Any}, {@link Not} and {@link FieldCondition}, or the label is too long
   */
  public AccountCondition {
    RelatedEntities.checkBuildingBlocks("account", where);
    Labels.checkLabel(label);
  }

  /**
   * An unlabelled condition.
   *
   * @param where a condition over the schema's account fields, not null
   * @throws IllegalArgumentException if {@code where} holds a condition other than {@link All},
   *     {@link Any}, {@link Not} and {@link FieldCondition}
   */
  public AccountCondition(Condition where) {
    this(where, null);
  }

  @Override
  public AccountCondition withLabel(@Nullable String label) {
    return new AccountCondition(where, label);
  }

  @Override
  public <R> R accept(ConditionVisitor<R> visitor) {
    return visitor.visitAccount(this);
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
   * account(field("industry").eq("SaaS"))}}
   */
  @Override
  public String toString() {
    return DslText.of(this);
  }
}
