package org.segmentdsl.condition;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Counts, per contact, the events of one type whose properties pass every filter and whose time
 * lies in the window; matches contacts with {@code atLeast <= count <= atMost}. Without bounds it
 * means "at least once"; {@code atMost(0)} means "did not", which matches contacts that have no
 * such event at all.
 *
 * <pre>{@code
 * event("email_click").where(prop("campaign").eq("spring-sale")).atLeast(2).inLast(Duration.ofDays(14))
 * event("email_open").never().inLast(Duration.ofDays(90))
 * }</pre>
 *
 * @param type the event type (case-sensitive); non-empty
 * @param filters property filters that must all hold on the same event
 * @param atLeast lower bound as given, or {@code null}
 * @param atMost upper bound as given, or {@code null}
 * @param window the time window, or {@code null} for all recorded events
 * @param label shown by explain output, or {@code null}
 */
public record EventCondition(String type, List<PropertyFilter> filters,
    @Nullable Integer atLeast, @Nullable Integer atMost, @Nullable EventWindow window,
    @Nullable String label) implements Condition {

  /**
   * Copies the filters and checks the values.
   *
   * @param type the event type; non-empty, at most 1,024 characters
   * @param filters property filters that must all hold on the same event, not null (copied)
   * @param atLeast lower bound, not negative, or {@code null}
   * @param atMost upper bound, not negative, or {@code null}
   * @param window the time window, or {@code null} for all recorded events
   * @param label shown by explain output, or {@code null}; at most 200 characters
   * @throws NullPointerException if {@code type}, {@code filters} or a filter is null
   * @throws IllegalArgumentException if the type is empty or too long, a bound is negative,
   *     {@code atLeast > atMost}, or the label is too long
   */
  public EventCondition {
    Labels.checkName("event", type);
    filters = List.copyOf(filters);
    if (atLeast != null && atLeast < 0) {
      throw new IllegalArgumentException("atLeast must be >= 0, got " + atLeast);
    }
    if (atMost != null && atMost < 0) {
      throw new IllegalArgumentException("atMost must be >= 0, got " + atMost);
    }
    if (atLeast != null && atMost != null && atLeast > atMost) {
      throw new IllegalArgumentException(
          "atLeast must not exceed atMost, got " + atLeast + " > " + atMost);
    }
    Labels.checkLabel(label);
  }

  /**
   * Any event of that type, ever.
   *
   * @param type the event type (case-sensitive); non-empty, at most 1,024 characters
   * @throws NullPointerException if {@code type} is null
   * @throws IllegalArgumentException if {@code type} is empty or too long
   */
  public EventCondition(String type) {
    this(type, List.of(), null, null, null, null);
  }

  /** {@return the effective lower bound: {@code atLeast}, else 1 when no bound is given, else 0} */
  public int minCount() {
    return atLeast != null ? atLeast : atMost == null ? 1 : 0;
  }

  /** {@return the effective upper bound ({@link Integer#MAX_VALUE} when open)} */
  public int maxCount() {
    return atMost != null ? atMost : Integer.MAX_VALUE;
  }

  /**
   * With these filters added.
   *
   * @param more the filters to add after the present ones, none null
   * @return this condition with the filters added
   */
  public EventCondition where(PropertyFilter... more) {
    List<PropertyFilter> all = new ArrayList<>(filters);
    for (PropertyFilter f : requireNonNull(more, "filters")) {
      all.add(Objects.requireNonNull(f, "filter"));
    }
    return new EventCondition(type, all, atLeast, atMost, window, label);
  }

  /**
   * At least {@code n} such events.
   *
   * @param n the lower bound, not negative and not above {@code atMost}
   * @return this condition with that lower bound
   * @throws IllegalArgumentException if {@code n} is negative or above {@code atMost}
   */
  public EventCondition atLeast(int n) {
    return new EventCondition(type, filters, n, atMost, window, label);
  }

  /**
   * At most {@code n} such events ({@code 0}: none).
   *
   * @param n the upper bound, not negative and not below {@code atLeast}
   * @return this condition with that upper bound
   * @throws IllegalArgumentException if {@code n} is negative or below {@code atLeast}
   */
  public EventCondition atMost(int n) {
    return new EventCondition(type, filters, atLeast, n, window, label);
  }

  /**
   * No such event: {@code atMost(0)}.
   *
   * @return this condition with upper bound 0
   * @throws IllegalArgumentException if {@code atLeast} is above 0
   */
  public EventCondition never() {
    return atMost(0);
  }

  /**
   * Events in the last {@code duration}: {@code now - d < t <= now}.
   *
   * @param duration the window's length, not null: whole seconds, positive, at most 36,500 days
   * @return this condition with that window
   * @throws IllegalArgumentException if the duration has a fraction of a second, is not positive
   *     or is too long
   */
  public EventCondition inLast(Duration duration) {
    return within(new EventWindow.Last(TimeSpan.of(duration)));
  }

  /**
   * Events in the last {@code days} whole days of 24 hours each ({@code inLast(days(14))}):
   * {@code now - d < t <= now}. Event windows are exact; a date field's {@code inLast} counts
   * calendar days instead.
   *
   * @param days a period of days only (or weeks, as days)
   * @return this condition with that window
   * @throws IllegalArgumentException if the period has months or years
   */
  public EventCondition inLast(Period days) {
    return within(new EventWindow.Last(TimeSpan.of(days)));
  }

  /**
   * Events with {@code from <= t < to}.
   *
   * @param from inclusive lower bound
   * @param to exclusive upper bound
   * @return this condition with that window
   * @throws IllegalArgumentException if {@code from} is not before {@code to}
   */
  public EventCondition between(Instant from, Instant to) {
    return within(EventWindow.Range.of(requireNonNull(from, "from"), requireNonNull(to, "to")));
  }

  /**
   * Events from the start of day {@code from} to the start of day {@code to} (exclusive), both
   * midnight in the evaluation context's zone.
   *
   * @param from first day
   * @param to the day after the last
   * @return this condition with that window
   * @throws IllegalArgumentException if {@code from} is not before {@code to}
   */
  public EventCondition between(LocalDate from, LocalDate to) {
    return within(EventWindow.Range.of(requireNonNull(from, "from"), requireNonNull(to, "to")));
  }

  /**
   * Events at {@code from} or later.
   *
   * @param from inclusive lower bound
   * @return this condition with that window
   */
  public EventCondition since(Instant from) {
    return within(EventWindow.Range.of(requireNonNull(from, "from"), (Instant) null));
  }

  /**
   * Events from the start of day {@code from} (midnight in the evaluation context's zone) on.
   *
   * @param from first day
   * @return this condition with that window
   */
  public EventCondition since(LocalDate from) {
    return within(EventWindow.Range.of(requireNonNull(from, "from"), (LocalDate) null));
  }

  /**
   * Events before {@code to}.
   *
   * @param to exclusive upper bound
   * @return this condition with that window
   */
  public EventCondition before(Instant to) {
    return within(EventWindow.Range.of((Instant) null, requireNonNull(to, "to")));
  }

  /**
   * Events before the start of day {@code to} (midnight in the evaluation context's zone).
   *
   * @param to the day after the last
   * @return this condition with that window
   */
  public EventCondition before(LocalDate to) {
    return within(EventWindow.Range.of((LocalDate) null, requireNonNull(to, "to")));
  }

  /**
   * Events in this window.
   *
   * @param window the window, or {@code null} for all recorded events
   * @return this condition with that window (replacing any earlier one)
   */
  public EventCondition within(@Nullable EventWindow window) {
    return new EventCondition(type, filters, atLeast, atMost, window, label);
  }

  @Override
  public EventCondition withLabel(@Nullable String label) {
    return new EventCondition(type, filters, atLeast, atMost, window, label);
  }

  @Override
  public <R> R accept(ConditionVisitor<R> visitor) {
    return visitor.visitEvent(this);
  }

  /**
   * {@return the fluent DSL expression that builds this condition, on one line: {@code
   * event("email_click").atLeast(2).inLast(Duration.ofDays(14))}}
   */
  @Override
  public String toString() {
    return DslText.of(this);
  }
}
