package org.segmentdsl.dsl;

import com.google.errorprone.annotations.CheckReturnValue;
import java.time.LocalDate;
import java.time.Period;
import org.segmentdsl.condition.FieldCondition;
import org.segmentdsl.condition.FieldOperator;
import org.segmentdsl.condition.Literal;
import org.segmentdsl.condition.Operand;
import org.segmentdsl.condition.TimeSpan;

/**
 * Conditions on a date field (a calendar date without time). Relative tests count calendar days
 * from {@code today}, the date of the context's {@code now} in its zone.
 *
 * <pre>{@code
 * dateField("signup_date").inLast(Period.ofDays(30)) // today - 30 < v <= today
 * dateField("renewal_date").inNext(Period.ofDays(30)) // today <= v < today + 30
 * dateField("birthday").anniversary()
 * }</pre>
 */
@CheckReturnValue
public final class DateField extends FieldBuilder {
  DateField(String name) {
    super(name);
  }

  private FieldCondition single(FieldOperator op, LocalDate value) {
    return condition(op, new Operand.Single(Literal.of(value)));
  }

  private FieldCondition span(FieldOperator op, Period period) {
    return condition(op, new Operand.Span(TimeSpan.of(period)));
  }

  /**
   * On that date.
   *
   * @param value the date, not null
   * @return the field condition
   */
  public FieldCondition eq(LocalDate value) {
    return single(FieldOperator.EQ, value);
  }

  /**
   * Set and not on that date.
   *
   * @param value the date, not null
   * @return the field condition
   */
  public FieldCondition neq(LocalDate value) {
    return single(FieldOperator.NEQ, value);
  }

  /**
   * After the date.
   *
   * @param value the date, not null
   * @return the field condition
   * @throws IllegalArgumentException if the date is outside {@link org.segmentdsl.InstantRange}
   */
  public FieldCondition gt(LocalDate value) {
    return single(FieldOperator.GT, value);
  }

  /**
   * On or after the date.
   *
   * @param value the date, not null
   * @return the field condition
   * @throws IllegalArgumentException if the date is outside {@link org.segmentdsl.InstantRange}
   */
  public FieldCondition gte(LocalDate value) {
    return single(FieldOperator.GTE, value);
  }

  /**
   * Before the date.
   *
   * @param value the date, not null
   * @return the field condition
   * @throws IllegalArgumentException if the date is outside {@link org.segmentdsl.InstantRange}
   */
  public FieldCondition lt(LocalDate value) {
    return single(FieldOperator.LT, value);
  }

  /**
   * On or before the date.
   *
   * @param value the date, not null
   * @return the field condition
   * @throws IllegalArgumentException if the date is outside {@link org.segmentdsl.InstantRange}
   */
  public FieldCondition lte(LocalDate value) {
    return single(FieldOperator.LTE, value);
  }

  /**
   * {@code lo <= v <= hi}, both days included.
   *
   * @param lo the first date, not null
   * @param hi the last date, not null, not before {@code lo}
   * @return the field condition
   * @throws IllegalArgumentException if {@code lo} is after {@code hi}, or a date is outside
   *     {@link org.segmentdsl.InstantRange}
   */
  public FieldCondition between(LocalDate lo, LocalDate hi) {
    return condition(FieldOperator.BETWEEN, new Operand.Range(Literal.of(lo), Literal.of(hi)));
  }

  /**
   * {@code today - N < v <= today}, N the period's days (weeks and days only).
   *
   * @param period a period of days or weeks only, 1 to 36,500 days, not null
   * @return the field condition
   * @throws IllegalArgumentException if the period has months or years, or is not 1 to 36,500
   *     days
   */
  public FieldCondition inLast(Period period) {
    return span(FieldOperator.IN_LAST, period);
  }

  /**
   * {@code v <= today - N}, N the period's days.
   *
   * @param period a period of days or weeks only, 1 to 36,500 days, not null
   * @return the field condition
   * @throws IllegalArgumentException if the period has months or years, or is not 1 to 36,500
   *     days
   */
  public FieldCondition olderThan(Period period) {
    return span(FieldOperator.OLDER_THAN, period);
  }

  /**
   * {@code today <= v < today + N}, N the period's days.
   *
   * @param period a period of days or weeks only, 1 to 36,500 days, not null
   * @return the field condition
   * @throws IllegalArgumentException if the period has months or years, or is not 1 to 36,500
   *     days
   */
  public FieldCondition inNext(Period period) {
    return span(FieldOperator.IN_NEXT, period);
  }

  /**
   * Month and day equal today's, any year; on 28 February of a non-leap year 29 February matches
   * too.
   *
   * @return the field condition
   */
  public FieldCondition anniversary() {
    return condition(FieldOperator.ANNIVERSARY, Operand.None.INSTANCE);
  }
}
