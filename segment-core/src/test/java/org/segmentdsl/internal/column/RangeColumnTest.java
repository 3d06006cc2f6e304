package org.segmentdsl.internal.column;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.roaringbitmap.RoaringBitmap;
import org.segmentdsl.internal.WriteScope;

/**
 * The column against a plain map of row to key, through thousands of batches as a commit makes
 * them: row-by-row writes, bulk adds ({@link RangeColumn#addAll}) of rows new to the column and
 * of rows in a single far container (so that runs start at a row offset), a {@link
 * RangeColumn#compact} after each batch (flushes and merges of runs), now and then a full {@link
 * RangeColumn#compacted}. Every published version must keep answering as it did when it was
 * published, and the column must keep few runs.
 */
class RangeColumnTest {
  /** Rows are drawn from a few containers far apart, so that runs have offsets. */
  private static final int[] CONTAINERS = {0, 1, 7, 40, 41};

  @Test
  void rangesMatchAPlainMapAndOldVersionsNeverChange() {
    long seed = new SplittableRandom().nextLong();
    SplittableRandom r = new SplittableRandom(seed);
    Map<Integer, Long> model = new HashMap<>();
    RoaringBitmap initial = new RoaringBitmap();
    for (int i = 0; i < 2_000; i++) {
      int row = row(r);
      if (model.put(row, (long) r.nextInt(50)) == null) {
        initial.add(row);
      }
    }
    RangeColumn column = RangeColumn.build(initial, model::get);
    List<RangeColumn> versions = new ArrayList<>();
    List<Map<Integer, Long>> states = new ArrayList<>();
    int bulkRuns = 0;
    for (int batch = 0; batch < 3_000; batch++) {
      WriteScope scope = new WriteScope();
      RangeColumn next = column.edit(scope);
      String what = "seed " + seed + ", batch " + batch;
      if (r.nextInt(40) == 0) {
        // a bulk batch: some rows change, then many new rows at once (one far container, or all)
        int container = CONTAINERS[r.nextInt(CONTAINERS.length)];
        TreeMap<Integer, Long> added = new TreeMap<>();
        int count = r.nextInt(50, 1_500);
        for (int i = 0; i < count; i++) {
          int row = r.nextBoolean() ? container * 65_536 + r.nextInt(4_000) : row(r);
          Long old = model.get(row);
          if (old != null) {
            next.remove(scope, row, old);
            model.remove(row);
          }
          added.put(row, r.nextBoolean() ? r.nextInt(60) : 1_000L + r.nextInt(1_000_000));
        }
        int[] rows = added.keySet().stream().mapToInt(Integer::intValue).toArray();
        long[] keys = added.values().stream().mapToLong(Long::longValue).toArray();
        model.putAll(added);
        int deltaBefore = next.deltaRows();
        next.addAll(scope, rows, keys, model::get);
        if (next.deltaRows() < deltaBefore + rows.length) { // it built a run
          bulkRuns++;
          // with the delta's rows: else a delta just below its limit stays, and each later
          // batch adds a small run of its own
          assertThat(next.deltaRows()).as("%s: delta after a bulk run", what).isZero();
        }
      } else {
        int ops = 1 + r.nextInt(3);
        for (int i = 0; i < ops; i++) {
          int row = row(r);
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
      }
      column = r.nextInt(200) == 0 ? next.compacted(model::get) : next.compact(model::get);
      int tiers = (64 - Long.numberOfLeadingZeros(model.size())) / 2 + 1;
      assertThat(column.runCount()).as("%s: runs of %d rows", what, model.size())
          .isLessThanOrEqualTo((RangeColumn.FAN_IN - 1) * tiers + 1);
      if (batch % 97 == 0) {
        versions.add(column);
        states.add(new HashMap<>(model));
      }
      check(column, model, r, what);
    }
    assertThat(bulkRuns).as("seed %d: bulk adds that built a run", seed).isPositive();
    for (int v = 0; v < versions.size(); v++) {
      check(versions.get(v), states.get(v), r, "seed " + seed + ", version " + v);
    }
  }

  @Test
  void aFullCompactionLeavesOneRunAndTheSameAnswers() {
    long seed = new SplittableRandom().nextLong();
    SplittableRandom r = new SplittableRandom(seed);
    Map<Integer, Long> model = new HashMap<>();
    RangeColumn column = RangeColumn.empty();
    for (int batch = 0; batch < 6; batch++) {
      // appended rows, as a bulk load makes them: each batch a run from a higher row offset
      WriteScope scope = new WriteScope();
      RangeColumn next = column.edit(scope);
      int[] rows = new int[20_000];
      long[] keys = new long[rows.length];
      for (int i = 0; i < rows.length; i++) {
        rows[i] = batch * 70_000 + i * 3;
        keys[i] = r.nextInt(-500, 500);
        model.put(rows[i], keys[i]);
      }
      next.addAll(scope, rows, keys, model::get);
      column = next.compact(model::get);
      check(column, model, r, "seed " + seed + ", batch " + batch);
    }
    assertThat(column.runCount()).as("seed %d", seed).isGreaterThan(1);
    RangeColumn one = column.compacted(model::get);
    assertThat(one.runCount()).isEqualTo(1);
    assertThat(one.deltaRows()).isZero();
    check(one, model, r, "seed " + seed + ", compacted");
    check(column, model, r, "seed " + seed + ", before compaction");
    assertThat(one.compacted(model::get)).isSameAs(one);
  }

  private static int row(SplittableRandom r) {
    return CONTAINERS[r.nextInt(CONTAINERS.length)] * 65_536 + r.nextInt(600);
  }

  private static void check(RangeColumn column, Map<Integer, Long> model, SplittableRandom r,
      String what) {
    for (int q = 0; q < 4; q++) {
      long lo = q == 0 ? Long.MIN_VALUE : r.nextInt(-600, 1_100_000);
      long hi = q == 0 ? Long.MAX_VALUE : lo + (r.nextBoolean() ? r.nextInt(200) : r.nextInt(500_000));
      RoaringBitmap context = r.nextBoolean() ? null : new RoaringBitmap();
      if (context != null) {
        for (int i = 0; i < 3_000; i++) {
          context.add(row(r));
        }
      }
      RoaringBitmap expected = new RoaringBitmap();
      model.forEach((row, key) -> {
        if (key >= lo && key <= hi && (context == null || context.contains(row))) {
          expected.add(row);
        }
      });
      assertThat(column.range(lo, hi, context))
          .as("%s: [%d, %d]%s", what, lo, hi, context == null ? "" : " in a context")
          .isEqualTo(expected);
    }
    RoaringBitmap all = new RoaringBitmap();
    model.keySet().forEach(all::add);
    assertThat(column.set()).as("%s: set", what).isEqualTo(all);
  }
}
