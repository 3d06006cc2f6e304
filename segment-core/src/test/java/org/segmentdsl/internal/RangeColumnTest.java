package org.segmentdsl.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.roaringbitmap.RoaringBitmap;

/**
 * The column against a plain map of row to key, through thousands of small batches: enough new
 * keys to fold the delta's small level into the large one many times, and every published
 * version must keep answering as it did when it was published.
 */
class RangeColumnTest {
  @Test
  void rangesMatchAPlainMapAndOldVersionsNeverChange() {
    long seed = new SplittableRandom().nextLong();
    SplittableRandom r = new SplittableRandom(seed);
    Map<Integer, Long> model = new HashMap<>();
    RoaringBitmap initial = new RoaringBitmap();
    for (int row = 0; row < 2_000; row++) {
      long key = r.nextInt(50);
      model.put(row, key);
      initial.add(row);
    }
    RangeColumn column = RangeColumn.build(initial, row -> model.get(row));
    List<RangeColumn> versions = new ArrayList<>();
    List<Map<Integer, Long>> states = new ArrayList<>();
    for (int batch = 0; batch < 3_000; batch++) {
      WriteScope scope = new WriteScope();
      RangeColumn next = column.edit(scope);
      int ops = 1 + r.nextInt(3);
      for (int i = 0; i < ops; i++) {
        int row = r.nextInt(2_500);
        Long old = model.get(row);
        if (old != null) {
          next.remove(scope, row, old);
          model.remove(row);
        }
        if (r.nextInt(4) != 0) {
          long key = r.nextBoolean() ? r.nextInt(60) : 100 + batch; // many new keys
          next.add(scope, row, key);
          model.put(row, key);
        }
      }
      column = next;
      if (batch % 97 == 0) {
        versions.add(column);
        states.add(new HashMap<>(model));
      }
      check(column, model, r, seed, batch);
    }
    for (int v = 0; v < versions.size(); v++) {
      check(versions.get(v), states.get(v), r, seed, -v);
    }
  }

  private static void check(RangeColumn column, Map<Integer, Long> model, SplittableRandom r,
      long seed, int batch) {
    for (int q = 0; q < 3; q++) {
      long lo = r.nextInt(-5, 3_200);
      long hi = lo + r.nextInt(200);
      RoaringBitmap expected = new RoaringBitmap();
      model.forEach((row, key) -> {
        if (key >= lo && key <= hi) {
          expected.add(row);
        }
      });
      assertThat(column.range(lo, hi, null)).as("seed %d, batch %d, [%d, %d]", seed, batch, lo, hi)
          .isEqualTo(expected);
    }
    RoaringBitmap all = new RoaringBitmap();
    model.keySet().forEach(all::add);
    assertThat(column.set()).as("seed %d, batch %d: set", seed, batch).isEqualTo(all);
  }
}
