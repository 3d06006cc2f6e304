package org.segmentdsl.eval;

import java.time.LocalDate;

/**
 * How one SQL engine writes what {@link SqlCompiler} needs: quoted identifiers, escaped literals
 * and a few string functions. Implemented by the SQL module for DuckDB and Spark SQL.
 */
public interface SqlDialect {
  /** A quoted identifier (a field's column). */
  String identifier(String name);

  /** A string literal, escaped so that no value can end it early. */
  String string(String value);

  /** A double literal of exactly this value. */
  String number(double value);

  /** A date literal. */
  String date(LocalDate date);

  /** A timestamp literal (UTC, no time zone) of microseconds since the epoch. */
  String timestamp(long micros);

  /** {@code expr} in lower case, as {@code toLowerCase(Locale.ROOT)} puts it. */
  String lower(String expr);

  /** Whether {@code expr} starts with the string literal {@code literal}. */
  String startsWith(String expr, String literal);

  /** Whether {@code expr} ends with the string literal {@code literal}. */
  String endsWith(String expr, String literal);

  /** Whether {@code expr} contains the string literal {@code literal}. */
  String contains(String expr, String literal);

  /**
   * Whether {@code expr} (never NULL) is none of the keys {@code query} returns (one column,
   * named {@code column}, never NULL): {@code NOT IN} unless the engine plans something better.
   */
  default String notIn(String expr, String query, String column) {
    return expr + " NOT IN (" + query + ")";
  }
}
