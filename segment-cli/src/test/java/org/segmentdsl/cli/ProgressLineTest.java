package org.segmentdsl.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ProgressLineTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void showsShareRateAndTimeLeft() {
    // 93 of 207 MB in 2.5 s: the other 114 MB at that pace take about 3 s
    assertThat(ProgressLine.text("events.jsonl", 1_250_000, 93_000_000, 207_000_000,
        5 * SECOND / 2)).isEqualTo("loading events.jsonl: 44% (93 of 207 MB), 1,250,000 lines, "
            + "500,000 lines/s, 3 s left");
    assertThat(ProgressLine.text("events.jsonl", 100, 1_000_000, 207_000_000, 2 * SECOND))
        .endsWith("50 lines/s, 6 min 52 s left");
  }

  @Test
  void aPipeShowsLinesAndRateOnly() {
    assertThat(ProgressLine.text("contacts.jsonl", 60_000, 5_000_000, -1, 2 * SECOND))
        .isEqualTo("loading contacts.jsonl: 60,000 lines, 30,000 lines/s");
  }

  @Test
  void noRateInTheFirstHalfSecond() {
    assertThat(ProgressLine.text("contacts.jsonl", 10, 500, 1000, SECOND / 10))
        .isEqualTo("loading contacts.jsonl: 50% (0 of 0 MB), 10 lines");
  }

  @Test
  void printsAtMostFiveTimesASecondAndAlwaysAFilesEnd() {
    long[] now = {0};
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ProgressLine line = new ProgressLine(new PrintStream(bytes, true, StandardCharsets.UTF_8),
        () -> now[0]);
    line.read("a.jsonl", 1, 10, 100);
    for (int i = 0; i < 10; i++) {
      now[0] += SECOND / 50;
      line.read("a.jsonl", i, 20, 100);
    }
    line.read("a.jsonl", 100, 100, 100); // the end: shown at once
    line.clear();
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertThat(out.split("\r\033\\[K", -1)).hasSize(5); // 3 lines shown, then cleared
    assertThat(out).endsWith("\r\033[K").contains("100% (0 of 0 MB), 100 lines");
  }
}
