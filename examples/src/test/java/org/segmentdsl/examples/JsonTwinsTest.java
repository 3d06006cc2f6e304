package org.segmentdsl.examples;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.segmentdsl.Segment;
import org.segmentdsl.json.SegmentJson;

/** Each example's saved-segment file reads to exactly the segment its DSL builds. */
class JsonTwinsTest {
  static Stream<Arguments> examples() {
    return Examples.all().stream().map(e -> Arguments.of(e.segment().id(), e.segment()));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("examples")
  void theJsonFileIsTheDslSegment(String id, Segment dsl) throws IOException {
    Segment json = SegmentJson.read(Path.of("segments", id + ".json"),
        DemoData.SCHEMA, Examples.registry());
    assertThat(json).isEqualTo(dsl);
    assertThat(SegmentJson.read(SegmentJson.write(dsl))).isEqualTo(dsl);
  }

  @org.junit.jupiter.api.Test
  void everyJsonFileIsAnExample() throws IOException {
    try (Stream<Path> files = Files.list(Path.of("segments"))) {
      List<String> ids = files.map(p -> p.getFileName().toString().replace(".json", ""))
          .sorted().toList();
      assertThat(ids).containsExactlyInAnyOrderElementsOf(
          Examples.all().stream().map(e -> e.segment().id()).toList());
    }
  }
}
