package org.segmentdsl.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segmentdsl.EvaluationContext;
import org.segmentdsl.Segment;
import org.segmentdsl.json.Dataset;
import org.segmentdsl.json.DatasetLoader;
import org.segmentdsl.json.SegmentJson;
import org.segmentdsl.sql.DuckDbTables;

/**
 * The layout exported as Parquet by DuckDB and read by Spark gives the first {@value #CASES}
 * segments of a conformance set (fields of every type, events with properties, deals, accounts,
 * references) the in-memory engine's members: the export carries every value (timestamps as
 * instants) that the queries read. (The whole suite runs on Spark from registered rows in
 * {@link SparkConformanceTest}; reading Parquet costs more per query.)
 */
class ParquetExportTest {
  static final int CASES = 12;
  private static final Pattern FIELD = Pattern.compile("\"(\\w+)\": \"((?:[^\"\\\\]|\\\\.)*)\"");

  @Test
  void sparkOnTheExportGivesTheEnginesMembers(@TempDir Path tmp) throws Exception {
    Path dir = SparkConformanceTest.ROOT.resolve("set2");
    Dataset data = DatasetLoader.load(dir.resolve("data"));
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
      DuckDbTables.load(c, data.index().snapshot());
      DuckDbTables.exportParquet(c, tmp.resolve("export"));
    }
    for (String table : DuckDbTables.TABLES) {
      assertThat(tmp.resolve("export").resolve(table).resolve(table + ".parquet")).exists();
    }
    SparkSession spark = SparkConformanceTest.session();
    SparkSegments.registerParquet(spark, tmp.resolve("export").toString());
    int compared = 0;
    for (String line : Files.readAllLines(dir.resolve("expected.jsonl"))) {
      if (line.isBlank() || compared == CASES) {
        continue;
      }
      EvaluationContext ctx = EvaluationContext.of(Instant.parse(field(line, "now")),
          ZoneId.of(field(line, "zone"))).withSegments(data.segments());
      Segment segment = SegmentJson.read(dir.resolve(field(line, "segment")), data.schema(),
          data.segments());
      List<String> expected = data.index().snapshot().evaluate(segment, ctx).ids();
      assertThat(SparkSegments.ids(spark, segment, data.schema(), ctx)).as(line)
          .containsExactlyElementsOf(expected);
      compared++;
    }
    assertThat(compared).isEqualTo(CASES);
  }

  private static String field(String line, String key) {
    Matcher m = FIELD.matcher(line);
    while (m.find()) {
      if (m.group(1).equals(key)) {
        return m.group(2);
      }
    }
    throw new AssertionError(key + " not in " + line);
  }
}
