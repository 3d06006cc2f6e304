package org.segmentdsl.internal.column;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.roaringbitmap.RoaringBitmap;

/**
 * The sorted-array map against a {@code TreeMap} under random puts, removes, copies and merges:
 * lookups, bounds and order agree, and a copy or a merge never changes what it was made from.
 */
class KeyBitmapsTest {
  @Test
  void behavesLikeASortedMap() {
    long seed = new SplittableRandom().nextLong();
    SplittableRandom r = new SplittableRandom(seed);
    KeyBitmaps map = KeyBitmaps.create();
    TreeMap<Long, RoaringBitmap> model = new TreeMap<>();
    for (int step = 0; step < 10_000; step++) {
      long key = r.nextInt(400) - 200;
      int op = r.nextInt(10);
      if (op < 5) {
        RoaringBitmap b = RoaringBitmap.bitmapOf(step);
        map.put(key, b);
        model.put(key, b);
      } else if (op < 8) {
        map.remove(key);
        model.remove(key);
      } else if (op == 8) {
        KeyBitmaps before = map;
        Map<Long, RoaringBitmap> was = new TreeMap<>(model);
        map = map.copy();
        map.put(key + 1_000, RoaringBitmap.bitmapOf(step)); // changes the copy only
        model.put(key + 1_000, map.get(key + 1_000));
        assertSame(before, was, seed);
      } else {
        KeyBitmaps over = KeyBitmaps.create();
        TreeMap<Long, RoaringBitmap> expected = new TreeMap<>(model);
        for (int i = r.nextInt(6); i > 0; i--) {
          long k = r.nextInt(400) - 200;
          RoaringBitmap b = r.nextBoolean() ? new RoaringBitmap() : RoaringBitmap.bitmapOf(-step);
          over.put(k, b);
          if (b.isEmpty()) {
            expected.remove(k);
          } else {
            expected.put(k, b);
          }
        }
        KeyBitmaps base = map;
        Map<Long, RoaringBitmap> was = new TreeMap<>(model);
        map = KeyBitmaps.merged(map, over);
        model = expected;
        assertSame(base, was, seed);
      }
      assertSame(map, model, seed);
      long lo = r.nextInt(500) - 250;
      long hi = lo + r.nextInt(100);
      assertThat(map.upperBound(hi) - map.lowerBound(lo))
          .as("seed %d: keys in [%d, %d]", seed, lo, hi)
          .isEqualTo(model.subMap(lo, true, hi, true).size());
      if (map.lowerBound(lo) < map.size()) {
        assertThat(map.keyAt(map.lowerBound(lo))).as("seed %d", seed)
            .isEqualTo(model.ceilingKey(lo));
      }
    }
  }

  private static void assertSame(KeyBitmaps map, Map<Long, RoaringBitmap> model, long seed) {
    assertThat(map.size()).as("seed %d: size", seed).isEqualTo(model.size());
    int i = 0;
    for (Map.Entry<Long, RoaringBitmap> e : model.entrySet()) {
      // plain checks per entry (AssertJ only on a mismatch): the loop runs millions of times
      if (map.keyAt(i) != e.getKey() || map.valueAt(i) != e.getValue()
          || map.get(e.getKey()) != e.getValue() || !map.containsKey(e.getKey())) {
        throw new AssertionError("seed " + seed + ": entry " + i + " is " + map.keyAt(i)
            + " -> " + map.valueAt(i) + ", expected " + e);
      }
      i++;
    }
  }
}
