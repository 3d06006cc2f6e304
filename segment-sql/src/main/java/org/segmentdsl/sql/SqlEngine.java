package org.segmentdsl.sql;

import org.segmentdsl.eval.SqlDialect;

/** The SQL engines a segment compiles for, each with its own quoting, literals and functions. */
public enum SqlEngine {
  /** DuckDB (in process, one machine). */
  DUCKDB(new Dialects.DuckDb()),
  /** Spark SQL (a cluster; {@code local[*]} in tests). */
  SPARK(new Dialects.Spark());

  private final SqlDialect dialect;

  SqlEngine(SqlDialect dialect) {
    this.dialect = dialect;
  }

  SqlDialect dialect() {
    return dialect;
  }
}
