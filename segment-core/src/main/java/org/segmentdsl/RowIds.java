package org.segmentdsl;

import java.util.AbstractList;
import java.util.RandomAccess;
import org.segmentdsl.internal.table.IndexData;

/** The ids of some rows, in row order, looked up when read. Immutable. */
final class RowIds extends AbstractList<String> implements RandomAccess {
  private final int[] rows;
  private final IndexData data;

  RowIds(int[] rows, IndexData data) {
    this.rows = rows;
    this.data = data;
  }

  @Override
  public String get(int index) {
    return data.idOf(rows[index]);
  }

  @Override
  public int size() {
    return rows.length;
  }
}
