package org.segmentdsl.internal.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.roaringbitmap.RoaringBitmap;
import org.segmentdsl.internal.WriteScope;
import org.segmentdsl.internal.column.BitmapMap;

/**
 * Rows added together ({@link WriteScope#withRows}, {@link PendingRows}) give what adding them one
 * at a time gives, and leave a published bitmap or map as it was: with keys near and too far
 * apart to pack, repeated (key, row) pairs, rows in any order and over several containers.
 */
class PendingRowsTest {
  private static final int TRIES = 200;

  @Test
  void withRowsAddsTheRowsAndLeavesThePublishedBitmapAsItWas() {
    for (int t = 0; t < TRIES; t++) {
      long seed = 0xB17_0000L + t;
      SplittableRandom r = new SplittableRandom(seed);
      RoaringBitmap published = randomRows(r, 1 + r.nextInt(4));
      RoaringBitmap before = published.clone();
      RoaringBitmap added = randomRows(r, 1 + r.nextInt(4));
      if (r.nextBoolean()) {
        added.or(RoaringBitmap.bitmapOf(published.first())); // a row it has already
      }
      int[] rows = added.toArray();

      WriteScope scope = new WriteScope();
      RoaringBitmap result = scope.withRows(published, rows, 0, rows.length);
      // a second call in the same commit changes its own copy, not the published bitmap
      int extra = r.nextInt(4 << 16);
      result = scope.withRows(result, new int[] {extra}, 0, 1);

      RoaringBitmap expected = RoaringBitmap.or(before, added);
      expected.add(extra);
      String where = "seed " + seed;
      assertThat(result).as(where).isEqualTo(expected);
      assertThat(published).as(where + ": the published bitmap").isEqualTo(before);
    }
  }

  @Test
  void pendingRowsGiveWhatAddingOneByOneGives() {
    for (int t = 0; t < TRIES; t++) {
      long seed = 0x9E4D_0000L + t;
      SplittableRandom r = new SplittableRandom(seed);
      // a published map of a few keys
      WriteScope first = new WriteScope();
      BitmapMap<Long> published = BitmapMap.<Long>empty().edit(first);
      long[] keys = keys(r);
      for (int i = 0; i < 50; i++) {
        published.add(first, keys[r.nextInt(keys.length)], r.nextInt(3 << 16));
      }
      Map<Long, RoaringBitmap> before = contents(published);

      WriteScope scope = new WriteScope();
      WriteScope other = new WriteScope(); // another commit on the same published map
      BitmapMap<Long> oneByOne = published.edit(other);
      BitmapMap<Long> together = published.edit(scope);
      PendingRows pending = new PendingRows();
      int n = r.nextInt(300);
      long[] pairs = new long[n]; // row << 32 | index of the key
      for (int i = 0; i < n; i++) {
        int row = r.nextInt(10) == 0 ? 7 : r.nextInt(3 << 16); // row 7 again and again
        pairs[i] = (long) row << 32 | r.nextInt(keys.length);
      }
      if (t % 2 == 0) { // rows ascending, as a commit visits them
        Arrays.sort(pairs);
      }
      for (long pair : pairs) {
        long key = keys[(int) pair];
        int row = (int) (pair >>> 32);
        oneByOne.add(other, key, row);
        pending.add(key, row);
      }
      pending.addTo(scope, together);

      String where = "seed " + seed;
      assertThat(pending.isEmpty()).as(where).isTrue();
      assertThat(contents(together)).as(where).isEqualTo(contents(oneByOne));
      assertThat(together.size()).as(where).isEqualTo(oneByOne.size());
      assertThat(contents(published)).as(where + ": the published map").isEqualTo(before);
    }
  }

  @Test
  void pendingRowsAddToOneBitmapWhateverTheirKeys() {
    WriteScope first = new WriteScope();
    RoaringBitmap published = first.withRows(null, new int[] {1, 70_000}, 0, 2);
    WriteScope scope = new WriteScope();
    PendingRows pending = new PendingRows();
    for (int row : new int[] {200_000, 5, 70_000, 5, 3}) {
      pending.add(Long.MAX_VALUE, row);
    }
    RoaringBitmap result = pending.addTo(scope, published);
    assertThat(result).isEqualTo(RoaringBitmap.bitmapOf(1, 3, 5, 70_000, 200_000));
    assertThat(published).isEqualTo(RoaringBitmap.bitmapOf(1, 70_000));
    assertThat(pending.isEmpty()).isTrue();
    for (int row : new int[] {2, 2, 9, 80_000}) { // ascending now, after the unordered ones
      pending.add(0, row);
    }
    assertThat(pending.addTo(scope, result))
        .isEqualTo(RoaringBitmap.bitmapOf(1, 2, 3, 5, 9, 70_000, 80_000, 200_000));
  }

  /**
   * A few keys: near each other (counted), wider apart (sorted), or some too far apart to pack
   * beside a row (added one by one).
   */
  private static long[] keys(SplittableRandom r) {
    long[] keys = new long[1 + r.nextInt(12)];
    long base = r.nextLong(-1_000_000, 1_000_000);
    int spread = r.nextBoolean() ? 1_000 : 100_000_000;
    boolean far = r.nextInt(3) == 0;
    for (int i = 0; i < keys.length; i++) {
      keys[i] = base + r.nextInt(spread);
      if (far && r.nextBoolean()) {
        keys[i] = r.nextBoolean() ? Long.MIN_VALUE + r.nextInt(10) : Long.MAX_VALUE - r.nextInt(10);
      }
    }
    return keys;
  }

  private static RoaringBitmap randomRows(SplittableRandom r, int containers) {
    RoaringBitmap rows = new RoaringBitmap();
    for (int c = 0; c < containers; c++) {
      int high = r.nextInt(6) << 16;
      for (int i = r.nextInt(1, 300); i > 0; i--) {
        rows.add(high + r.nextInt(1 << 16));
      }
    }
    return rows;
  }

  private static Map<Long, RoaringBitmap> contents(BitmapMap<Long> map) {
    Map<Long, RoaringBitmap> copy = new HashMap<>();
    map.forEach((key, rows) -> copy.put(key, rows.clone()));
    return copy;
  }
}
