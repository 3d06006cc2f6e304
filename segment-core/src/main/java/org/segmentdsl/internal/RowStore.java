package org.segmentdsl.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;

/**
 * The writer's current row of each id, by dense row number. Writes return what they replaced so
 * that a failed commit can put it back.
 */
final class RowStore<T> {
  private final ArrayList<T> rows = new ArrayList<>();

  /** The row's current value, or null. */
  T get(int row) {
    return row >= 0 && row < rows.size() ? rows.get(row) : null;
  }

  /** Writes every changed row; returns the values they replaced. */
  Map<Integer, T> write(Map<Integer, T> changed) {
    Map<Integer, T> replaced = new HashMap<>();
    for (Map.Entry<Integer, T> e : changed.entrySet()) {
      int row = e.getKey();
      while (rows.size() <= row) {
        rows.add(null);
      }
      replaced.put(row, rows.set(row, e.getValue()));
    }
    return replaced;
  }

  /** Puts back what {@link #write} replaced. */
  void restore(Map<Integer, T> replaced) {
    replaced.forEach(rows::set);
  }
}
