package org.segmentdsl;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * The instant and time zone a segment is evaluated at. {@code today} is the calendar date of
 * {@code now} in {@code zone}; a bare date used as an instant means midnight of that date in
 * {@code zone}.
 *
 * <pre>{@code
 * EvaluationContext ctx = EvaluationContext.of(Instant.parse("2026-11-28T12:00:00Z"),
 *     ZoneId.of("America/New_York"));
 * }</pre>
 *
 * @param now the instant "now" means
 * @param zone the zone dates are read in
 */
public record EvaluationContext(Instant now, ZoneId zone) {
  public EvaluationContext {
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(zone, "zone");
  }

  /** At {@code now} in {@code zone}. */
  public static EvaluationContext of(Instant now, ZoneId zone) {
    return new EvaluationContext(now, zone);
  }

  /** At {@code now} in UTC. */
  public static EvaluationContext at(Instant now) {
    return new EvaluationContext(now, ZoneOffset.UTC);
  }

  /** The current time, in UTC. */
  public static EvaluationContext current() {
    return new EvaluationContext(Clock.systemUTC().instant(), ZoneOffset.UTC);
  }

  /** This context in another zone. */
  public EvaluationContext withZone(ZoneId zone) {
    return new EvaluationContext(now, zone);
  }

  /** The calendar date of {@code now} in {@code zone}. */
  public LocalDate today() {
    return LocalDate.ofInstant(now, zone);
  }

  /** Midnight at the start of {@code date} in {@code zone}. */
  public Instant startOf(LocalDate date) {
    return date.atStartOfDay(zone).toInstant();
  }
}
