package org.segmentdsl.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The snapshot benchmark measures correct work: at a small size, the index loaded from its file
 * replaces the built one and gives every agreed count, the reader ran during the save, and the
 * file is gone afterwards.
 */
class SnapshotBenchmarkTest {
  @Test
  void theLoadedIndexTakesTheBuiltOnesPlaceWithTheSameCounts(@TempDir Path dir) throws Exception {
    LoadedEngines loaded = LoadedEngines.load(10_000, false, false, message -> { });
    try {
      SegmentDslEngine built = loaded.ours();
      List<String> progress = new ArrayList<>();
      LoadedEngines.SnapshotReport report = loaded.switchToSnapshot(dir, progress::add);

      assertThat(loaded.ours()).isNotSameAs(built);
      assertThat(loaded.ours().index().size()).isEqualTo(built.index().size());
      for (Workload w : Workload.values()) {
        assertThat(loaded.ours().count(w)).as(w.label()).isEqualTo(loaded.report().counts().get(w));
      }
      assertThat(report.bytes()).isPositive();
      assertThat(report.readerEvaluations()).isPositive();
      assertThat(progress).anyMatch(m -> m.startsWith("saved "));
      try (var files = Files.list(dir)) {
        assertThat(files).isEmpty();
      }
    } finally {
      LoadedEngines.release(10_000);
    }
  }
}
