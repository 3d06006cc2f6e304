package org.segmentdsl.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The hand-written fast path gives exactly what {@code ISO_OFFSET_DATE_TIME} gives. */
class InstantsTest {
  static Instant reference(String s) {
    try {
      return OffsetDateTime.parse(s, DateTimeFormatter.ISO_OFFSET_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }

  @Test
  void agreesWithTheFormatterOnRandomAndAwkwardText() {
    long seed = Seeds.base();
    SplittableRandom r = new SplittableRandom(seed);
    String[] fixed = {"2026-11-28T09:30:00Z", "2026-11-28T09:30:00.5+02:00", "2026-02-29T00:00:00Z",
        "2024-02-29T23:59:59.999999999-00:00", "2026-11-28T24:00:00Z", "2026-11-28T09:30Z",
        "2026-11-28t09:30:00z", "2026-11-28T09:30:00+18:00", "2026-11-28T09:30:00+19:00",
        "2026-11-28T09:30:00.Z", "2026-11-28T09:30:00.1234567891Z", "2026-13-01T00:00:00Z",
        "2026-11-28T09:30:60Z", "+12026-11-28T09:30:00Z", "2026-11-28T09:30:00+02:00:30",
        "2026-11-28 09:30:00Z", "2026-11-28T09:30:00", "0000-01-01T00:00:00Z", "2026-1-28T09:30:00Z"};
    for (String s : fixed) {
      assertThat(Instants.parse(s)).as(s).isEqualTo(reference(s));
    }
    String chars = "0123456789-:T.Z+z ";
    for (int i = 0; i < 20_000; i++) {
      StringBuilder sb = new StringBuilder("2026-0" + (1 + r.nextInt(9)) + "-" + (10 + r.nextInt(22))
          + "T" + (10 + r.nextInt(14)) + ":" + (10 + r.nextInt(50)) + ":" + (10 + r.nextInt(50)));
      if (r.nextBoolean()) {
        sb.append('.').append(r.nextInt(1_000_000));
      }
      sb.append(r.nextBoolean() ? "Z" : (r.nextBoolean() ? "+" : "-") + "0" + r.nextInt(10) + ":"
          + (10 + r.nextInt(50)));
      if (r.nextInt(4) == 0) {
        sb.setCharAt(r.nextInt(sb.length()), chars.charAt(r.nextInt(chars.length())));
      }
      String s = sb.toString();
      assertThat(Instants.parse(s)).as("seed %d: %s", seed, s).isEqualTo(reference(s));
    }
  }
}
