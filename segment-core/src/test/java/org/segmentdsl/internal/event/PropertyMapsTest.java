package org.segmentdsl.internal.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Property map numbering and the varint codec of a contact's list of numbers. */
class PropertyMapsTest {
  @Test
  void equalMapsShareANumberWhateverTheirOrderAndNoPropertiesIsNone() {
    PropertyMaps maps = new PropertyMaps();
    Map<String, Object> ab = new LinkedHashMap<>();
    ab.put("a", "x");
    ab.put("b", 1.0);
    Map<String, Object> ba = new LinkedHashMap<>();
    ba.put("b", 1.0);
    ba.put("a", "x");
    int first = maps.intern(ab);
    assertThat(first).isEqualTo(1);
    assertThat(maps.intern(ba)).isEqualTo(first);
    assertThat(maps.intern(Map.of("a", "y"))).isEqualTo(2);
    assertThat(maps.intern(Map.of())).isEqualTo(PropertyMaps.NONE);
    assertThat(maps.maps()[first]).isEqualTo(ab);
    assertThat(maps.size()).isEqualTo(3);
  }

  @Test
  void numbersGrowPastTheFirstArrayAndKeepTheirMaps() {
    PropertyMaps maps = new PropertyMaps();
    for (int i = 0; i < 1_000; i++) {
      assertThat(maps.intern(Map.of("n", (double) i))).isEqualTo(i + 1);
    }
    for (int i = 0; i < 1_000; i++) {
      assertThat(maps.maps()[i + 1]).isEqualTo(Map.of("n", (double) i));
      assertThat(maps.intern(Map.of("n", (double) i))).isEqualTo(i + 1);
    }
  }

  @Test
  void listsOfNumbersRoundTripAcrossEveryVarintLength() {
    int[] edges = {0, 1, 127, 128, 16_383, 16_384, (1 << 21) - 1, 1 << 21, (1 << 28) - 1,
        1 << 28, Integer.MAX_VALUE};
    byte[] encoded = PropertyMaps.encode(edges, edges.length);
    assertThat(encoded).hasSize(1 + 1 + 1 + 2 + 2 + 3 + 3 + 4 + 4 + 5 + 5);
    int[] decoded = new int[edges.length];
    PropertyMaps.decode(encoded, edges.length, decoded);
    assertThat(decoded).isEqualTo(edges);

    long seed = new SplittableRandom().nextLong();
    SplittableRandom r = new SplittableRandom(seed);
    for (int round = 0; round < 1_000; round++) {
      int[] numbers = new int[r.nextInt(1, 40)];
      for (int i = 0; i < numbers.length; i++) {
        numbers[i] = r.nextInt(4) == 0 ? 0 : r.nextInt(1, 1 << r.nextInt(1, 31));
      }
      int[] back = new int[numbers.length];
      PropertyMaps.decode(PropertyMaps.encode(numbers, numbers.length), numbers.length, back);
      assertThat(back).as("seed %d", seed).isEqualTo(numbers);
    }
  }

  @Test
  void aListWithoutPropertiesEncodesAsNullAndDecodesAsNone() {
    assertThat(PropertyMaps.encode(new int[] {0, 0, 0}, 3)).isNull();
    assertThat(PropertyMaps.encode(new int[] {0, 5, 0}, 1)).isNull();
    int[] into = {9, 9, 9};
    PropertyMaps.decode(null, 2, into);
    assertThat(into).containsExactly(0, 0, 9);
  }
}
