package org.segmentdsl.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.segmentdsl.EvaluationContext;
import org.segmentdsl.Segment;
import org.segmentdsl.json.Dataset;
import org.segmentdsl.json.DatasetLoader;
import org.segmentdsl.json.EvaluationCases;
import org.segmentdsl.json.SegmentJson;
import org.segmentdsl.sql.SegmentSql;

/**
 * The conformance suite's evaluation cases (sets 1 to 3) on Spark {@code local[2]}: each set's
 * dataset registered as the layout's views, each segment compiled to Spark SQL, the same ids in
 * the same order as the suite expects.
 */
class SparkConformanceTest {
  static final Path ROOT = Path.of("../segment-json/src/test/resources/conformance");
  static SparkSession spark;

  @BeforeAll
  static void start() {
    spark = session();
  }

  /** A local session for tests: two threads, no UI, few shuffle partitions. */
  static SparkSession session() {
    return SparkSession.builder().master("local[2]").appName("segment-dsl-tests")
        .config("spark.ui.enabled", "false").config("spark.sql.shuffle.partitions", "2")
        .config("spark.sql.session.timeZone", "Pacific/Kiritimati") // answers must not depend on it
        .getOrCreate();
  }

  @AfterAll
  static void stop() {
    spark.stop();
  }

  @TestFactory
  Stream<DynamicTest> everyEvaluationCaseOnSpark() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (String set : List.of("set1", "set2", "set3")) {
      Path dir = ROOT.resolve(set);
      Dataset[] data = new Dataset[1];
      for (EvaluationCases line : EvaluationCases.read(dir.resolve("expected.jsonl"))) {
        tests.add(DynamicTest.dynamicTest(set + "/" + line.segment() + " at " + line.now(),
            () -> {
              if (data[0] == null) {
                data[0] = DatasetLoader.load(dir.resolve("data"));
                SparkSegments.register(spark, data[0].index().snapshot());
              }
              check(dir, data[0], line);
            }));
      }
    }
    assertThat(tests).hasSizeGreaterThanOrEqualTo(100);
    return tests.stream();
  }

  private static void check(Path dir, Dataset data, EvaluationCases line) throws IOException {
    EvaluationContext ctx = EvaluationContext.of(Instant.parse(line.now()),
        ZoneId.of(line.zone())).withSegments(data.segments());
    Segment segment = SegmentJson.read(dir.resolve(line.segment()), data.schema(),
        data.segments());
    assertThat(SparkSegments.ids(spark, segment, data.schema(), ctx, SegmentSql.Keys.IDS))
        .containsExactlyElementsOf(line.ids());
    assertThat(SparkSegments.count(spark, segment, data.schema(), ctx,
        SegmentSql.Keys.POSITIONS)).isEqualTo(line.ids().size());
  }
}
