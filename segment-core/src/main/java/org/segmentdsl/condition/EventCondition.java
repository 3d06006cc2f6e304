package org.segmentdsl.condition;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

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
public record EventCondition(String type, List<PropertyFilter> filters, Integer atLeast,
    Integer atMost, EventWindow window, String label) implements Condition {

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

  /** Any event of that type, ever. */
  public EventCondition(String type) {
    this(type, List.of(), null, null, null, null);
  }

  /** The effective lower bound: {@code atLeast}, else 1 when no bound is given, else 0. */
  public int minCount() {
    return atLeast != null ? atLeast : atMost == null ? 1 : 0;
  }

  /** The effective upper bound ({@link Integer#MAX_VALUE} when open). */
  public int maxCount() {
    return atMost != null ? atMost : Integer.MAX_VALUE;
  }

  /** With these filters added. */
  public EventCondition where(PropertyFilter... more) {
    List<PropertyFilter> all = new ArrayList<>(filters);
    for (PropertyFilter f : more) {
      all.add(Objects.requireNonNull(f, "filter"));
    }
    return new EventCondition(type, all, atLeast, atMost, window, label);
  }

  /** At least {@code n} such events. */
  public EventCondition atLeast(int n) {
    return new EventCondition(type, filters, n, atMost, window, label);
  }

  /** At most {@code n} such events ({@code 0}: none). */
  public EventCondition atMost(int n) {
    return new EventCondition(type, filters, atLeast, n, window, label);
  }

  /** No such event: {@code atMost(0)}. */
  public EventCondition never() {
    return atMost(0);
  }

  /** Events in the last {@code duration}: {@code now - d < t <= now}. */
  public EventCondition inLast(Duration duration) {
    return within(new EventWindow.Last(TimeSpan.of(duration)));
  }

  /** Events with {@code from <= t < to}. */
  public EventCondition between(Instant from, Instant to) {
    return within(EventWindow.Range.of(from, to));
  }

  /** Events in this window. */
  public EventCondition within(EventWindow window) {
    return new EventCondition(type, filters, atLeast, atMost, window, label);
  }

  @Override
  public EventCondition withLabel(String label) {
    return new EventCondition(type, filters, atLeast, atMost, window, label);
  }

  @Override
  public <R> R accept(ConditionVisitor<R> visitor) {
    return visitor.visitEvent(this);
  }
}
