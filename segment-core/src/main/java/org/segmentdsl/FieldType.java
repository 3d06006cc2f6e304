package org.segmentdsl;

import java.util.Locale;

/**
 * The type of a contact, deal or account field, declared in the {@link Schema}.
 *
 * <p>Java values by type: {@code STRING} a {@link String}; {@code NUMBER} any {@link Number}
 * (held as a double); {@code DATE} a {@link java.time.LocalDate}; {@code DATETIME} an {@link
 * java.time.Instant} (kept to the microsecond, like PostgreSQL's {@code timestamptz}: finer digits
 * are dropped); {@code BOOLEAN} a {@link Boolean}; {@code GEO} a {@link GeoPoint}.
 */
public enum FieldType {
  /** Text: a {@link String}. */
  STRING,
  /** A number: any {@link Number}, held as a double. */
  NUMBER,
  /** A calendar date without time zone: a {@link java.time.LocalDate}. */
  DATE,
  /** An instant: a {@link java.time.Instant}, kept to the microsecond. */
  DATETIME,
  /** True or false: a {@link Boolean}. */
  BOOLEAN,
  /** A point on Earth: a {@link GeoPoint}. */
  GEO;

  /** {@return the name used in {@code schema.json}: {@code string}, {@code number}, …} */
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The type named so in {@code schema.json}.
   *
   * @param name a {@link #jsonName()}: {@code string}, {@code number}, {@code date}, {@code
   *     datetime}, {@code boolean} or {@code geo} (lower case)
   * @return the type
   * @throws IllegalArgumentException if {@code name} names no type
   */
  public static FieldType fromJsonName(String name) {
    for (FieldType t : values()) {
      if (t.jsonName().equals(name)) {
        return t;
      }
    }
    throw new IllegalArgumentException("unknown field type \"" + name
        + "\"; expected one of string, number, date, datetime, boolean, geo");
  }
}
