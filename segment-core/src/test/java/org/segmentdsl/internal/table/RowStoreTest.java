package org.segmentdsl.internal.table;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.segmentdsl.FieldType;
import org.segmentdsl.ListStatus;

/**
 * The row arena against a map of rows, through many writes: enough replaced rows to rewrite the
 * arena several times, writes undone as a failed commit undoes them, rows larger than a chunk,
 * and saved copies that must keep the rows they saw whatever the writer does after.
 */
class RowStoreTest {
  private static final Map<String, FieldType> FIELDS = new LinkedHashMap<>();

  static {
    FIELDS.put("name", FieldType.STRING);
    FIELDS.put("score", FieldType.NUMBER);
  }

  @Test
  void rowsMatchAMapThroughRewritesUndoAndSavedCopies() {
    long seed = new SplittableRandom().nextLong();
    SplittableRandom r = new SplittableRandom(seed);
    RowCodec codec = new RowCodec(FIELDS);
    RowStore<ContactRow> store = RowStore.contacts(codec, row -> "c-" + row);
    Map<Integer, ContactRow> model = new HashMap<>();
    List<RowStore.Saved> saved = new ArrayList<>();
    List<Map<Integer, ContactRow>> savedModels = new ArrayList<>();
    for (int batch = 0; batch < 1_500; batch++) {
      Map<Integer, ContactRow> changed = new HashMap<>();
      int n = r.nextInt(1, 120);
      for (int i = 0; i < n; i++) {
        int row = r.nextInt(3_000);
        changed.put(row, r.nextInt(5) == 0 ? null : row(r, row, batch));
      }
      RowStore.Undo undo = store.write(changed);
      if (r.nextInt(10) == 0) {
        store.restore(undo); // a commit that failed after its rows went in
      } else {
        changed.forEach((row, value) -> {
          if (value == null) {
            model.remove(row);
          } else {
            model.put(row, value);
          }
        });
      }
      String what = "seed " + seed + ", batch " + batch;
      for (int q = 0; q < 20; q++) {
        int row = r.nextInt(3_100);
        assertThat(store.get(row)).as("%s, row %d", what, row).isEqualTo(model.get(row));
        assertThat(store.field(row, "score")).as("%s, row %d", what, row)
            .isEqualTo(model.containsKey(row) ? model.get(row).fields().get("score") : null);
      }
      if (batch % 101 == 0) {
        saved.add(store.save());
        savedModels.add(new HashMap<>(model));
      }
    }
    assertThat(store.rewrites()).as("seed %d: rewrites of the arena", seed).isGreaterThan(2);
    for (int v = 0; v < saved.size(); v++) {
      RowStore.Saved s = saved.get(v);
      for (int row = 0; row < s.positions().length; row++) {
        ContactRow expected = savedModels.get(v).get(row);
        byte[] bytes = s.bytes(row);
        assertThat(bytes == null ? null : codec.decodeContact("c-" + row, bytes))
            .as("seed %d, saved copy %d, row %d", seed, v, row).isEqualTo(expected);
      }
    }
  }

  /** A row of a few bytes, now and then one longer than an arena chunk. */
  private static ContactRow row(SplittableRandom r, int row, int batch) {
    String name = r.nextInt(500) == 0 ? "x".repeat(1_200_000) : "n" + batch + "-" + row;
    return new ContactRow("c-" + row, r.nextBoolean() ? Set.of("vip") : Set.of(),
        r.nextBoolean() ? Map.of("news", ListStatus.SUBSCRIBED) : Map.of(),
        Map.of("name", name, "score", (double) r.nextInt(1000)), null);
  }
}
