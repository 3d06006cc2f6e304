package org.segmentdsl.dsl;

import com.google.errorprone.annotations.CheckReturnValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.segmentdsl.condition.FieldCondition;
import org.segmentdsl.condition.FieldOperator;
import org.segmentdsl.condition.Literal;
import org.segmentdsl.condition.Operand;

/**
 * Conditions on a number field, compared as doubles ({@code -0.0} equals {@code 0}).
 *
 * <pre>{@code
 * numberField("company_size").gte(50)
 * numberField("score").between(10, 20) // both inclusive
 * }</pre>
 */
@CheckReturnValue
public final class NumberField extends FieldBuilder {
  NumberField(String name) {
    super(name);
  }

  private FieldCondition single(FieldOperator op, double value) {
    return condition(op, new Operand.Single(Literal.of(value)));
  }

  private FieldCondition many(FieldOperator op, double... values) {
    List<Literal> literals = new ArrayList<>(Objects.requireNonNull(values, "values").length);
    for (double v : values) {
      literals.add(Literal.of(v));
    }
    return condition(op, new Operand.Values(literals));
  }

  /**
   * Equal to the value.
   *
   * @param value the value, finite
   * @return the field condition
   * @throws IllegalArgumentException if {@code value} is NaN or infinite
   */
  public FieldCondition eq(double value) {
    return single(FieldOperator.EQ, value);
  }

  /**
   * Set and not equal.
   *
   * @param value the value, finite
   * @return the field condition
   * @throws IllegalArgumentException if {@code value} is NaN or infinite
   */
  public FieldCondition neq(double value) {
    return single(FieldOperator.NEQ, value);
  }

  /**
   * Equal to one of the values.
   *
   * @param values 1 to 10,000 finite values
   * @return the field condition
   * @throws IllegalArgumentException if a value is NaN or infinite, or there are no values or
   *     more than 10,000
   */
  public FieldCondition in(double... values) {
    return many(FieldOperator.IN, values);
  }

  /**
   * Set and equal to none of the values.
   *
   * @param values 1 to 10,000 finite values
   * @return the field condition
   * @throws IllegalArgumentException if a value is NaN or infinite, or there are no values or
   *     more than 10,000
   */
  public FieldCondition notIn(double... values) {
    return many(FieldOperator.NOT_IN, values);
  }

  /**
   * Greater than the value.
   *
   * @param value the value, finite
   * @return the field condition
   * @throws IllegalArgumentException if {@code value} is NaN or infinite
   */
  public FieldCondition gt(double value) {
    return single(FieldOperator.GT, value);
  }

  /**
   * Greater than or equal to the value.
   *
   * @param value the value, finite
   * @return the field condition
   * @throws IllegalArgumentException if {@code value} is NaN or infinite
   */
  public FieldCondition gte(double value) {
    return single(FieldOperator.GTE, value);
  }

  /**
   * Less than the value.
   *
   * @param value the value, finite
   * @return the field condition
   * @throws IllegalArgumentException if {@code value} is NaN or infinite
   */
  public FieldCondition lt(double value) {
    return single(FieldOperator.LT, value);
  }

  /**
   * Less than or equal to the value.
   *
   * @param value the value, finite
   * @return the field condition
   * @throws IllegalArgumentException if {@code value} is NaN or infinite
   */
  public FieldCondition lte(double value) {
    return single(FieldOperator.LTE, value);
  }

  /**
   * {@code lo <= v <= hi}, both ends included.
   *
   * @param lo the lower bound, finite
   * @param hi the upper bound, finite, not below {@code lo}
   * @return the field condition
   * @throws IllegalArgumentException if a bound is NaN or infinite, or {@code lo > hi}
   */
  public FieldCondition between(double lo, double hi) {
    return condition(FieldOperator.BETWEEN, new Operand.Range(Literal.of(lo), Literal.of(hi)));
  }
}
