package org.segmentdsl.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.SQLException;
import org.apache.spark.sql.SparkSession;
import org.segmentdsl.Segment;
import org.segmentdsl.spark.SparkSegments;
import org.segmentdsl.sql.DuckDbTables;
import org.segmentdsl.sql.SegmentSql;

/**
 * Apache Spark SQL on {@code local[2]} running the workloads as Segment DSL compiles them ({@link
 * SparkSegments#count}, joining on the layout's integer positions), over the layout exported as Parquet from {@link CompiledDuckDbEngine}'s
 * tables ({@code bin/segment export}): what a Spark job reading that export gets, on this
 * machine's two cores. The Parquet files are read on every query, as from a data lake; nothing is
 * cached in Spark.
 */
public final class SparkSqlEngine implements Engine {
  private final SparkSession spark;
  private final long exportNanos;
  private final long registerNanos;

  private SparkSqlEngine(SparkSession spark, long exportNanos, long registerNanos) {
    this.spark = spark;
    this.exportNanos = exportNanos;
    this.registerNanos = registerNanos;
  }

  /** Exports the compiled engine's tables to {@code dir} and registers them in a new session. */
  public static SparkSqlEngine load(CompiledDuckDbEngine compiled, Path dir) {
    try {
      long t0 = System.nanoTime();
      DuckDbTables.exportParquet(compiled.connection(), dir);
      long t1 = System.nanoTime();
      SparkSession spark = SparkSession.builder().master("local[2]").appName("segment-benchmarks")
          .config("spark.ui.enabled", "false")
          .config("spark.sql.shuffle.partitions", "8")
          .getOrCreate();
      spark.sparkContext().setLogLevel("ERROR");
      SparkSegments.registerParquet(spark, dir.toAbsolutePath().toString());
      return new SparkSqlEngine(spark, t1 - t0, System.nanoTime() - t1);
    } catch (SQLException e) {
      throw new IllegalStateException("exporting the layout failed: " + e.getMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@return how long writing the Parquet export took} */
  public long exportNanos() {
    return exportNanos;
  }

  /** {@return how long starting the session and registering the Parquet tables took} */
  public long registerNanos() {
    return registerNanos;
  }

  /** Spark's version. */
  public String version() {
    return spark.version();
  }

  @Override
  public String name() {
    return "Spark, compiled";
  }

  @Override
  public long count(Workload workload) {
    return SparkSegments.count(spark, Segment.of(SegmentDslEngine.condition(workload)),
        SegmentDslEngine.SCHEMA, SegmentDslEngine.CONTEXT, SegmentSql.Keys.POSITIONS);
  }

  @Override
  public void close() {
    spark.stop();
  }
}
