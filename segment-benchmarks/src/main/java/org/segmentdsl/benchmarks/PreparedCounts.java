package org.segmentdsl.benchmarks;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.Function;

/**
 * What both DuckDB peers measure: one connection and a prepared count query per workload. {@link
 * #open} makes the database they share the settings of: an in-memory database attached with
 * {@code COMPRESS} (DuckDB 1.4+ leaves in-memory tables uncompressed by default), with the given
 * threads, memory limit and spill directory. Not thread-safe: one benchmark thread.
 */
final class PreparedCounts implements AutoCloseable {
  private final Connection connection;
  private final Map<Workload, PreparedStatement> queries = new EnumMap<>(Workload.class);

  /** Prepares {@code sql}'s query of every workload; each returns one row, its count. */
  PreparedCounts(Connection connection, Function<Workload, String> sql) throws SQLException {
    this.connection = connection;
    for (Workload w : Workload.values()) {
      queries.put(w, connection.prepareStatement(sql.apply(w)));
    }
  }

  /**
   * A new connection to an in-memory database {@code name}, attached with {@code COMPRESS} and in
   * use; checkpoint it after loading so that its tables are compressed.
   */
  static Connection open(String name, int threads, String memoryLimit, String tempDirectory)
      throws SQLException {
    Connection connection = DriverManager.getConnection("jdbc:duckdb:");
    try (Statement s = connection.createStatement()) {
      s.execute("SET threads = " + threads);
      s.execute("SET memory_limit = '" + memoryLimit + "'");
      s.execute("SET temp_directory = '" + tempDirectory.replace("'", "''") + "'");
      s.execute("ATTACH ':memory:' AS " + name + " (COMPRESS)");
      s.execute("USE " + name);
    }
    return connection;
  }

  /** Compresses what was loaded, as a checkpoint writes it to disk. */
  static void checkpoint(Connection connection) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute("CHECKPOINT");
    }
  }

  Connection connection() {
    return connection;
  }

  long count(Workload workload) {
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
