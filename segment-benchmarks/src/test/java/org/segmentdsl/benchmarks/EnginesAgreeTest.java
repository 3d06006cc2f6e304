package org.segmentdsl.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The three engines find the same contacts for every workload on a small data set (20,000
 * contacts, the benchmark seed), and every workload selects a real part of the audience: neither
 * no one nor everyone. The data set puts some events exactly on window edges, so this also pins
 * each engine's boundaries to segment-format.md.
 */
class EnginesAgreeTest {
  static final int CONTACTS = 20_000;

  @TempDir
  static Path duckDbTemp;

  static Dataset data;
  static SegmentDslEngine ours;
  static DuckDbEngine duckDb;
  static PlainJavaEngine plainJava;

  @BeforeAll
  static void load() {
    data = DataGenerator.generate(CONTACTS);
    ours = SegmentDslEngine.load(data);
    duckDb = DuckDbEngine.load(data, 2, "1GB", duckDbTemp.toString());
    plainJava = PlainJavaEngine.load(data);
  }

  @AfterAll
  static void close() {
    duckDb.close();
  }

  @Test
  void everyEngineCountsEveryWorkloadAlike() {
    for (Workload w : Workload.values()) {
      long plain = plainJava.count(w);
      assertThat(duckDb.count(w)).as("DuckDB, %s", w.label()).isEqualTo(plain);
      assertThat(ours.count(w)).as("Segment DSL, %s", w.label()).isEqualTo(plain);
    }
  }

  @Test
  void everyWorkloadSelectsSomeButNotAll() {
    Map<Workload, Long> counts = CrossCheck.agreedCounts(List.of(ours, duckDb, plainJava));
    assertThat(counts).hasSize(Workload.values().length);
    counts.forEach((w, n) -> assertThat(n).as(w.label()).isBetween(1L, CONTACTS - 1L));
  }
}
