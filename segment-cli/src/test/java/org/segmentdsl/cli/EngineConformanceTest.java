package org.segmentdsl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.segmentdsl.json.EvaluationCases;

/**
 * The conformance suite's evaluation cases through {@code eval --engine duckdb} and {@code
 * --engine spark}: byte for byte what {@code --engine memory} prints, which the suite's own test
 * ({@link CliConformanceTest}) checks against the expected ids. Each set's cases at one instant
 * and zone run as one call with every segment ({@code --output json}, a line each); a few run
 * alone in the other output modes; every invalid document is refused with the same status and
 * message; and {@code sql} prints the query each engine runs.
 */
class EngineConformanceTest {

  @TestFactory
  Stream<DynamicTest> everyCaseGivesTheSameBytesOnEveryEngine() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (String set : List.of("set1", "set2", "set3")) {
      Path dir = CliConformanceTest.ROOT.resolve(set);
      Map<String, List<String>> byContext = new LinkedHashMap<>(); // "now zone" -> segments
      for (EvaluationCases c : EvaluationCases.read(dir.resolve("expected.jsonl"))) {
        byContext.computeIfAbsent(c.now() + " " + c.zone(), k -> new ArrayList<>())
            .add(dir.resolve(c.segment()).toString());
      }
      int cases = 0;
      for (Map.Entry<String, List<String>> e : byContext.entrySet()) {
        String[] nowZone = e.getKey().split(" ");
        List<String> args = new ArrayList<>(List.of("eval", "--data",
            dir.resolve("data").toString(), "--now", nowZone[0], "--zone", nowZone[1]));
        e.getValue().forEach(s -> args.addAll(List.of("--segment", s)));
        cases += e.getValue().size();
        for (String engine : List.of("duckdb", "spark")) {
          tests.add(DynamicTest.dynamicTest(set + " at " + e.getKey() + " (" + e.getValue().size()
              + " segments) on " + engine, () -> same(args, engine)));
        }
        String first = e.getValue().get(0);
        for (String output : List.of("ids", "count", "json")) {
          List<String> one = new ArrayList<>(List.of("eval", "--data",
              dir.resolve("data").toString(), "--now", nowZone[0], "--zone", nowZone[1],
              "--segment", first, "--output", output));
          for (String engine : List.of("duckdb", "spark")) {
            tests.add(DynamicTest.dynamicTest(set + " " + first + " --output " + output + " on "
                + engine, () -> same(one, engine)));
          }
        }
      }
      assertThat(cases).isGreaterThanOrEqualTo(40);
    }
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> everyInvalidDocumentIsRefusedAlikeOnEveryEngine() throws IOException {
    List<Path> files;
    try (Stream<Path> list = Files.list(CliConformanceTest.ROOT.resolve("invalid"))) {
      files = list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    assertThat(files).hasSizeGreaterThanOrEqualTo(20);
    return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(),
        () -> {
          String[] args = {"eval", "--data",
              CliConformanceTest.ROOT.resolve("set1/data").toString(), "--segment",
              file.toString(), "--now", "2026-07-15T18:45:30Z"};
          CliRun memory = CliRun.of(args);
          assertThat(memory.status()).isEqualTo(SegmentCli.INVALID);
          for (String engine : List.of("duckdb", "spark")) {
            List<String> on = new ArrayList<>(List.of(args));
            on.addAll(List.of("--engine", engine));
            CliRun run = CliRun.of(on.toArray(String[]::new));
            assertThat(run.status()).as(engine).isEqualTo(memory.status());
            assertThat(run.out()).as(engine).isEqualTo(memory.out());
            assertThat(run.err()).as(engine).isEqualTo(memory.err());
          }
        }));
  }

  /** The engine prints exactly what memory prints, with status 0 and nothing on errors. */
  private static void same(List<String> args, String engine) {
    CliRun memory = CliRun.of(args.toArray(String[]::new));
    assertThat(memory.status()).as(memory.err()).isZero();
    List<String> on = new ArrayList<>(args);
    on.addAll(List.of("--engine", engine));
    CliRun run = CliRun.of(on.toArray(String[]::new));
    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.out()).isEqualTo(memory.out());
  }

  @Test
  void sqlPrintsTheQueryOfEachDialect() {
    Path dir = CliConformanceTest.ROOT.resolve("set1");
    String segment = dir.resolve("segments/s000.json").toString();
    for (String dialect : List.of("duckdb", "spark")) {
      CliRun run = CliRun.of("sql", "--dialect", dialect, "--data", dir.resolve("data")
          .toString(), "--segment", segment, "--now", "2026-03-10T16:00:00Z");
      assertThat(run.status()).as(run.err()).isZero();
      assertThat(run.out()).contains("FROM contacts").contains("ORDER BY")
          .contains(dialect.equals("duckdb") ? "\"c#\"" : "`c#`");
    }
    CliRun bad = CliRun.of("sql", "--dialect", "oracle", "--data", "x", "--segment", segment);
    assertThat(bad.status()).isEqualTo(SegmentCli.USAGE);
  }

  @Test
  void exportWritesEveryTableAsParquet(@org.junit.jupiter.api.io.TempDir Path tmp)
      throws java.sql.SQLException {
    Path dir = CliConformanceTest.ROOT.resolve("set1");
    CliRun run = CliRun.of("export", "--data", dir.resolve("data").toString(), "--out",
        tmp.resolve("out").toString());
    assertThat(run.status()).as(run.err()).isZero();
    assertThat(run.out()).startsWith(tmp.resolve("out") + ": contacts, ");
    try (java.sql.Connection c = java.sql.DriverManager.getConnection("jdbc:duckdb:");
        java.sql.Statement s = c.createStatement();
        java.sql.ResultSet rs = s.executeQuery("SELECT count(*) FROM read_parquet('"
            + tmp.resolve("out/contacts/contacts.parquet") + "')")) {
      rs.next();
      assertThat(rs.getLong(1)).isEqualTo(CliRun.of("eval", "--data",
          dir.resolve("data").toString(), "--json", "{\"format\":\"segment/v1\",\"where\":"
              + "{\"all\":[]}}", "--output", "count").out().strip().transform(Long::parseLong));
    }
    for (String table : List.of("contact_tags", "contact_lists", "events", "event_props",
        "deals", "accounts")) {
      assertThat(tmp.resolve("out").resolve(table).resolve(table + ".parquet")).exists();
    }
    assertThat(CliRun.of("export", "--data", "x", "--out", "y", "--format", "csv").status())
        .isEqualTo(SegmentCli.USAGE);
  }
}
