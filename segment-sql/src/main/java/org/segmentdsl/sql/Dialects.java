package org.segmentdsl.sql;

import java.time.LocalDate;
import org.segmentdsl.eval.SqlDialect;

/** How DuckDB and Spark SQL write identifiers, literals and string tests. */
final class Dialects {
  private Dialects() {}

  /** A double as text both engines cast back to exactly that double. */
  static String doubleText(double value) {
    double v = value == 0.0 ? 0.0 : value; // -0.0 equals 0 (segment-format.md)
    return Double.isNaN(v) ? "NaN" : Double.isInfinite(v) ? (v > 0 ? "Infinity" : "-Infinity")
        : Double.toString(v);
  }

  /**
   * DuckDB: identifiers in double quotes, strings in single quotes (a quote doubled, no other
   * escape: a backslash is a backslash), timestamps from their microseconds.
   */
  static final class DuckDb implements SqlDialect {
    @Override
    public String identifier(String name) {
      return "\"" + name.replace("\"", "\"\"") + "\"";
    }

    @Override
    public String string(String value) {
      return "'" + value.replace("'", "''") + "'";
    }

    @Override
    public String number(double value) {
      return "CAST('" + doubleText(value) + "' AS DOUBLE)";
    }

    @Override
    public String date(LocalDate date) {
      return "(DATE '1970-01-01' + CAST(" + date.toEpochDay() + " AS INTEGER))";
    }

    @Override
    public String timestamp(long micros) {
      return "make_timestamp(CAST(" + micros + " AS BIGINT))";
    }

    /**
     * DuckDB's {@code lower} maps each character alone; Java's {@code toLowerCase(Locale.ROOT)}
     * maps U+0130 (capital I with dot) to two characters, {@code i} and U+0307, which the
     * replacement does first. (Java also lowers a capital sigma at a word's end to the final
     * sigma, which this does not; see docs/sql.md.)
     */
    @Override
    public String lower(String expr) {
      return "lower(replace(" + expr + ", '\u0130', 'i\u0307'))";
    }

    @Override
    public String startsWith(String expr, String literal) {
      return "starts_with(" + expr + ", " + literal + ")";
    }

    @Override
    public String endsWith(String expr, String literal) {
      return "ends_with(" + expr + ", " + literal + ")";
    }

    @Override
    public String contains(String expr, String literal) {
      return "contains(" + expr + ", " + literal + ")";
    }
  }

  /**
   * Spark SQL: identifiers in backquotes, strings in single quotes with backslash escapes (a
   * backslash and a quote are escaped), timestamps as instants from their microseconds.
   */
  static final class Spark implements SqlDialect {
    @Override
    public String identifier(String name) {
      return "`" + name.replace("`", "``") + "`";
    }

    @Override
    public String string(String value) {
      return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    @Override
    public String number(double value) {
      return "CAST('" + doubleText(value) + "' AS DOUBLE)";
    }

    @Override
    public String date(LocalDate date) {
      return "date_add(DATE '1970-01-01', " + date.toEpochDay() + ")";
    }

    /** An instant ({@code TIMESTAMP}, with local time zone): compared as instants, in any zone. */
    @Override
    public String timestamp(long micros) {
      return "timestamp_micros(CAST(" + micros + " AS BIGINT))";
    }

    @Override
    public String lower(String expr) {
      return "lower(" + expr + ")";
    }

    @Override
    public String startsWith(String expr, String literal) {
      return "startswith(" + expr + ", " + literal + ")";
    }

    @Override
    public String endsWith(String expr, String literal) {
      return "endswith(" + expr + ", " + literal + ")";
    }

    @Override
    public String contains(String expr, String literal) {
      return "contains(" + expr + ", " + literal + ")";
    }

    /**
     * {@code NOT EXISTS}: Spark plans {@code NOT IN} as a null-aware nested loop join unless the
     * ids fit a broadcast, quadratic at a million contacts; an anti join on equal ids is hashed.
     */
    @Override
    public String notIn(String expr, String query, String column) {
      return "NOT EXISTS (SELECT 1 FROM (" + query + ") `x#` WHERE `x#`." + column + " = " + expr
          + ")";
    }
  }
}
