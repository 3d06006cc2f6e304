package org.segmentdsl.internal.write;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import org.segmentdsl.FieldType;
import org.segmentdsl.GeoPoint;
import org.segmentdsl.InstantRange;
import org.segmentdsl.InvalidContactException;
import org.segmentdsl.InvalidEntityException;
import org.segmentdsl.Names;

/** Checks a Java value against a field's type and gives the form the index stores. */
public final class FieldValues {
  private FieldValues() {}

  /**
   * An instant of data as the index keeps it: to the microsecond, finer digits truncated toward
   * the past ({@code -0001-01-01T00:00:00.0000005Z} becomes {@code -0001-01-01T00:00:00Z}, and
   * {@code 1969-12-31T23:59:59.9999995Z} becomes {@code 1969-12-31T23:59:59.999999Z}). Every
   * path that takes an instant into data (the loader, change streams, {@code Event}, datetime
   * fields) goes through here.
   */
  public static Instant toMicros(Instant instant) {
    // An Instant's nano part is never negative, so truncating it always moves toward the past.
    return instant.truncatedTo(ChronoUnit.MICROS);
  }

  /**
   * The stored form of {@code value} for a field of that type.
   *
   * @throws InvalidContactException naming the contact and field if the value does not fit
   */
  public static Object normalize(String contactId, String field, FieldType type, Object value) {
    Object normal = normalizeOrNull(type, value);
    if (normal == null) {
      throw new InvalidContactException(contactId, field, mismatch(type, value));
    }
    return normal;
  }

  /**
   * The stored form of {@code value} for a deal or account field of that type.
   *
   * @throws InvalidEntityException naming the deal or account and the field if it does not fit
   */
  public static Object normalize(String entity, String id, String field, FieldType type,
      Object value) {
    Object normal = normalizeOrNull(type, value);
    if (normal == null) {
      throw new InvalidEntityException(entity, id, field, mismatch(type, value));
    }
    return normal;
  }

  private static String mismatch(FieldType type, Object value) {
    return type.jsonName() + " field expects " + expected(type) + ", got " + describe(value);
  }

  private static Object normalizeOrNull(FieldType type, Object value) {
    return switch (type) {
      case STRING -> value instanceof String s ? s : null;
      case NUMBER -> number(value);
      case DATE -> value instanceof LocalDate d ? d : null;
      case DATETIME -> instant(value);
      case BOOLEAN -> value instanceof Boolean b ? b : null;
      case GEO -> value instanceof GeoPoint p ? p : null;
    };
  }

  private static Object number(Object value) {
    if (!(value instanceof Number n)) {
      return null; // FieldType: a NUMBER field takes any Number, held as a double
    }
    double d = n.doubleValue();
    if (!Double.isFinite(d)) {
      return null;
    }
    return d == 0.0d ? 0.0d : d;
  }

  private static Object instant(Object value) {
    Instant i;
    if (value instanceof Instant x) {
      i = x;
    } else if (value instanceof OffsetDateTime x) {
      i = x.toInstant();
    } else if (value instanceof ZonedDateTime x) {
      i = x.toInstant();
    } else {
      return null;
    }
    return InstantRange.contains(i) ? toMicros(i) : null;
  }

  private static String expected(FieldType type) {
    return switch (type) {
      case STRING -> "a String";
      case NUMBER -> "a finite Number";
      case DATE -> "a LocalDate";
      case DATETIME -> "an Instant (or OffsetDateTime) from -290000-01-01 to +290000-12-31";
      case BOOLEAN -> "a Boolean";
      case GEO -> "a GeoPoint";
    };
  }

  private static String describe(Object value) {
    return value.getClass().getSimpleName() + " " + (value instanceof String s ? Names.show(s)
        : String.valueOf(value));
  }
}
