package org.segmentdsl.internal;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import org.segmentdsl.FieldType;
import org.segmentdsl.GeoPoint;
import org.segmentdsl.InvalidContactException;
import org.segmentdsl.InvalidEntityException;

/** Checks a Java value against a field's type and gives the form the index stores. */
public final class FieldValues {
  /** Datetimes are kept within +-290,000 years, where epoch microseconds fit a long. */
  private static final Instant MIN = Instant.parse("-290000-01-01T00:00:00Z");

  private static final Instant MAX = Instant.parse("+290000-01-01T00:00:00Z");

  private FieldValues() {}

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
    if (i.isBefore(MIN) || i.isAfter(MAX)) {
      return null;
    }
    return i.truncatedTo(ChronoUnit.MICROS);
  }

  private static String expected(FieldType type) {
    return switch (type) {
      case STRING -> "a String";
      case NUMBER -> "a finite Number";
      case DATE -> "a LocalDate";
      case DATETIME -> "an Instant (or OffsetDateTime) within +-290000 years";
      case BOOLEAN -> "a Boolean";
      case GEO -> "a GeoPoint";
    };
  }

  private static String describe(Object value) {
    return value.getClass().getSimpleName() + " " + (value instanceof String s ? '"' + s + '"'
        : String.valueOf(value));
  }
}
