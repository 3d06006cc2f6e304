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
 * @param segments the saved segments that {@code inSegment(id)} references resolve against
 */
public record EvaluationContext(Instant now, ZoneId zone, SegmentRegistry segments) {
  public EvaluationContext {
    Objects.requireNonNull(now, "now");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(segments, "segments");
  }

  /** At {@code now} in {@code zone}, without saved segments. */
  public EvaluationContext(Instant now, ZoneId zone) {
    this(now, zone, SegmentRegistry.empty());
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
    return new EvaluationContext(now, zone, segments);
  }

  /** This context with the saved segments that references resolve against. */
  public EvaluationContext withSegments(SegmentRegistry segments) {
    return new EvaluationContext(now, zone, segments);
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
