/**
 * Saved segments on SQL engines: {@link org.segmentdsl.sql.SegmentSql} compiles a segment to one
 * query over a fixed table layout, for DuckDB or Spark SQL ({@link org.segmentdsl.sql.SqlEngine});
 * {@link org.segmentdsl.sql.DuckDbTables} creates that layout in DuckDB and fills it from an index
 * snapshot. The layout and the rules are in {@code docs/sql.md}.
 */
@NullMarked
package org.segmentdsl.sql;

import org.jspecify.annotations.NullMarked;
