package org.segmentdsl.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segmentdsl.EvaluationContext;
import org.segmentdsl.json.Dataset;
import org.segmentdsl.json.DatasetLoader;
import org.segmentdsl.json.SegmentJson;

/**
 * The dataset folder the loader benchmark reads is the benchmark's audience: written by {@link
 * DatasetFolder} (events in time order) and read back by {@link DatasetLoader}, every workload's
 * saved segment counts what the engine built from the arrays counts.
 */
class DatasetFolderTest {
  @TempDir
  Path dir;

  @Test
  void aWrittenFolderLoadsToTheSameAnswers() throws IOException {
    org.segmentdsl.benchmarks.Dataset data = DataGenerator.generate(5_000);
    DatasetFolder.write(data, dir);
    Dataset loaded = DatasetLoader.load(dir);
    assertThat(loaded.index().snapshot().size()).isEqualTo(data.contacts());
    assertThat(Files.readAllLines(dir.resolve("events.jsonl"))).hasSize(data.events());

    SegmentDslEngine built = SegmentDslEngine.load(data);
    EvaluationContext context = EvaluationContext.at(org.segmentdsl.benchmarks.Dataset.NOW)
        .withSegments(loaded.segments());
    for (Workload w : Workload.values()) {
      var segment = SegmentJson.read(dir.resolve("segments").resolve("w" + (w.ordinal() + 1)
          + ".json"));
      assertThat((long) loaded.index().evaluate(segment, context).count())
          .as(w.label()).isEqualTo(built.count(w)).isPositive();
    }
    assertThat(loaded.segments().ids()).containsAll(List.of(Workload.W9_COMPOSITE,
        Workload.W9_ONBOARDING, Workload.W9_REENGAGEMENT));
  }
}
