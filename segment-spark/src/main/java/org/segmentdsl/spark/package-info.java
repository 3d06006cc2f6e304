/**
 * Saved segments on Apache Spark: {@link org.segmentdsl.spark.SparkSegments} registers the SQL
 * table layout as a session's views and evaluates a segment as one compiled Spark SQL query.
 * Spark is a {@code provided} dependency. See {@code docs/sql.md}.
 */
@NullMarked
package org.segmentdsl.spark;

import org.jspecify.annotations.NullMarked;
