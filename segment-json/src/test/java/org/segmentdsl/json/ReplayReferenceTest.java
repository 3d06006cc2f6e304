package org.segmentdsl.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.segmentdsl.EvaluationContext;
import org.segmentdsl.IndexSnapshot;
import org.segmentdsl.LiveSegment;
import org.segmentdsl.LiveSegments;
import org.segmentdsl.Segment;
import org.segmentdsl.SegmentChange;
import org.segmentdsl.SegmentListener;

/**
 * The replay conformance cases ({@code conformance/replay/caseN}) through the change-stream
 * reader and live segments (the Java API), and through a plain, obviously-correct replay: after each step every segment is evaluated from
 * scratch and compared with its membership before the step. This checks the reader (which lines
 * are rejected, what the accepted ones change) against {@code expected-stdout.jsonl} and {@code
 * expected-rejected.txt} without the live-segments engine, and is the reference that the engine's
 * incremental notifications must agree with.
 */
class ReplayReferenceTest {
  static Path replayRoot() {
    return ConformanceTest.root().resolve("replay");
  }

  static List<Path> cases() throws IOException {
    try (Stream<Path> list = Files.list(replayRoot())) {
      return list.filter(Files::isDirectory).sorted().toList();
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> json(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    try {
      return (Map<String, Object>) JsonTree.parse(bytes, 0, bytes.length);
    } catch (JsonTree.Malformed e) {
      throw new IllegalStateException(e);
    }
  }

  /** The value after {@code option} in the argv. */
  static List<String> values(List<String> argv, String option) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < argv.size() - 1; i++) {
      if (argv.get(i).equals(option)) {
        out.add(argv.get(i + 1));
      }
    }
    return out;
  }

  @TestFactory
  Stream<DynamicTest> everyReplayCaseByTheReference() throws IOException {
    List<Path> cases = cases();
    assertThat(cases).isNotEmpty();
    return cases.stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(),
        () -> replay(dir)));
  }

  @SuppressWarnings("unchecked")
  private static void replay(Path dir) throws IOException {
    Map<String, Object> args = json(Files.readString(dir.resolve("replay.args.json")));
    List<String> argv = (List<String>) args.get("argv");
    Dataset data = DatasetLoader.load(dir.resolve(values(argv, "--data").get(0)));
    Instant now = Instant.parse(values(argv, "--now").get(0));
    ZoneId zone = ZoneId.of(values(argv, "--zone").get(0));
    Map<String, Segment> segments = new LinkedHashMap<>();
    for (String file : values(argv, "--segment")) {
      Segment s = SegmentJson.read(dir.resolve(file), data.schema(), data.segments());
      segments.put(s.id() != null ? s.id() : file, s);
    }
    Map<String, Set<String>> members = evaluate(data, segments, now, zone);

    List<String> out = new ArrayList<>();
    Set<Integer> rejected = new TreeSet<>();
    try (ChangeStream stream = ChangeStream.open(dir.resolve(values(argv, "--changes").get(0)),
        data.schema())) {
      for (ChangeLine line = stream.next(); line != null; line = stream.next()) {
        if (line instanceof ChangeLine.Rejected) {
          rejected.add(line.line());
          continue;
        }
        if (line instanceof ChangeLine.Tick tick) {
          if (tick.now().isBefore(now)) {
            rejected.add(line.line());
            continue;
          }
          now = tick.now();
        } else {
          ChangeLine.Changes changes = (ChangeLine.Changes) line;
          try {
            data.index().update(changes::applyTo);
          } catch (InvalidChangeException e) {
            rejected.add(line.line());
            continue;
          }
        }
        Map<String, Set<String>> after = evaluate(data, segments, now, zone);
        for (String key : segments.keySet()) {
          Set<String> entered = new TreeSet<>(after.get(key));
          entered.removeAll(members.get(key));
          Set<String> exited = new TreeSet<>(members.get(key));
          exited.removeAll(after.get(key));
          if (!entered.isEmpty() || !exited.isEmpty()) {
            out.add(JsonText.write(Map.of("line", (long) line.line(), "segment", key,
                "entered", List.copyOf(entered), "exited", List.copyOf(exited))));
          }
        }
        members = after;
      }
    }
    for (String key : segments.keySet()) {
      out.add(JsonText.write(Map.of("segment", key, "count", (long) members.get(key).size())));
    }

    List<Object> expected = Files.readAllLines(dir.resolve("expected-stdout.jsonl")).stream()
        .filter(l -> !l.isBlank()).map(l -> (Object) json(l)).toList();
    assertThat(out.stream().map(l -> (Object) json(l)).toList()).isEqualTo(expected);
    assertThat(rejected).isEqualTo(expectedRejected(dir));
  }

  @TestFactory
  Stream<DynamicTest> everyReplayCaseThroughLiveSegments() throws IOException {
    List<Path> cases = cases();
    assertThat(cases).isNotEmpty();
    return cases.stream().map(dir -> DynamicTest.dynamicTest(dir.getFileName().toString(),
        () -> replayLive(dir)));
  }

  /**
   * The same cases through the Java API a user would write: a change stream into an index with
   * live segments, notifications delivered asynchronously by the default executor.
   */
  @SuppressWarnings("unchecked")
  private static void replayLive(Path dir) throws IOException, InterruptedException {
    Map<String, Object> args = json(Files.readString(dir.resolve("replay.args.json")));
    List<String> argv = (List<String>) args.get("argv");
    Dataset data = DatasetLoader.load(dir.resolve(values(argv, "--data").get(0)));
    ZoneId zone = ZoneId.of(values(argv, "--zone").get(0));
    List<String> out = new ArrayList<>();
    Set<Integer> rejected = new TreeSet<>();
    List<SegmentChange> changes = java.util.Collections.synchronizedList(new ArrayList<>());
    List<LiveSegment> registered = new ArrayList<>();
    try (LiveSegments live = LiveSegments.builder(data.index())
        .clock(Clock.fixed(Instant.parse(values(argv, "--now").get(0)), zone))
        .segments(data.segments())
        .build();
        ChangeStream stream = ChangeStream.open(dir.resolve(values(argv, "--changes").get(0)),
            data.schema())) {
      for (String file : values(argv, "--segment")) {
        Segment s = SegmentJson.read(dir.resolve(file), data.schema(), data.segments());
        registered.add(live.register(s.id() != null ? s.id() : file, s, zone,
            SegmentListener.of(changes::add, r -> {
              throw new AssertionError("no listener falls behind here: " + r);
            })));
      }
      for (ChangeLine line = stream.next(); line != null; line = stream.next()) {
        try {
          if (line instanceof ChangeLine.Rejected) {
            rejected.add(line.line());
            continue;
          } else if (line instanceof ChangeLine.Tick tick) {
            live.advanceTo(tick.now());
          } else {
            data.index().update(((ChangeLine.Changes) line)::applyTo);
          }
        } catch (IllegalArgumentException | org.segmentdsl.SegmentDslException e) {
          // a tick backwards, or a change refused
          rejected.add(line.line());
          continue;
        }
        assertThat(live.awaitDelivered(Duration.ofSeconds(30))).isTrue();
        for (LiveSegment s : registered) { // in the order given, as the replay prints
          for (SegmentChange c : changes) {
            if (c.key().equals(s.key())) {
              out.add(JsonText.write(Map.of("line", (long) line.line(), "segment", c.key(),
                  "entered", c.entered().stream().sorted().toList(),
                  "exited", c.exited().stream().sorted().toList())));
            }
          }
        }
        changes.clear();
      }
      for (LiveSegment s : registered) {
        out.add(JsonText.write(Map.of("segment", s.key(), "count", (long) s.members().count())));
      }
    }
    List<Object> expected = Files.readAllLines(dir.resolve("expected-stdout.jsonl")).stream()
        .filter(l -> !l.isBlank()).map(l -> (Object) json(l)).toList();
    assertThat(out.stream().map(l -> (Object) json(l)).toList()).isEqualTo(expected);
    assertThat(rejected).isEqualTo(expectedRejected(dir));
  }

  private static Set<Integer> expectedRejected(Path dir) throws IOException {
    Set<Integer> expectedRejected = new TreeSet<>();
    for (String l : Files.readAllLines(dir.resolve("expected-rejected.txt"))) {
      if (!l.isBlank()) {
        expectedRejected.add(Integer.parseInt(l.substring(0, l.indexOf(':'))));
      }
    }
    return expectedRejected;
  }

  private static Map<String, Set<String>> evaluate(Dataset data, Map<String, Segment> segments,
      Instant now, ZoneId zone) {
    IndexSnapshot snapshot = data.index().snapshot();
    EvaluationContext ctx = EvaluationContext.of(now, zone).withSegments(data.segments());
    Map<String, Set<String>> out = new LinkedHashMap<>();
    segments.forEach((key, s) -> out.put(key, new TreeSet<>(snapshot.evaluate(s, ctx).ids())));
    return out;
  }
}
