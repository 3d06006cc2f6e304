package org.segmentdsl.condition;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.regex.Pattern;
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

  /** A string value; at most 1,024 characters. The empty string is a value. */
  record Text(String value) implements Literal {
    private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

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

    /** This string read as a bare date {@code YYYY-MM-DD}, if it is one. */
    public Optional<LocalDate> asDate() {
      if (!DATE.matcher(value).matches()) {
        return Optional.empty();
      }
      try {
        return Optional.of(LocalDate.parse(value));
      } catch (DateTimeParseException e) {
        return Optional.empty();
      }
    }

    /** This string read as an ISO-8601 instant with an offset, if it is one. */
    public Optional<Instant> asInstant() {
      if (value.length() < 17 || value.charAt(10) != 'T') {
        return Optional.empty();
      }
      try {
        return Optional.of(OffsetDateTime.parse(value, DateTimeFormatter.ISO_OFFSET_DATE_TIME)
            .toInstant());
      } catch (DateTimeParseException e) {
        return Optional.empty();
      }
    }

    /** Whether this string is a bare date or an instant with an offset. */
    public boolean isTemporal() {
      return asDate().isPresent() || asInstant().isPresent();
    }

    /** The value as JSON writes it: quoted, escaped ({@link Names#quote}). */
    @Override
    public String toString() {
      return Names.quote(value);
    }
  }

  /** A number, compared as an IEEE-754 double; {@code -0.0} is stored as {@code 0.0}. */
  record Number(double value) implements Literal {
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

  /** A boolean. */
  record Bool(boolean value) implements Literal {
    @Override
    public String toString() {
      return Boolean.toString(value);
    }
  }

  static Literal of(String value) {
    return new Text(value);
  }

  static Literal of(double value) {
    return new Number(value);
  }

  static Literal of(boolean value) {
    return new Bool(value);
  }

  static Literal of(LocalDate date) {
    return new Text(date.toString());
  }

  static Literal of(Instant instant) {
    return new Text(instant.toString());
  }
}
