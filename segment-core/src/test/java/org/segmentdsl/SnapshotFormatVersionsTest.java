package org.segmentdsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.segmentdsl.dsl.Conditions.event;
import static org.segmentdsl.dsl.Conditions.prop;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.segmentdsl.condition.Condition;
import org.segmentdsl.condition.EventCondition;

/**
 * Every snapshot format version this library has shipped still loads and answers as it did: the
 * test resources keep a small file of each ({@code snapshots/format-N.snapshot}), written by the
 * library version that introduced it from {@link SnapshotFileTest#sample}, with the ids each of
 * {@link SnapshotFileTest#CONDITIONS} matched then ({@code format-N.answers}, one line each).
 * Run {@link #main} to write the files of the current version, once, when it is new.
 */
class SnapshotFormatVersionsTest {
  static final long SEED = 42;

  @Test
  void everyShippedFormatVersionLoadsAndAnswersAsItDid() throws IOException {
    for (int version = 1; version <= SnapshotFile.FORMAT_VERSION; version++) {
      byte[] file = resource("format-" + version + ".snapshot");
      List<String> answers = List.of(new String(resource("format-" + version + ".answers"),
          StandardCharsets.UTF_8).split("\n"));
      SnapshotFile.Loaded loaded = SnapshotFile.load(new java.io.ByteArrayInputStream(file),
          "format-" + version + ".snapshot");
      assertThat(loaded.segments()).isEqualTo(SnapshotFileTest.SAVED);
      assertThat(answers(loaded.index())).as("format version %d", version)
          .containsExactlyElementsOf(answers);
      // and it goes on taking batches
      loaded.index().upsert(Contact.builder("after-load").tags("vip").build());
      assertThat(loaded.index().evaluate(Conditions.VIP, SnapshotFileTest.CTX).ids())
          .endsWith("after-load");
    }
  }

  @Test
  void theCurrentVersionsFileIsWhatTheSampleGivesToday() throws IOException {
    // the sample has not drifted from what the files were written from, so the answers above
    // are the index's own, not an accident of the generator
    ContactIndex index = SnapshotFileTest.sample(SEED);
    assertThat(answers(index)).containsExactlyElementsOf(List.of(new String(
        resource("format-" + SnapshotFile.FORMAT_VERSION + ".answers"), StandardCharsets.UTF_8)
        .split("\n")));
  }

  @Test
  void olderFilesMakeTheirPropertyBucketsFromTheirEvents() throws IOException {
    // versions 1 and 2 have no property day buckets: the reader makes them as it loads, and
    // windowed property filters (which read them) answer as on the index the files came from
    ContactIndex sample = SnapshotFileTest.sample(SEED);
    List<Condition> windowed = new ArrayList<>();
    for (String sku : List.of("p-0", "p-1", "p-2")) {
      for (int days : new int[] {1, 7, 30, 45}) {
        EventCondition c = event("purchase").where(prop("sku").eq(sku))
            .inLast(Duration.ofDays(days));
        windowed.add(c);
        windowed.add(c.never());
        windowed.add(c.atLeast(2));
      }
    }
    for (int version = 1; version < 3; version++) {
      SnapshotFile.Loaded loaded = SnapshotFile.load(new java.io.ByteArrayInputStream(
          resource("format-" + version + ".snapshot")), "format-" + version + ".snapshot");
      for (Condition c : windowed) {
        assertThat(loaded.index().evaluate(c, SnapshotFileTest.CTX).ids())
            .as("format version %d: %s", version, c)
            .isEqualTo(sample.evaluate(c, SnapshotFileTest.CTX).ids())
            .isEqualTo(sample.evaluate(c, SnapshotFileTest.CTX.sequential()).ids());
      }
    }
  }

  static List<String> answers(ContactIndex index) {
    List<String> lines = new ArrayList<>();
    for (Condition c : SnapshotFileTest.CONDITIONS) {
      lines.add(String.join(",",
          index.evaluate(c, SnapshotFileTest.CTX.withSegments(SnapshotFileTest.SAVED)).ids()));
    }
    return lines;
  }

  private static byte[] resource(String name) throws IOException {
    try (InputStream in = SnapshotFormatVersionsTest.class.getResourceAsStream(
        "/snapshots/" + name)) {
      assertThat(in).as("test resource snapshots/%s", name).isNotNull();
      return in.readAllBytes();
    }
  }

  /** Conditions the test uses beyond the sample's. */
  static final class Conditions {
    static final Condition VIP = org.segmentdsl.dsl.Conditions.tag("vip");
  }

  /** Writes the current format version's files into {@code args[0]} (the resources folder). */
  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args[0]);
    ContactIndex index = SnapshotFileTest.sample(SEED);
    String name = "format-" + SnapshotFile.FORMAT_VERSION;
    SnapshotFile.save(index, SnapshotFileTest.SAVED, dir.resolve(name + ".snapshot"));
    Files.writeString(dir.resolve(name + ".answers"), String.join("\n", answers(index)));
  }
}
