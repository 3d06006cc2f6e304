package org.segmentdsl.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The shipped JSON Schema accepts every valid segment we have and refuses structural mistakes. */
class JsonSchemaTest {
  static final Schema SCHEMA = load();

  static Schema load() {
    try (InputStream in = SegmentJson.class.getResourceAsStream("segment-v1.schema.json")) {
      return SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
          .getSchema(in, InputFormat.JSON);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  static List<Error> errors(String json) {
    return SCHEMA.validate(json, InputFormat.JSON);
  }

  @TestFactory
  Stream<DynamicTest> everyConformanceSegmentValidates() throws IOException {
    Path root = ConformanceTest.root();
    List<Path> files = new ArrayList<>();
    for (String set : List.of("set1", "set2", "set3")) {
      for (String sub : List.of("segments", "data/segments")) {
        try (Stream<Path> list = Files.list(root.resolve(set).resolve(sub))) {
          list.filter(p -> p.toString().endsWith(".json")).sorted().forEach(files::add);
        }
      }
    }
    assertThat(files).hasSizeGreaterThan(100);
    return files.stream().map(f -> DynamicTest.dynamicTest(root.relativize(f).toString(), () ->
        assertThat(errors(Files.readString(f))).isEmpty()));
  }

  @Test
  void canonicalOutputOfRandomSegmentsValidates() {
    long seed = Seeds.base();
    for (int i = 0; i < 300; i++) {
      String json = SegmentJson.write(RandomSegments.segment(new java.util.SplittableRandom(seed + i)));
      assertThat(errors(json)).as("seed %d: %s", seed + i, json).isEmpty();
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{\"where\": {\"tag\": \"a\"}}",
      "{\"format\": \"segment/v2\", \"where\": {\"tag\": \"a\"}}",
      "{\"format\": \"segment/v1\", \"where\": {\"tag\": \"a\"}, \"nmae\": \"x\"}",
      "{\"format\": \"segment/v1\", \"where\": {\"tag\": \"\"}}",
      "{\"format\": \"segment/v1\", \"where\": {\"tag\": \"a\", \"list\": \"b\"}}",
      "{\"format\": \"segment/v1\", \"where\": {\"field\": \"x\", \"op\": \"isSet\", \"value\": 1}}",
      "{\"format\": \"segment/v1\", \"where\": {\"field\": \"x\", \"op\": \"eq\"}}",
      "{\"format\": \"segment/v1\", \"where\": {\"field\": \"x\", \"op\": \"inLast\", \"value\": \"14 days\"}}",
      "{\"format\": \"segment/v1\", \"where\": {\"event\": \"x\", \"atLeast\": 1.5}}",
      "{\"format\": \"segment/v1\", \"where\": {\"event\": \"x\", \"within\": {\"last\": \"P1D\", \"from\": \"2026-01-01\"}}}",
      "{\"format\": \"segment/v1\", \"where\": {\"deal\": {\"tag\": \"a\"}}}",
      "{\"format\": \"segment/v1\", \"where\": {\"field\": \"g\", \"op\": \"within\", \"value\": {\"lat\": 1, \"lon\": 2, \"km\": 3, \"miles\": 4}}}",
      "{\"format\": \"segment/v1\", \"where\": {\"event\": \"x\", \"where\": [{\"prop\": \"p\", \"op\": \"eq\", \"vaule\": 1}]}}"
  })
  void structuralMistakesAreRefused(String json) {
    assertThat(errors(json)).isNotEmpty();
    // and the library refuses them too
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> SegmentJson.read(json))
        .isInstanceOf(SegmentFormatException.class);
  }
}
