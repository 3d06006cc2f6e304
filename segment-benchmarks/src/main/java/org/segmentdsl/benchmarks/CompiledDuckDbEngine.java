package org.segmentdsl.benchmarks;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumMap;
import java.util.Map;
import org.segmentdsl.IndexSnapshot;
import org.segmentdsl.Segment;
import org.segmentdsl.sql.DuckDbTables;
import org.segmentdsl.sql.SegmentSql;
import org.segmentdsl.sql.SqlEngine;

/**
 * DuckDB running the workloads as Segment DSL compiles them ({@link SegmentSql}), over the SQL
 * module's table layout filled from the index's snapshot ({@link DuckDbTables#load}): what a user
 * of {@code eval --engine duckdb} gets, beside {@link DuckDbEngine}'s hand-written SQL over its
 * own layout. Same threads and memory limit as that engine; each query counted as {@code SELECT
 * count(*) FROM (compiled)}.
 */
public final class CompiledDuckDbEngine implements Engine {
  private final Connection connection;
  private final Map<Workload, PreparedStatement> queries = new EnumMap<>(Workload.class);
  private final long loadNanos;

  private CompiledDuckDbEngine(Connection connection, long loadNanos) throws SQLException {
    this.connection = connection;
    this.loadNanos = loadNanos;
    for (Workload w : Workload.values()) {
      String sql = SegmentSql.compile(Segment.of(SegmentDslEngine.condition(w)),
          SegmentDslEngine.SCHEMA, SegmentDslEngine.CONTEXT, SqlEngine.DUCKDB);
      queries.put(w, connection.prepareStatement("SELECT count(*) FROM (" + sql + ") q"));
    }
  }

  /** Loads the layout from the snapshot; {@code threads} and {@code memoryLimit} as DuckDB's. */
  public static CompiledDuckDbEngine load(IndexSnapshot snapshot, int threads,
      String memoryLimit) {
    try {
      long t0 = System.nanoTime();
      Connection connection = DriverManager.getConnection("jdbc:duckdb:");
      try (Statement s = connection.createStatement()) {
        s.execute("SET threads = " + threads);
        s.execute("SET memory_limit = '" + memoryLimit + "'");
      }
      DuckDbTables.load(connection, snapshot);
      return new CompiledDuckDbEngine(connection, System.nanoTime() - t0);
    } catch (SQLException e) {
      throw new IllegalStateException("loading the compiled layout failed: " + e.getMessage(), e);
    }
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
    try (ResultSet rs = queries.get(workload).executeQuery()) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(workload.label() + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      for (PreparedStatement p : queries.values()) {
        p.close();
      }
      connection.close();
    } catch (SQLException e) {
      throw new IllegalStateException(e.getMessage(), e);
    }
  }
}
