package org.segmentdsl.cli;

import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.segmentdsl.EvaluationContext;
import org.segmentdsl.IndexSnapshot;
import org.segmentdsl.Schema;
import org.segmentdsl.Segment;
import org.segmentdsl.spark.SparkSegments;
import org.segmentdsl.sql.SegmentSql;

/**
 * {@code eval --engine spark}: a local Spark session ({@code local[*]}, no UI, its own logs at
 * errors only) with the snapshot registered as the layout's views. In a class of its own, so
 * that Spark's classes load only when this engine is asked for.
 */
final class SparkEngine implements Engines.Engine {
  private final SparkSession spark;
  private final Schema schema;

  private SparkEngine(SparkSession spark, Schema schema) {
    this.spark = spark;
    this.schema = schema;
  }

  static SparkEngine open(IndexSnapshot snapshot) {
    // Spark logs its start at INFO on standard error; the command line shows its errors only
    if (System.getProperty("log4j2.configurationFile") == null) {
      System.setProperty("log4j2.configurationFile", "org/segmentdsl/cli/spark-log4j2.properties");
    }
    SparkSession spark = SparkSession.builder().master("local[*]").appName("bin/segment")
        .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "4")
        .getOrCreate();
    spark.sparkContext().setLogLevel("ERROR");
    SparkSegments.register(spark, snapshot);
    return new SparkEngine(spark, snapshot.schema());
  }

  @Override
  public List<String> ids(Segment segment, EvaluationContext ctx) {
    return SparkSegments.ids(spark, segment, schema, ctx, SegmentSql.Keys.POSITIONS);
  }

  @Override
  public long count(Segment segment, EvaluationContext ctx) {
    return SparkSegments.count(spark, segment, schema, ctx, SegmentSql.Keys.POSITIONS);
  }

  @Override
  public void close() {
    // the session is left to the JVM's end: stopping it here would stop the one a test shares
  }
}
