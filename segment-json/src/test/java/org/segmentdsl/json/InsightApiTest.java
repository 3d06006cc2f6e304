package org.segmentdsl.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.roaringbitmap.buffer.ImmutableRoaringBitmap;
import org.segmentdsl.ContactExplanation;
import org.segmentdsl.EvaluationContext;
import org.segmentdsl.IndexSnapshot;
import org.segmentdsl.LintFinding;
import org.segmentdsl.Segment;
import org.segmentdsl.SegmentOverlap;
import org.segmentdsl.SegmentReport;
import org.segmentdsl.dsl.Conditions;

/**
 * {@link IndexSnapshot#overlap} and {@link IndexSnapshot#report} on the insight conformance
 * suite's cases, through the API: the counts, shares and Jaccard indexes the suite expects, every
 * pair equal to what the evaluated bitmaps give when intersected directly, and every activity
 * count equal to evaluating {@code event(type).inLast(30 days)} within the members.
 */
class InsightApiTest {
  static final Path INSIGHT = Path.of("src/test/resources/conformance/insight");
  private static final Pattern STRING = Pattern.compile("\"((?:[^\"\\\\]|\\\\.)*)\"");
  private static final Pattern NUMBER = Pattern.compile("\"(\\w+)\":\\s*([-0-9.eE]+)");

  @TestFactory
  Stream<DynamicTest> everyOverlapCaseThroughTheApi() throws IOException {
    return cases("overlap").map(c -> DynamicTest.dynamicTest(INSIGHT.relativize(c).toString(),
        () -> checkOverlap(c)));
  }

  @TestFactory
  Stream<DynamicTest> everyReportCaseThroughTheApi() throws IOException {
    return cases("report").map(c -> DynamicTest.dynamicTest(INSIGHT.relativize(c).toString(),
        () -> checkReport(c)));
  }

  @TestFactory
  Stream<DynamicTest> everyWhyCaseThroughTheApi() throws IOException {
    return cases("why").map(c -> DynamicTest.dynamicTest(INSIGHT.relativize(c).toString(),
        () -> checkWhy(c)));
  }

  private static void checkWhy(Path argsFile) throws IOException {
    Path set = argsFile.getParent().getParent();
    String args = Files.readString(argsFile);
    Dataset data = DatasetLoader.load(set.resolve("data"));
    EvaluationContext ctx = EvaluationContext.of(Instant.parse(value(args, "now")),
        ZoneId.of(value(args, "zone"))).withSegments(data.segments());
    Segment segment = SegmentJson.read(set.resolve(value(args, "segment")), data.schema(),
        data.segments());
    Optional<ContactExplanation> why =
        data.index().snapshot().why(segment, value(args, "contact"), ctx);
    if (args.contains("\"expectedExit\"")) { // a contact not in the index
      assertThat(why).isEmpty();
      return;
    }
    List<String> expected = Files.readAllLines(
        Path.of(argsFile.toString().replace(".args.json", ".expected.jsonl"))).stream()
        .filter(l -> !l.isBlank()).toList();
    InsightCases.assertWhy(expected, InsightJson.why(why.orElseThrow()).lines().toList());
    assertThat(why.get().member()).isEqualTo(
        data.index().snapshot().evaluate(segment, ctx).ids().contains(value(args, "contact")));
  }

  @TestFactory
  Stream<DynamicTest> everyLintCaseThroughTheApi() throws IOException {
    List<Path> sets = InsightCases.setsWith(INSIGHT, "lint/args.json");
    assertThat(sets).hasSizeGreaterThanOrEqualTo(3);
    return sets.stream().map(set -> DynamicTest.dynamicTest(
        INSIGHT.relativize(set).toString() + "/lint", () -> checkLint(set)));
  }

  /** The suite's lint call through {@link IndexSnapshot#lint}, its output lines made as the CLI's. */
  private static void checkLint(Path set) throws IOException {
    String args = Files.readString(set.resolve("lint/args.json"));
    Dataset data = DatasetLoader.load(set.resolve("data"));
    EvaluationContext ctx = EvaluationContext.of(Instant.parse(value(args, "now")),
        ZoneId.of(value(args, "zone"))).withSegments(data.segments());
    List<String> lines = new ArrayList<>();
    Matcher m = STRING.matcher(args.substring(args.indexOf('['), args.indexOf(']')));
    while (m.find()) {
      String file = m.group(1);
      if (!file.endsWith(".json")) {
        continue;
      }
      Segment segment = SegmentJson.read(set.resolve(file), data.schema(), data.segments());
      List<LintFinding> findings = data.index().snapshot().lint(segment, ctx);
      if (findings.isEmpty()) {
        lines.add(file + ": ok");
      }
      findings.forEach(f -> lines.add(file + ": " + f));
    }
    InsightCases.assertLint(Files.readAllLines(set.resolve("lint/expected.jsonl")).stream()
        .filter(l -> !l.isBlank()).toList(), lines);
  }

  private static Stream<Path> cases(String command) throws IOException {
    List<Path> cases = InsightCases.cases(INSIGHT, command);
    assertThat(cases).hasSizeGreaterThanOrEqualTo(3);
    return cases.stream();
  }

  /** A case's dataset, context and segments, read as its args file says. */
  private record Case(Dataset data, EvaluationContext ctx, List<Segment> segments,
      List<String> expected) {
    static Case read(Path argsFile) throws IOException {
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
      List<String> expected = Files.readAllLines(
          Path.of(argsFile.toString().replace(".args.json", ".expected.jsonl"))).stream()
          .filter(l -> !l.isBlank()).toList();
      return new Case(data, ctx, segments, expected);
    }
  }

  private static void checkReport(Path argsFile) throws IOException {
    Case c = Case.read(argsFile);
    IndexSnapshot snapshot = c.data().index().snapshot();
    assertThat(c.expected()).hasSameSizeAs(c.segments());
    for (int i = 0; i < c.segments().size(); i++) {
      String line = c.expected().get(i);
      SegmentReport r = snapshot.report(c.segments().get(i), c.ctx());
      assertThat(r.count()).isEqualTo((int) number(line, "count"));
      assertThat(r.share()).isCloseTo(number(line, "share"), within(1e-9));
      ImmutableRoaringBitmap members = snapshot.evaluate(c.segments().get(i), c.ctx()).bitmap();
      for (Map.Entry<String, SegmentReport.Activity> e : r.activity().entrySet()) {
        int at = line.indexOf("\"" + e.getKey() + "\"");
        assertThat(at).as("type %s in %s", e.getKey(), line).isPositive();
        String object = line.substring(at, line.indexOf('}', at));
        SegmentReport.Activity a = e.getValue();
        assertThat(a.members()).isEqualTo((int) number(object, "members"));
        assertThat(a.others()).isEqualTo((int) number(object, "others"));
        assertThat(a.membersShare()).isCloseTo(number(object, "membersShare"), within(1e-9));
        assertThat(a.othersShare()).isCloseTo(number(object, "othersShare"), within(1e-9));
        ImmutableRoaringBitmap active = snapshot.evaluate(Conditions.event(e.getKey())
            .inLast(Duration.ofDays(30)), c.ctx()).bitmap();
        assertThat(a.members()).isEqualTo(ImmutableRoaringBitmap.andCardinality(active, members));
      }
      assertThat(line.split("Share\":").length - 1).as("event types of %s", line)
          .isEqualTo(2 * r.activity().size());
    }
  }

  private static void checkOverlap(Path argsFile) throws IOException {
    Case c = Case.read(argsFile);
    List<Segment> segments = c.segments();
    EvaluationContext ctx = c.ctx();
    IndexSnapshot snapshot = c.data().index().snapshot();
    SegmentOverlap overlap = snapshot.overlap(segments, ctx);

    List<String> expected = c.expected();
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
