package org.segmentdsl.dsl;

import com.google.errorprone.annotations.CheckReturnValue;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.segmentdsl.condition.FieldCondition;
import org.segmentdsl.condition.FieldOperator;
import org.segmentdsl.condition.Literal;
import org.segmentdsl.condition.Operand;
import org.segmentdsl.condition.TimeSpan;

/**
 * Conditions on a datetime field (an instant). Relative tests count exact time from the context's
 * {@code now} (a day is 24 hours); a {@link LocalDate} bound means midnight of that date in the
 * context's zone.
 *
 * <pre>{@code
 * datetimeField("last_login").inLast(Duration.ofDays(90)) // now - 90d < v <= now
 * datetimeField("last_login").olderThan(Duration.ofDays(90))
 * datetimeField("trial_ends").lt(LocalDate.of(2026, 12, 1))
 * }</pre>
 */
@CheckReturnValue
public final class DatetimeField extends FieldBuilder {
  DatetimeField(String name) {
    super(name);
  }

  private FieldCondition single(FieldOperator op, Literal value) {
    return condition(op, new Operand.Single(value));
  }

  private FieldCondition span(FieldOperator op, Duration duration) {
    return condition(op, new Operand.Span(TimeSpan.of(duration)));
  }

  /**
   * At that instant, to the microsecond (an instant with finer, non-zero digits equals no stored
   * value).
   *
   * @param value the instant, not null
   * @return the field condition
   */
  public FieldCondition eq(Instant value) {
    return single(FieldOperator.EQ, Literal.of(value));
  }

  /**
   * Set and not at that instant.
   *
   * @param value the instant, not null
   * @return the field condition
   */
  public FieldCondition neq(Instant value) {
    return single(FieldOperator.NEQ, Literal.of(value));
  }

  /**
   * After the instant.
   *
   * @param value the instant, not null
   * @return the field condition
   * @throws IllegalArgumentException if the instant is outside {@link
   *     org.segmentdsl.InstantRange}
   */
  public FieldCondition gt(Instant value) {
    return single(FieldOperator.GT, Literal.of(value));
  }

  /**
   * After midnight that date in the context's zone.
   *
   * @param value the date, not null
   * @return the field condition
   * @throws IllegalArgumentException if the date is outside {@link org.segmentdsl.InstantRange}
   */
  public FieldCondition gt(LocalDate value) {
    return single(FieldOperator.GT, Literal.of(value));
  }

  /**
   * At or after the instant.
   *
   * @param value the instant, not null
   * @return the field condition
   * @throws IllegalArgumentException if the instant is outside {@link
   *     org.segmentdsl.InstantRange}
   */
  public FieldCondition gte(Instant value) {
    return single(FieldOperator.GTE, Literal.of(value));
  }

  /**
   * At or after midnight that date in the context's zone.
   *
   * @param value the date, not null
   * @return the field condition
   * @throws IllegalArgumentException if the date is outside {@link org.segmentdsl.InstantRange}
   */
  public FieldCondition gte(LocalDate value) {
    return single(FieldOperator.GTE, Literal.of(value));
  }

  /**
   * Before the instant.
   *
   * @param value the instant, not null
   * @return the field condition
   * @throws IllegalArgumentException if the instant is outside {@link
   *     org.segmentdsl.InstantRange}
   */
  public FieldCondition lt(Instant value) {
    return single(FieldOperator.LT, Literal.of(value));
  }

  /**
   * Before midnight that date in the context's zone.
   *
   * @param value the date, not null
   * @return the field condition
   * @throws IllegalArgumentException if the date is outside {@link org.segmentdsl.InstantRange}
   */
  public FieldCondition lt(LocalDate value) {
    return single(FieldOperator.LT, Literal.of(value));
  }

  /**
   * At or before the instant.
   *
   * @param value the instant, not null
   * @return the field condition
   * @throws IllegalArgumentException if the instant is outside {@link
   *     org.segmentdsl.InstantRange}
   */
  public FieldCondition lte(Instant value) {
    return single(FieldOperator.LTE, Literal.of(value));
  }

  /**
   * At or before midnight that date in the context's zone.
   *
   * @param value the date, not null
   * @return the field condition
   * @throws IllegalArgumentException if the date is outside {@link org.segmentdsl.InstantRange}
   */
  public FieldCondition lte(LocalDate value) {
    return single(FieldOperator.LTE, Literal.of(value));
  }

  /**
   * {@code lo <= v <= hi}, both ends included.
   *
   * @param lo the lower bound, not null
   * @param hi the upper bound, not null, not before {@code lo}
   * @return the field condition
   * @throws IllegalArgumentException if {@code lo} is after {@code hi}, or an instant is outside
   *     {@link org.segmentdsl.InstantRange}
   */
  public FieldCondition between(Instant lo, Instant hi) {
    return condition(FieldOperator.BETWEEN, new Operand.Range(Literal.of(lo), Literal.of(hi)));
  }

  /**
   * {@code lo <= v <= hi}, the dates read as their midnights in the context's zone: {@code hi}'s
   * day itself, after midnight, is not included.
   *
   * @param lo the lower bound, not null
   * @param hi the upper bound, not null, not before {@code lo}
   * @return the field condition
   * @throws IllegalArgumentException if {@code lo} is after {@code hi}, or a date is outside
   *     {@link org.segmentdsl.InstantRange}
   */
  public FieldCondition between(LocalDate lo, LocalDate hi) {
    return condition(FieldOperator.BETWEEN, new Operand.Range(Literal.of(lo), Literal.of(hi)));
  }

  /**
   * {@code now - D < v <= now}.
   *
   * @param duration whole seconds, positive, at most 36,500 days, not null
   * @return the field condition
   * @throws IllegalArgumentException if the duration has a fraction of a second, is not positive
   *     or is longer than 36,500 days
   */
  public FieldCondition inLast(Duration duration) {
    return span(FieldOperator.IN_LAST, duration);
  }

  /**
   * {@code v <= now - D}.
   *
   * @param duration whole seconds, positive, at most 36,500 days, not null
   * @return the field condition
   * @throws IllegalArgumentException if the duration has a fraction of a second, is not positive
   *     or is longer than 36,500 days
   */
  public FieldCondition olderThan(Duration duration) {
    return span(FieldOperator.OLDER_THAN, duration);
  }

  /**
   * {@code now <= v < now + D}.
   *
   * @param duration whole seconds, positive, at most 36,500 days, not null
   * @return the field condition
   * @throws IllegalArgumentException if the duration has a fraction of a second, is not positive
   *     or is longer than 36,500 days
   */
  public FieldCondition inNext(Duration duration) {
    return span(FieldOperator.IN_NEXT, duration);
  }
}
