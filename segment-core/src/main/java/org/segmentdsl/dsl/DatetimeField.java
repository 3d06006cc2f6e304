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

  public FieldCondition eq(Instant value) {
    return single(FieldOperator.EQ, Literal.of(value));
  }

  /** Set and not equal. */
  public FieldCondition neq(Instant value) {
    return single(FieldOperator.NEQ, Literal.of(value));
  }

  public FieldCondition gt(Instant value) {
    return single(FieldOperator.GT, Literal.of(value));
  }

  /** After midnight that date in the context's zone. */
  public FieldCondition gt(LocalDate value) {
    return single(FieldOperator.GT, Literal.of(value));
  }

  public FieldCondition gte(Instant value) {
    return single(FieldOperator.GTE, Literal.of(value));
  }

  public FieldCondition gte(LocalDate value) {
    return single(FieldOperator.GTE, Literal.of(value));
  }

  public FieldCondition lt(Instant value) {
    return single(FieldOperator.LT, Literal.of(value));
  }

  public FieldCondition lt(LocalDate value) {
    return single(FieldOperator.LT, Literal.of(value));
  }

  public FieldCondition lte(Instant value) {
    return single(FieldOperator.LTE, Literal.of(value));
  }

  public FieldCondition lte(LocalDate value) {
    return single(FieldOperator.LTE, Literal.of(value));
  }

  /** {@code lo <= v <= hi}. */
  public FieldCondition between(Instant lo, Instant hi) {
    return condition(FieldOperator.BETWEEN, new Operand.Range(Literal.of(lo), Literal.of(hi)));
  }

  /** {@code lo <= v <= hi}, the dates read as their midnights in the context's zone. */
  public FieldCondition between(LocalDate lo, LocalDate hi) {
    return condition(FieldOperator.BETWEEN, new Operand.Range(Literal.of(lo), Literal.of(hi)));
  }

  /** {@code now - D < v <= now}. */
  public FieldCondition inLast(Duration duration) {
    return span(FieldOperator.IN_LAST, duration);
  }

  /** {@code v <= now - D}. */
  public FieldCondition olderThan(Duration duration) {
    return span(FieldOperator.OLDER_THAN, duration);
  }

  /** {@code now <= v < now + D}. */
  public FieldCondition inNext(Duration duration) {
    return span(FieldOperator.IN_NEXT, duration);
  }
}
