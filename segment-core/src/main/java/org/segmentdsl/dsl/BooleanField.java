package org.segmentdsl.dsl;

import com.google.errorprone.annotations.CheckReturnValue;
import org.segmentdsl.condition.FieldCondition;
import org.segmentdsl.condition.FieldOperator;
import org.segmentdsl.condition.Literal;
import org.segmentdsl.condition.Operand;

/**
 * Conditions on a boolean field.
 *
 * <pre>{@code
 * booleanField("vip").isTrue()
 * }</pre>
 */
@CheckReturnValue
public final class BooleanField extends FieldBuilder {
  BooleanField(String name) {
    super(name);
  }

  /**
   * Set to the value.
   *
   * @param value the value
   * @return the field condition
   */
  public FieldCondition eq(boolean value) {
    return condition(FieldOperator.EQ, new Operand.Single(Literal.of(value)));
  }

  /**
   * Set and not equal (so: set to the other value).
   *
   * @param value the value
   * @return the field condition
   */
  public FieldCondition neq(boolean value) {
    return condition(FieldOperator.NEQ, new Operand.Single(Literal.of(value)));
  }

  /** {@return a condition: set to {@code true}, as {@code eq(true)}} */
  public FieldCondition isTrue() {
    return eq(true);
  }

  /** {@return a condition: set to {@code false}, as {@code eq(false)}} */
  public FieldCondition isFalse() {
    return eq(false);
  }
}
