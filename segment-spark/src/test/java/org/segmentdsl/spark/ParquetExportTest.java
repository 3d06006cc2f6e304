package org.segmentdsl.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segmentdsl.EvaluationContext;
import org.segmentdsl.Segment;
import org.segmentdsl.json.Dataset;
import org.segmentdsl.json.DatasetLoader;
import org.segmentdsl.json.EvaluationCases;
import org.segmentdsl.json.SegmentJson;
import org.segmentdsl.sql.DuckDbTables;
import org.segmentdsl.sql.SegmentSql;

/**
 * The layout exported as Parquet by DuckDB and read by Spark gives the first {@value #CASES}
 * segments of a conformance set (fields of every type, events with properties, deals, accounts,
 * references) the in-memory engine's members: the export carries every value (timestamps as
 * instants) that the queries read. (The whole suite runs on Spark from registered rows in
 * {@link SparkConformanceTest}; reading Parquet costs more per query.)
 */
class ParquetExportTest {
  static final int CASES = 12;

  @Test
  void sparkOnTheExportGivesTheEnginesMembers(@TempDir Path tmp) throws Exception {
    Path dir = SparkConformanceTest.ROOT.resolve("set2");
    Dataset data = DatasetLoader.load(dir.resolve("data"));
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
      DuckDbTables.load(c, data.index().snapshot());
      DuckDbTables.exportParquet(c, tmp.resolve("export"));
    }
    for (String table : SegmentSql.TABLES) {
      assertThat(tmp.resolve("export").resolve(table).resolve(table + ".parquet")).exists();
    }
    SparkSession spark = SparkConformanceTest.session();
    SparkSegments.registerParquet(spark, tmp.resolve("export").toString());
    int compared = 0;
    for (EvaluationCases line : EvaluationCases.read(dir.resolve("expected.jsonl"))) {
      if (compared == CASES) {
        break;
      }
      EvaluationContext ctx = EvaluationContext.of(Instant.parse(line.now()),
          ZoneId.of(line.zone())).withSegments(data.segments());
      Segment segment = SegmentJson.read(dir.resolve(line.segment()), data.schema(),
          data.segments());
      List<String> expected = data.index().snapshot().evaluate(segment, ctx).ids();
      assertThat(SparkSegments.ids(spark, segment, data.schema(), ctx,
          SegmentSql.Keys.POSITIONS)).as(line.toString())
          .containsExactlyElementsOf(expected);
      assertThat(SparkSegments.count(spark, segment, data.schema(), ctx, SegmentSql.Keys.IDS))
          .as(line.toString())
          .isEqualTo(expected.size());
      compared++;
    }
    assertThat(compared).isEqualTo(CASES);
  }
}
