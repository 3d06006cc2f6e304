package org.segmentdsl.condition;

import java.time.Duration;
import java.time.Period;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.segmentdsl.Names;

/**
 * A length of time as saved segments write it: ISO-8601 with only week, day, hour, minute and
 * second parts ({@code P30D}, {@code P2W}, {@code PT12H}, {@code P1DT6H}). It is exact: a day is
 * 24 hours, also across daylight-saving changes. For date fields only whole days are allowed and
 * the span is that number of calendar days.
 *
 * <pre>{@code
 * TimeSpan.parse("P1W2D").totalDays(); // 9
 * }</pre>
 *
 * @param weeks the week part
 * @param days the day part
 * @param hours the hour part
 * @param minutes the minute part
 * @param seconds the second part
 */
public record TimeSpan(long weeks, long days, long hours, long minutes, long seconds) {
  /** The longest span: 36,500 days. */
  public static final long MAX_SECONDS = 36_500L * 86_400L;

  private static final Pattern ISO = Pattern.compile(
      "P(?:(\\d{1,12})W)?(?:(\\d{1,12})D)?(?:T(?=\\d)(?:(\\d{1,12})H)?(?:(\\d{1,12})M)?(?:(\\d{1,12})S)?)?");

  /**
   * Checks the parts.
   *
   * @param weeks the week part, not negative
   * @param days the day part, not negative
   * @param hours the hour part, not negative
   * @param minutes the minute part, not negative
   * @param seconds the second part, not negative
   * @throws IllegalArgumentException if a part is negative, or the span is zero or longer than
   *     36,500 days
   */
  public TimeSpan {
    if (weeks < 0 || days < 0 || hours < 0 || minutes < 0 || seconds < 0) {
      throw new IllegalArgumentException("duration parts must not be negative");
    }
    if (weeks > MAX_SECONDS || days > MAX_SECONDS || hours > MAX_SECONDS
        || minutes > MAX_SECONDS || seconds > MAX_SECONDS) {
      throw new IllegalArgumentException("duration is longer than 36500 days");
    }
    long total = ((weeks * 7 + days) * 24 + hours) * 3600 + minutes * 60 + seconds;
    if (total <= 0) {
      throw new IllegalArgumentException("duration must be longer than zero");
    }
    if (total > MAX_SECONDS) {
      throw new IllegalArgumentException("duration is longer than 36500 days");
    }
  }

  /**
   * Reads {@code PnWnDTnHnMnS} (each part optional, at least one, in that order).
   *
   * @param text the ISO-8601 text, not null
   * @return the span, its parts as written
   * @throws IllegalArgumentException with the reason if the text is not such a duration
   */
  public static TimeSpan parse(String text) {
    Matcher m = ISO.matcher(text);
    if (!m.matches() || text.equals("P") || text.endsWith("T")) {
      throw new IllegalArgumentException(Names.show(text)
          + " is not a duration: expected ISO-8601 weeks, days, hours, minutes and seconds,"
          + " such as P30D, P2W or PT12H");
    }
    return new TimeSpan(part(m, 1), part(m, 2), part(m, 3), part(m, 4), part(m, 5));
  }

  private static long part(Matcher m, int group) {
    String g = m.group(group);
    return g == null ? 0 : Long.parseLong(g);
  }

  /**
   * A whole number of calendar days, as date fields take.
   *
   * @param days the number of days, 1 to 36,500
   * @return the span
   * @throws IllegalArgumentException if {@code days} is out of that range
   */
  public static TimeSpan ofDays(long days) {
    return new TimeSpan(0, days, 0, 0, 0);
  }

  /**
   * From a {@link Period} of days and weeks only (no months or years: they have no fixed length).
   *
   * @param period the period, not null; 1 to 36,500 days
   * @return the span, in days
   * @throws IllegalArgumentException if the period has months or years, or is not 1 to 36,500
   *     days
   */
  public static TimeSpan of(Period period) {
    java.util.Objects.requireNonNull(period, "period");
    if (period.getYears() != 0 || period.getMonths() != 0) {
      throw new IllegalArgumentException(
          "period " + period + " has months or years; use days or weeks");
    }
    return ofDays(period.getDays());
  }

  /**
   * From an exact {@link Duration} of whole seconds.
   *
   * @param duration the duration, not null; positive, at most 36,500 days
   * @return the span, in days, hours, minutes and seconds
   * @throws IllegalArgumentException if the duration has a fraction of a second, is not positive
   *     or is longer than 36,500 days
   */
  public static TimeSpan of(Duration duration) {
    java.util.Objects.requireNonNull(duration, "duration");
    if (duration.getNano() != 0) {
      throw new IllegalArgumentException("duration " + duration + " has a fraction of a second");
    }
    long s = duration.getSeconds();
    if (s <= 0) {
      throw new IllegalArgumentException("duration must be longer than zero, got " + duration);
    }
    return new TimeSpan(0, s / 86_400, (s % 86_400) / 3600, (s % 3600) / 60, s % 60);
  }

  /** {@return whether the span has only week and day parts (what date fields allow)} */
  public boolean isWholeDays() {
    return hours == 0 && minutes == 0 && seconds == 0;
  }

  /** {@return weeks and days as a number of days (hours and smaller parts are ignored)} */
  public long totalDays() {
    return weeks * 7 + days;
  }

  /** {@return the exact length} */
  public Duration toDuration() {
    return Duration.ofSeconds(((weeks * 7 + days) * 24 + hours) * 3600 + minutes * 60 + seconds);
  }

  /** The ISO-8601 text, parts as given ({@code P1W2D} stays {@code P1W2D}). */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("P");
    if (weeks != 0) {
      sb.append(weeks).append('W');
    }
    if (days != 0) {
      sb.append(days).append('D');
    }
    if (hours != 0 || minutes != 0 || seconds != 0) {
      sb.append('T');
      if (hours != 0) {
        sb.append(hours).append('H');
      }
      if (minutes != 0) {
        sb.append(minutes).append('M');
      }
      if (seconds != 0) {
        sb.append(seconds).append('S');
      }
    }
    return sb.toString();
  }
}
