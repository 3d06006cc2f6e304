package org.segmentdsl.internal.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class EventBlobTest {
  /** Epoch microseconds of the extremes the index accepts (+-290,000 years). */
  static final long MIN = -9_183_110_000_000_000_000L;
  static final long MAX = 9_089_063_000_000_000_000L;

  @Test
  void randomSectionsSurviveTheRoundTrip() {
    long seed = new SplittableRandom().nextLong();
    SplittableRandom random = new SplittableRandom(seed);
    for (int trial = 0; trial < 2_000; trial++) {
      TreeMap<Integer, long[]> sections = new TreeMap<>();
      int types = random.nextInt(6);
      long unit = new long[] {1, 1_000, 1_000_000, 7}[random.nextInt(4)];
      for (int t = 0; t < types; t++) {
        int n = 1 + random.nextInt(random.nextBoolean() ? 3 : 60);
        long[] times = new long[n];
        for (int i = 0; i < n; i++) {
          times[i] = switch (random.nextInt(5)) {
            case 0 -> random.nextBoolean() ? MIN : MAX;
            // below 2020 by more than a long can hold, in whole milliseconds
            case 4 -> MIN + random.nextLong(1_000_000_000_000_000L) / 1000 * 1000 + 384;
            case 1 -> random.nextLong(-1_000_000_000, 1_000_000_000) * unit;
            default -> 1_790_000_000_000_000L + random.nextLong(31_536_000_000_000L) / unit * unit;
          };
        }
        Arrays.sort(times);
        sections.put(random.nextInt(40), times);
      }
      byte[] blob = EventBlob.encode(sections);
      String why = "seed " + seed + ", trial " + trial + ", sections " + describe(sections);
      if (sections.isEmpty()) {
        assertThat(blob).as(why).isNull();
        continue;
      }
      TreeMap<Integer, long[]> back = EventBlob.decodeAll(blob);
      assertThat(describe(back)).as(why).isEqualTo(describe(sections));
      EventList list = new EventList();
      for (int typeId = 0; typeId < 41; typeId++) {
        EventBlob.decode(blob, typeId, list);
        long[] expected = sections.getOrDefault(typeId, new long[0]);
        long[] got = new long[list.size()];
        for (int i = 0; i < got.length; i++) {
          got[i] = list.micros(i);
        }
        assertThat(got).as(why + ", type " + typeId).containsExactly(expected);
      }
    }
  }

  @Test
  void secondResolutionTimesOverAYearTakeAboutThreeBytesEach() {
    SplittableRandom random = new SplittableRandom(7);
    long[] times = new long[20];
    for (int i = 0; i < times.length; i++) {
      times[i] = (1_790_000_000L + random.nextLong(31_536_000L)) * 1_000_000L;
    }
    Arrays.sort(times);
    TreeMap<Integer, long[]> sections = new TreeMap<>(Map.of(3, times));
    // 1 unit + 5 base + 1 type + 1 count + 1 first + 1 width + 19 gaps of at most 25 bits
    assertThat(EventBlob.encode(sections).length).isLessThanOrEqualTo(10 + (19 * 25 + 7) / 8);
  }

  private static String describe(TreeMap<Integer, long[]> sections) {
    StringBuilder sb = new StringBuilder();
    sections.forEach((k, v) -> sb.append(k).append('=').append(Arrays.toString(v)).append(' '));
    return sb.toString();
  }
}
