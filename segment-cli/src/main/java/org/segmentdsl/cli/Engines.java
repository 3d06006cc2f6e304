package org.segmentdsl.cli;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import org.segmentdsl.EvaluationContext;
import org.segmentdsl.IndexSnapshot;
import org.segmentdsl.Schema;
import org.segmentdsl.Segment;
import org.segmentdsl.sql.DuckDbTables;
import org.segmentdsl.sql.SegmentSql;
import org.segmentdsl.sql.SqlEngine;

/**
 * Where {@code eval --engine} evaluates: in memory, on an in-process DuckDB, or on a local Spark
 * session, each over the same dataset, each giving the members in index order. DuckDB's and
 * Spark's classes are not in the command line's jar: {@code bin/segment} puts them on the class
 * path (built on first use); without them, the engine is refused with a message, not a stack
 * trace.
 */
final class Engines {
  private Engines() {}

  /** The choices of {@code --engine}. */
  enum Kind { memory, duckdb, spark }

  /** One engine, loaded with one snapshot. */
  interface Engine extends AutoCloseable {
    /** The members' ids, in index order. */
    List<String> ids(Segment segment, EvaluationContext ctx);

    /** How many members: the same number as {@link #ids}' size, computed by the engine. */
    long count(Segment segment, EvaluationContext ctx);

    @Override
    void close();
  }

  static Engine open(Kind kind, IndexSnapshot snapshot) {
    try {
      return switch (kind) {
        case memory -> new Memory(snapshot);
        case duckdb -> new DuckDb(snapshot);
        case spark -> SparkEngine.open(snapshot);
      };
    } catch (NoClassDefFoundError e) {
      throw new InvalidInput("--engine " + kind + " needs its jars on the class path, which "
          + "bin/segment adds (it builds them on first use); they are missing here ("
          + e.getMessage() + ")");
    }
  }

  private record Memory(IndexSnapshot snapshot) implements Engine {
    @Override
    public List<String> ids(Segment segment, EvaluationContext ctx) {
      return snapshot.evaluate(segment, ctx).ids();
    }

    @Override
    public long count(Segment segment, EvaluationContext ctx) {
      return snapshot.evaluate(segment, ctx).count();
    }

    @Override
    public void close() {}
  }

  /** An in-memory DuckDB database holding the snapshot in the table layout. */
  private static final class DuckDb implements Engine {
    private final Connection connection;
    private final Schema schema;

    DuckDb(IndexSnapshot snapshot) {
      this.schema = snapshot.schema();
      try {
        connection = DriverManager.getConnection("jdbc:duckdb:");
        DuckDbTables.load(connection, snapshot);
      } catch (SQLException e) {
        throw new IllegalStateException("DuckDB refused the dataset: " + e.getMessage(), e);
      }
    }

    @Override
    public List<String> ids(Segment segment, EvaluationContext ctx) {
      String sql = SegmentSql.compile(segment, schema, ctx, SqlEngine.DUCKDB,
          SegmentSql.Keys.POSITIONS);
      try {
        return DuckDbTables.ids(connection, sql);
      } catch (SQLException e) {
        throw new IllegalStateException("DuckDB refused the query: " + e.getMessage(), e);
      }
    }

    @Override
    public long count(Segment segment, EvaluationContext ctx) {
      String sql = SegmentSql.compileCount(segment, schema, ctx, SqlEngine.DUCKDB,
          SegmentSql.Keys.POSITIONS);
      try {
        return DuckDbTables.count(connection, sql);
      } catch (SQLException e) {
        throw new IllegalStateException("DuckDB refused the query: " + e.getMessage(), e);
      }
    }

    @Override
    public void close() {
      try {
        connection.close();
      } catch (SQLException e) {
        // nothing was written: closing an in-memory database cannot lose anything
      }
    }
  }
}
