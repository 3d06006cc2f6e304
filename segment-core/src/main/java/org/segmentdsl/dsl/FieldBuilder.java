package org.segmentdsl.dsl;

import com.google.errorprone.annotations.CheckReturnValue;
import org.segmentdsl.condition.FieldCondition;
import org.segmentdsl.condition.FieldOperator;
import org.segmentdsl.condition.Operand;

/** What every typed field builder has: the field's name and the set / not-set tests. */
@CheckReturnValue
abstract class FieldBuilder {
  final String name;

  FieldBuilder(String name) {
    if (name == null || name.isEmpty()) {
      throw new IllegalArgumentException("field name must be a non-empty string");
    }
    this.name = name;
  }

  FieldCondition condition(FieldOperator op, Operand operand) {
    return new FieldCondition(name, op, operand);
  }

  /** {@return a condition: the field has a value} */
  public FieldCondition isSet() {
    return condition(FieldOperator.IS_SET, Operand.None.INSTANCE);
  }

  /**
   * {@return a condition: the field has no value (the only test that matches contacts without
   * one)}
   */
  public FieldCondition isNotSet() {
    return condition(FieldOperator.IS_NOT_SET, Operand.None.INSTANCE);
  }
}
