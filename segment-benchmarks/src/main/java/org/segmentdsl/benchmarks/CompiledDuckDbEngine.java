package org.segmentdsl.benchmarks;

import java.sql.Connection;
import java.sql.SQLException;
import org.segmentdsl.IndexSnapshot;
import org.segmentdsl.Segment;
import org.segmentdsl.sql.DuckDbTables;
import org.segmentdsl.sql.SegmentSql;
import org.segmentdsl.sql.SqlEngine;

/**
 * DuckDB running the workloads as Segment DSL compiles them ({@link SegmentSql}), over the SQL
 * module's table layout filled from the index's snapshot ({@link DuckDbTables#load}): what a user
 * of {@code eval --engine duckdb} gets, beside {@link DuckDbEngine}'s hand-written SQL over its
 * own layout. Same threads, memory limit and storage as that engine (an in-memory database attached
 * with {@code COMPRESS}, checkpointed after loading); each workload counted by the query
 * {@link SegmentSql#compileCount} writes (joining on the integer positions {@link
 * DuckDbTables#load} adds), as the hand-written queries count.
 */
public final class CompiledDuckDbEngine implements Engine {
  private final PreparedCounts counts;
  private final long loadNanos;

  private CompiledDuckDbEngine(Connection connection, long loadNanos) throws SQLException {
    this.counts = new PreparedCounts(connection, w -> SegmentSql.compileCount(
        Segment.of(SegmentDslEngine.condition(w)), SegmentDslEngine.SCHEMA,
        SegmentDslEngine.CONTEXT, SqlEngine.DUCKDB, SegmentSql.Keys.POSITIONS));
    this.loadNanos = loadNanos;
  }

  /**
   * Loads the layout from the snapshot; {@code threads}, {@code memoryLimit} and {@code
   * tempDirectory} as {@link DuckDbEngine#load}'s.
   */
  public static CompiledDuckDbEngine load(IndexSnapshot snapshot, int threads,
      String memoryLimit, String tempDirectory) {
    try {
      long t0 = System.nanoTime();
      Connection connection = PreparedCounts.open("layout", threads, memoryLimit,
          tempDirectory);
      DuckDbTables.load(connection, snapshot);
      PreparedCounts.checkpoint(connection);
      return new CompiledDuckDbEngine(connection, System.nanoTime() - t0);
    } catch (SQLException e) {
      throw new IllegalStateException("loading the compiled layout failed: " + e.getMessage(), e);
    }
  }

  /** The connection holding the layout, for an export. */
  public Connection connection() {
    return counts.connection();
  }

  /** {@return how long loading the layout from the snapshot took} */
  public long loadNanos() {
    return loadNanos;
  }

  @Override
  public String name() {
    return "DuckDB, compiled";
  }

  @Override
  public long count(Workload workload) {
    return counts.count(workload);
  }

  @Override
  public void close() {
    counts.close();
  }
}
