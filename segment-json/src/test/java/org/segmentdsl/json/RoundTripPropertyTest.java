package org.segmentdsl.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.segmentdsl.Segment;

/**
 * Writing and reading are inverse on random segments of every kind: {@code read(write(s))} equals
 * {@code s}, and writing what was read gives the very same bytes.
 */
class RoundTripPropertyTest {
  @Test
  void readOfWriteIsTheSegmentAndWritingIsStable() throws java.io.IOException {
    long base = Seeds.base();
    int tries = Seeds.tries(2_000);
    for (int i = 0; i < tries; i++) {
      long seed = base + i;
      Segment s = RandomSegments.segment(new SplittableRandom(seed));
      String json = SegmentJson.write(s);
      String why = "seed " + seed + " (" + Seeds.replay("RoundTripPropertyTest", seed) + "): " + json;
      Segment back = SegmentJson.read(json);
      assertThat(back).as(why).isEqualTo(s);
      assertThat(SegmentJson.write(back)).as(why).isEqualTo(json);
      // the other ways in give the same
      assertThat(SegmentJson.read(new java.io.StringReader(json))).as(why).isEqualTo(s);
      assertThat(SegmentJson.read(new java.io.ByteArrayInputStream(
          json.getBytes(java.nio.charset.StandardCharsets.UTF_8)))).as(why).isEqualTo(s);
    }
  }
}
