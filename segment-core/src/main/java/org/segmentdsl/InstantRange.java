package org.segmentdsl;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The instants that data and segments may hold: from -290000-01-01 to +290000-12-31 (UTC), where
 * microseconds since the epoch fit a long. An event time, a datetime field value, a segment
 * literal or an evaluation's {@code now} outside it is refused. Data keeps instants to the
 * microsecond, finer digits truncated toward the past; a segment keeps its own literals exact.
 *
 * <pre>{@code
 * InstantRange.contains(Instant.parse("+10000-01-01T00:00:00Z"));  // true
 * InstantRange.contains(Instant.parse("+290001-01-01T00:00:00Z")); // false
 * }</pre>
 *
 * <p>Stateless and thread-safe.
 */
public final class InstantRange {
  /** The first instant of the range, {@code -290000-01-01T00:00:00Z}. */
  public static final Instant MIN = Instant.parse("-290000-01-01T00:00:00Z");

  /** The first instant past the range, {@code +290001-01-01T00:00:00Z}. */
  public static final Instant END = Instant.parse("+290001-01-01T00:00:00Z");

  /** The first date of the range. */
  public static final LocalDate MIN_DATE = LocalDate.of(-290_000, 1, 1);

  /** The last date of the range. */
  public static final LocalDate MAX_DATE = LocalDate.of(290_000, 12, 31);

  /** How messages name the range. */
  public static final String TEXT = "-290000-01-01 to +290000-12-31";

  private InstantRange() {}

  /**
   * {@return whether {@code instant} is from {@link #MIN} on and before {@link #END}}
   *
   * @param instant the instant, not null
   */
  public static boolean contains(Instant instant) {
    return !instant.isBefore(MIN) && instant.isBefore(END);
  }

  /**
   * {@return whether {@code date} is from {@link #MIN_DATE} to {@link #MAX_DATE}}
   *
   * @param date the date, not null
   */
  public static boolean contains(LocalDate date) {
    return !date.isBefore(MIN_DATE) && !date.isAfter(MAX_DATE);
  }
}
