package org.segmentdsl.condition;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;
import org.segmentdsl.InstantRange;
import org.segmentdsl.Names;

/**
 * A value in a condition, in the form saved segment JSON gives it: a string, a number or a
 * boolean. Dates and datetimes are strings ({@code "2026-01-31"}, {@code "2026-11-28T09:30:00Z"})
 * and take their meaning from the field's type when the condition is checked against a schema;
 * so a condition built in Java and the same condition read from JSON are {@code equals}.
 *
 * <pre>{@code
 * Literal.of(LocalDate.of(2026, 1, 31)).equals(new Literal.Text("2026-01-31")); // true
 * Literal.of(-0.0).equals(Literal.of(0));                                     // true
 * }</pre>
 */
public sealed interface Literal permits Literal.Text, Literal.Number, Literal.Bool {

  /**
   * A string value; at most 1,024 characters. The empty string is a value.
   *
   * @param value the string
   */
  record Text(String value) implements Literal {
    /** {@code YYYY-MM-DD}, or a year of more digits with a sign ({@code +10000-01-01}). */
    private static final Pattern DATE = Pattern.compile("[+-]?\\d{4,9}-\\d{2}-\\d{2}");

    /**
     * Checks the string.
     *
     * @param value the string, not null; at most 1,024 characters
     * @throws NullPointerException if {@code value} is null
     * @throws IllegalArgumentException if {@code value} is longer than 1,024 characters
     */
    public Text {
      if (value == null) {
        throw new NullPointerException("value must not be null");
      }
      if (value.length() > Labels.MAX_STRING) {
        throw new IllegalArgumentException(
            "value is " + value.length() + " characters long; at most " + Labels.MAX_STRING
                + " allowed");
      }
    }

    /**
     * This string read as a bare date {@code YYYY-MM-DD} (a year past 9999 with a sign: {@code
     * +10000-01-01}) from -290000-01-01 to +290000-12-31, if it is one.
     *
     * @return the date, or empty
     */
    public Optional<LocalDate> asDate() {
      LocalDate date = parseDate();
      return date == null || !InstantRange.contains(date) ? Optional.empty() : Optional.of(date);
    }

    /**
     * This string read as an ISO-8601 instant with an offset ({@code T} and {@code Z} in either
     * case, as data takes them) from -290000-01-01 to +290000-12-31, if it is one. Its precision
     * is kept whole: a segment compares nanoseconds exactly with the microseconds of data.
     *
     * @return the instant, or empty
     */
    public Optional<Instant> asInstant() {
      Instant instant = parseInstant();
      return instant == null || !InstantRange.contains(instant) ? Optional.empty()
          : Optional.of(instant);
    }

    /**
     * {@return whether this string is a bare date or an instant with an offset, within the range}
     */
    public boolean isTemporal() {
      return asDate().isPresent() || asInstant().isPresent();
    }

    /**
     * Whether this string has the form of a date or an instant but lies outside -290000-01-01
     * to +290000-12-31 ({@code +290001-01-01}), so that messages can say so.
     *
     * @return whether it is a date or an instant out of range
     */
    public boolean isOutOfRange() {
      return !isTemporal() && (parseDate() != null || parseInstant() != null);
    }

    /** {@return whether this string has the form of a bare date but lies outside the range} */
    public boolean isDateOutOfRange() {
      return parseDate() != null && asDate().isEmpty();
    }

    private LocalDate parseDate() {
      if (!DATE.matcher(value).matches()) {
        return null;
      }
      try {
        return LocalDate.parse(value);
      } catch (DateTimeParseException e) {
        return null;
      }
    }

    /**
     * A message's words for a date or instant out of range ({@code "+290001-01-01" is outside
     * -290000-01-01 to +290000-12-31}), or null if this string is not one.
     *
     * @return the words, or {@code null}
     */
    public String rangeProblem() {
      return isOutOfRange() ? this + " is outside " + InstantRange.TEXT : null;
    }

    private Instant parseInstant() {
      if (value.length() < 16) { // shorter than YYYY-MM-DDTHH:MMZ
        return null;
      }
      try {
        return OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
      } catch (DateTimeParseException e) {
        return null;
      }
    }

    /** The value as JSON writes it: quoted, escaped ({@link Names#quote}). */
    @Override
    public String toString() {
      return Names.quote(value);
    }
  }

  /**
   * A number, compared as an IEEE-754 double; {@code -0.0} is stored as {@code 0.0}.
   *
   * @param value the number, finite
   */
  record Number(double value) implements Literal {
    /**
     * Checks the number and stores {@code -0.0} as {@code 0.0}.
     *
     * @param value the number
     * @throws IllegalArgumentException if {@code value} is NaN or infinite
     */
    public Number {
      if (!Double.isFinite(value)) {
        throw new IllegalArgumentException("number must be finite, got " + value);
      }
      if (value == 0.0d) {
        value = 0.0d; // -0.0 equals 0
      }
    }

    @Override
    public String toString() {
      return value == Math.rint(value) && Math.abs(value) < 1e15
          ? Long.toString((long) value)
          : Double.toString(value);
    }
  }

  /**
   * A boolean.
   *
   * @param value the boolean
   */
  record Bool(boolean value) implements Literal {
    @Override
    public String toString() {
      return Boolean.toString(value);
    }
  }

  /**
   * A string literal.
   *
   * @param value the string, not null; at most 1,024 characters
   * @return a {@link Text}
   * @throws IllegalArgumentException if {@code value} is longer than 1,024 characters
   */
  static Literal of(String value) {
    return new Text(value);
  }

  /**
   * A number literal.
   *
   * @param value the number, finite
   * @return a {@link Number}
   * @throws IllegalArgumentException if {@code value} is NaN or infinite
   */
  static Literal of(double value) {
    return new Number(value);
  }

  /**
   * A boolean literal.
   *
   * @param value the boolean
   * @return a {@link Bool}
   */
  static Literal of(boolean value) {
    return new Bool(value);
  }

  /**
   * A date literal: the date as {@code YYYY-MM-DD} text ({@code +10000-01-01} past 9999).
   *
   * @param date the date, not null
   * @return a {@link Text}
   */
  static Literal of(LocalDate date) {
    return new Text(java.util.Objects.requireNonNull(date, "date").toString());
  }

  /**
   * An instant literal: the instant as ISO-8601 text in UTC ({@code 2026-11-28T09:30:00Z}), its
   * precision kept whole.
   *
   * @param instant the instant, not null
   * @return a {@link Text}
   */
  static Literal of(Instant instant) {
    return new Text(java.util.Objects.requireNonNull(instant, "instant").toString());
  }
}
