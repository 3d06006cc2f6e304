package org.segmentdsl.sql;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.segmentdsl.EvaluationContext;
import org.segmentdsl.Segment;
import org.segmentdsl.json.Dataset;
import org.segmentdsl.json.DatasetLoader;
import org.segmentdsl.json.EvaluationCases;
import org.segmentdsl.json.SegmentJson;

/**
 * The conformance suite's evaluation cases (sets 1 to 3: every kind of condition) compiled to
 * DuckDB SQL and run on the sets' datasets loaded into DuckDB: the same ids in the same order as
 * the suite expects (and as the in-memory engine gives).
 */
class DuckDbConformanceTest {
  static final Path ROOT = Path.of("../segment-json/src/test/resources/conformance");
  private static final List<Connection> OPEN = new ArrayList<>();

  @AfterAll
  static void close() throws SQLException {
    for (Connection c : OPEN) {
      c.close();
    }
  }

  @TestFactory
  Stream<DynamicTest> everyEvaluationCaseOnDuckDb() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (String set : List.of("set1", "set2", "set3")) {
      Path dir = ROOT.resolve(set);
      Dataset[] data = new Dataset[1];
      Connection[] connection = new Connection[1];
      for (EvaluationCases line : EvaluationCases.read(dir.resolve("expected.jsonl"))) {
        tests.add(DynamicTest.dynamicTest(set + "/" + line.segment() + " at " + line.now(),
            () -> {
              if (data[0] == null) {
                data[0] = DatasetLoader.load(dir.resolve("data"));
                connection[0] = DriverManager.getConnection("jdbc:duckdb:");
                OPEN.add(connection[0]);
                DuckDbTables.load(connection[0], data[0].index().snapshot());
              }
              check(dir, data[0], connection[0], line);
            }));
      }
    }
    assertThat(tests).hasSizeGreaterThanOrEqualTo(100);
    return tests.stream();
  }

  private static void check(Path dir, Dataset data, Connection connection,
      EvaluationCases line) throws Exception {
    EvaluationContext ctx = EvaluationContext.of(Instant.parse(line.now()),
        ZoneId.of(line.zone())).withSegments(data.segments());
    Segment segment = SegmentJson.read(dir.resolve(line.segment()), data.schema(),
        data.segments());
    String sql = SegmentSql.compile(segment, data.schema(), ctx, SqlEngine.DUCKDB);
    List<String> got;
    try {
      got = DuckDbTables.ids(connection, sql);
    } catch (SQLException e) {
      throw new AssertionError(e.getMessage() + "\n" + sql, e);
    }
    assertThat(got).as(sql).containsExactlyElementsOf(line.ids());
    for (SegmentSql.Keys keys : SegmentSql.Keys.values()) {
      String byKeys = SegmentSql.compile(segment, data.schema(), ctx, SqlEngine.DUCKDB, keys);
      assertThat(DuckDbTables.ids(connection, byKeys)).as(byKeys)
          .containsExactlyElementsOf(line.ids());
      String count = SegmentSql.compileCount(segment, data.schema(), ctx, SqlEngine.DUCKDB,
          keys);
      assertThat(DuckDbTables.count(connection, count)).as(count).isEqualTo(line.ids().size());
    }
  }
}
