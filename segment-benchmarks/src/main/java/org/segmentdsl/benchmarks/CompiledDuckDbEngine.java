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
 * own layout. Same threads, memory limit and storage as that engine (an in-memory database attached
 * with {@code COMPRESS}, checkpointed after loading); each workload counted by the query
 * {@link SegmentSql#compileCount} writes (joining on the integer positions {@link
 * DuckDbTables#load} adds), as the hand-written queries count.
 */
public final class CompiledDuckDbEngine implements Engine {
  private final Connection connection;
  private final Map<Workload, PreparedStatement> queries = new EnumMap<>(Workload.class);
  private final long loadNanos;

  private CompiledDuckDbEngine(Connection connection, long loadNanos) throws SQLException {
    this.connection = connection;
    this.loadNanos = loadNanos;
    for (Workload w : Workload.values()) {
      queries.put(w, connection.prepareStatement(SegmentSql.compileCount(
          Segment.of(SegmentDslEngine.condition(w)), SegmentDslEngine.SCHEMA,
          SegmentDslEngine.CONTEXT, SqlEngine.DUCKDB, SegmentSql.Keys.POSITIONS)));
    }
  }

  /**
   * Loads the layout from the snapshot; {@code threads}, {@code memoryLimit} and {@code
   * tempDirectory} as {@link DuckDbEngine#load}'s.
   */
  public static CompiledDuckDbEngine load(IndexSnapshot snapshot, int threads,
      String memoryLimit, String tempDirectory) {
    try {
      long t0 = System.nanoTime();
      Connection connection = DriverManager.getConnection("jdbc:duckdb:");
      try (Statement s = connection.createStatement()) {
        s.execute("SET threads = " + threads);
        s.execute("SET memory_limit = '" + memoryLimit + "'");
        s.execute("SET temp_directory = '" + tempDirectory.replace("'", "''") + "'");
        s.execute("ATTACH ':memory:' AS layout (COMPRESS)");
        s.execute("USE layout");
      }
      DuckDbTables.load(connection, snapshot);
      try (Statement s = connection.createStatement()) {
        s.execute("CHECKPOINT");
      }
      return new CompiledDuckDbEngine(connection, System.nanoTime() - t0);
    } catch (SQLException e) {
      throw new IllegalStateException("loading the compiled layout failed: " + e.getMessage(), e);
    }
  }

  /** The connection holding the layout, for an export. */
  public Connection connection() {
    return connection;
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
