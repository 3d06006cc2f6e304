package org.segmentdsl.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.segmentdsl.dsl.Conditions.all;
import static org.segmentdsl.dsl.Conditions.any;
import static org.segmentdsl.dsl.Conditions.inSegment;
import static org.segmentdsl.dsl.Conditions.not;
import static org.segmentdsl.dsl.Conditions.tag;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.segmentdsl.EvaluationContext;
import org.segmentdsl.Segment;
import org.segmentdsl.condition.Condition;

/**
 * A dataset whose {@code segments/} chain 48 saved segments by reference, each 32 levels deep
 * (segment-format.md section 4: within the limits, so it loads and evaluates, without a stack
 * overflow), read on a thread with a small stack so that depth adding up across references would
 * overflow it; and the same chain one segment over the limit, refused with a short message.
 */
class DeepReferenceDatasetTest {
  static final Instant NOW = Instant.parse("2026-11-28T12:00:00Z");

  @TempDir
  Path dir;

  /**
   * Writes the dataset: contacts {@code a} (lead), {@code b} (lead, customer), {@code c}
   * (engaged), and segments {@code s0 .. s(n-1)}, each 32 levels deep around a reference to the
   * next, the last around {@code tag "lead"}; each keeps the leads that are not customers.
   */
  private void dataset(int n) throws IOException {
    Files.writeString(dir.resolve("schema.json"), "{}");
    Files.writeString(dir.resolve("contacts.jsonl"), """
        {"id": "a", "tags": ["lead"]}
        {"id": "b", "tags": ["lead", "customer"]}
        {"id": "c", "tags": ["engaged"]}
        """);
    Files.createDirectories(dir.resolve("segments"));
    for (int i = 0; i < n; i++) {
      Condition c = i == n - 1 ? tag("lead") : inSegment("s" + (i + 1));
      for (int level = 0; level < 32; level++) {
        c = switch (level % 4) {
          case 0 -> any(tag("nobody"), c);
          case 1 -> all(tag("lead"), not(tag("customer")), c);
          default -> not(c);
        };
      }
      Files.writeString(dir.resolve("segments/s" + i + ".json"),
          SegmentJson.write(Segment.builder().id("s" + i).where(c).build()));
    }
    Files.writeString(dir.resolve("top.json"),
        "{\"format\": \"segment/v1\", \"where\": {\"segment\": \"s0\"}}");
  }

  /** Runs {@code body} on a thread with a 256 KiB stack; what it throws fails the test. */
  /** A test body that may throw. */
  @FunctionalInterface
  interface Body {
    void run() throws Exception;
  }

  static void onSmallStack(Body body) throws Exception {
    FutureTask<?> task = new FutureTask<>(() -> {
      body.run();
      return null;
    });
    new Thread(null, task, "small-stack", 256 * 1024).start();
    task.get(120, TimeUnit.SECONDS);
  }

  @Test
  void fortyEightChainedSegmentsThirtyTwoDeepLoadReadAndEvaluate() throws Exception {
    dataset(48);
    onSmallStack(() -> {
      Dataset data = DatasetLoader.load(dir);
      assertThat(data.segments().size()).isEqualTo(48);
      Segment s0 = SegmentJson.read(dir.resolve("segments/s0.json"), data.schema(),
          data.segments());
      Segment top = SegmentJson.read(dir.resolve("top.json"), data.schema(), data.segments());
      EvaluationContext ctx = EvaluationContext.at(NOW).withSegments(data.segments());
      assertThat(data.index().evaluate(s0, ctx).ids()).containsExactly("a");
      assertThat(data.index().evaluate(top, ctx).ids()).containsExactly("a");
      assertThat(data.index().explain(top, ctx).toString()).endsWith("total: 1");
      // written back and read again, each saved segment is the same
      for (String id : data.segments().ids()) {
        Segment saved = data.segments().get(id).orElseThrow();
        assertThat(SegmentJson.read(SegmentJson.write(saved))).isEqualTo(saved);
      }
    });
  }

  @Test
  void aChainOverTheLimitIsRefusedWithAShortMessage() throws Exception {
    dataset(65);
    onSmallStack(() -> assertThatThrownBy(() -> DatasetLoader.load(dir))
        .isInstanceOf(DatasetException.class)
        .satisfies(e -> {
          assertThat(((DatasetException) e).problems()).singleElement().asString()
              .hasSizeLessThan(400)
              .endsWith("s0.json: /where" + "/not/not/all/2/any/1".repeat(8)
                  + "/segment: segment reference chain s0 -> s1 -> s2 -> s3 -> ... is 65 "
                  + "segments long; at most 64 are allowed");
        }));
  }
}
