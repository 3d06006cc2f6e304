package org.segmentdsl.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.segmentdsl.EvaluationContext;
import org.segmentdsl.Segment;
import org.segmentdsl.SegmentResult;
import org.segmentdsl.SnapshotFile;

/**
 * Every case of the shared conformance suite (copied into this module's test resources): each
 * segment of {@code setN/expected.jsonl} evaluated on its dataset gives exactly the expected
 * count and ids in order, also on the dataset saved to a snapshot file and loaded back; and every
 * document of {@code invalid/} is refused.
 */
class ConformanceTest {
  static Path root() {
    try {
      return Path.of(ConformanceTest.class.getResource("/conformance/README.md").toURI())
          .getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final Map<String, Dataset> DATASETS = new HashMap<>();

  static synchronized Dataset dataset(String set) {
    return DATASETS.computeIfAbsent(set, s -> DatasetLoader.load(root().resolve(s).resolve("data")));
  }

  /** One line of expected.jsonl. */
  record Expected(String segment, String now, String zone, long count, List<String> ids) {}

  @SuppressWarnings("unchecked")
  static List<Expected> expected(String set) throws IOException {
    List<Expected> out = new ArrayList<>();
    for (String line : Files.readAllLines(root().resolve(set).resolve("expected.jsonl"))) {
      if (line.isBlank()) {
        continue;
      }
      Map<String, Object> o;
      try {
        byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
        o = (Map<String, Object>) JsonTree.parse(bytes, 0, bytes.length);
      } catch (JsonTree.Malformed e) {
        throw new IllegalStateException(e);
      }
      out.add(new Expected((String) o.get("segment"), (String) o.get("now"),
          (String) o.get("zone"), (Long) o.get("count"), (List<String>) (List<?>) o.get("ids")));
    }
    return out;
  }

  private static final Map<String, Dataset> SNAPSHOTS = new HashMap<>();

  /** A set's dataset saved to a snapshot file's bytes and loaded back. */
  static synchronized Dataset fromSnapshot(String set) {
    return SNAPSHOTS.computeIfAbsent(set, s -> {
      Dataset data = dataset(s);
      try {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        SnapshotFile.save(data.index(), data.segments(), out);
        SnapshotFile.Loaded loaded = SnapshotFile.load(
            new ByteArrayInputStream(out.toByteArray()), s + ".snapshot");
        return new Dataset(loaded.index().schema(), loaded.index(), loaded.segments());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  @TestFactory
  Stream<DynamicTest> everyExpectedResult() throws IOException {
    return expectedResults(ConformanceTest::dataset);
  }

  @TestFactory
  Stream<DynamicTest> everyExpectedResultFromASnapshotFile() throws IOException {
    return expectedResults(ConformanceTest::fromSnapshot);
  }

  private static Stream<DynamicTest> expectedResults(Function<String, Dataset> datasets)
      throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (String set : List.of("set1", "set2", "set3")) {
      for (Expected e : expected(set)) {
        tests.add(DynamicTest.dynamicTest(set + "/" + e.segment(), () -> {
          Dataset data = datasets.apply(set);
          Segment segment = SegmentJson.read(root().resolve(set).resolve(e.segment()),
              data.schema(), data.segments());
          EvaluationContext ctx = EvaluationContext.of(Instant.parse(e.now()), ZoneId.of(e.zone()))
              .withSegments(data.segments());
          SegmentResult result = data.index().evaluate(segment, ctx);
          assertThat(result.ids()).as("%s/%s ids", set, e.segment()).containsExactlyElementsOf(e.ids());
          assertThat((long) result.count()).isEqualTo(e.count());
        }));
      }
    }
    assertThat(tests).hasSize(129);
    return tests.stream();
  }

  @TestFactory
  Stream<DynamicTest> everyInvalidDocumentIsRefused() throws IOException {
    Path dir = root().resolve("invalid");
    List<Path> files;
    try (Stream<Path> list = Files.list(dir)) {
      files = list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    }
    assertThat(files).hasSizeGreaterThanOrEqualTo(40);
    return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
      Dataset data = dataset("set1");
      assertThatThrownBy(() -> SegmentJson.read(file, data.schema(), data.segments()))
          .isInstanceOf(SegmentFormatException.class)
          .satisfies(t -> assertThat(((SegmentFormatException) t).problems()).isNotEmpty());
    }));
  }

  @TestFactory
  Stream<DynamicTest> everySegmentRoundTrips() throws IOException {
    List<Path> files = new ArrayList<>();
    for (String set : List.of("set1", "set2", "set3")) {
      for (String sub : List.of("segments", "data/segments")) {
        try (Stream<Path> list = Files.list(root().resolve(set).resolve(sub))) {
          list.filter(p -> p.toString().endsWith(".json")).sorted().forEach(files::add);
        }
      }
    }
    return files.stream().map(file -> DynamicTest.dynamicTest(
        root().relativize(file).toString(), () -> {
          Segment s = SegmentJson.read(file);
          String canonical = SegmentJson.write(s);
          assertThat(SegmentJson.read(canonical)).isEqualTo(s);
          assertThat(SegmentJson.write(SegmentJson.read(canonical))).isEqualTo(canonical);
        }));
  }
}
