package org.segmentdsl.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.roaringbitmap.buffer.ImmutableRoaringBitmap;
import org.segmentdsl.EvaluationContext;
import org.segmentdsl.IndexSnapshot;
import org.segmentdsl.Segment;
import org.segmentdsl.SegmentOverlap;

/**
 * {@link IndexSnapshot#overlap} on the insight conformance suite's overlap cases, through the
 * API: the counts and Jaccard indexes the suite expects, and every pair equal to what the
 * evaluated bitmaps give when intersected directly.
 */
class OverlapTest {
  static final Path INSIGHT = Path.of("src/test/resources/conformance/insight");
  private static final Pattern STRING = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
  private static final Pattern NUMBER = Pattern.compile("\"(\\w+)\":\\s*([-0-9.eE]+)");

  @TestFactory
  Stream<DynamicTest> everyOverlapCaseThroughTheApi() throws IOException {
    List<Path> cases = new ArrayList<>();
    try (Stream<Path> sets = Files.list(INSIGHT)) {
      for (Path set : sets.filter(Files::isDirectory).sorted().toList()) {
        try (Stream<Path> files = Files.list(set.resolve("overlap"))) {
          files.filter(f -> f.toString().endsWith(".args.json")).sorted().forEach(cases::add);
        }
      }
    }
    assertThat(cases).hasSizeGreaterThanOrEqualTo(3);
    return cases.stream().map(c -> DynamicTest.dynamicTest(INSIGHT.relativize(c).toString(),
        () -> check(c)));
  }

  private static void check(Path argsFile) throws IOException {
    Path set = argsFile.getParent().getParent();
    String args = Files.readString(argsFile);
    Dataset data = DatasetLoader.load(set.resolve("data"));
    EvaluationContext ctx = EvaluationContext.of(Instant.parse(value(args, "now")),
        ZoneId.of(value(args, "zone"))).withSegments(data.segments());
    String list = args.substring(args.indexOf("\"segments\""));
    list = list.substring(list.indexOf('[') + 1, list.indexOf(']'));
    List<Segment> segments = new ArrayList<>();
    Matcher m = STRING.matcher(list);
    while (m.find()) {
      segments.add(SegmentJson.read(set.resolve(m.group(1)), data.schema(), data.segments()));
    }
    IndexSnapshot snapshot = data.index().snapshot();
    SegmentOverlap overlap = snapshot.overlap(segments, ctx);

    List<String> expected = Files.readAllLines(
        Path.of(argsFile.toString().replace(".args.json", ".expected.jsonl"))).stream()
        .filter(l -> !l.isBlank()).toList();
    int n = segments.size();
    assertThat(expected).hasSize(n + n * (n - 1) / 2);
    for (int i = 0; i < n; i++) {
      assertThat(overlap.counts().get(i)).isEqualTo((int) number(expected.get(i), "count"));
    }
    List<ImmutableRoaringBitmap> members = segments.stream()
        .map(s -> snapshot.evaluate(s, ctx).bitmap()).toList();
    for (int k = 0; k < overlap.pairs().size(); k++) {
      SegmentOverlap.Pair p = overlap.pairs().get(k);
      String line = expected.get(n + k);
      assertThat(p.both()).isEqualTo((int) number(line, "both"));
      assertThat(p.onlyA()).isEqualTo((int) number(line, "onlyA"));
      assertThat(p.onlyB()).isEqualTo((int) number(line, "onlyB"));
      assertThat(p.jaccard()).isCloseTo(number(line, "jaccard"), within(1e-9));
      // the same as intersecting the evaluated members
      assertThat(p.both()).isEqualTo(
          ImmutableRoaringBitmap.andCardinality(members.get(p.a()), members.get(p.b())));
      assertThat(p.onlyA() + p.both()).isEqualTo(members.get(p.a()).getCardinality());
      assertThat(p.onlyB() + p.both()).isEqualTo(members.get(p.b()).getCardinality());
    }
  }

  private static String value(String json, String key) {
    int at = json.indexOf("\"" + key + "\"");
    Matcher m = STRING.matcher(json.substring(json.indexOf(':', at)));
    assertThat(m.find()).isTrue();
    return m.group(1);
  }

  private static double number(String line, String key) {
    Matcher m = NUMBER.matcher(line);
    while (m.find()) {
      if (m.group(1).equals(key)) {
        return Double.parseDouble(m.group(2));
      }
    }
    throw new AssertionError(key + " not in " + line);
  }
}
