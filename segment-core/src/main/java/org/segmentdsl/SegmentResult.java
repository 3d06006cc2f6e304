package org.segmentdsl;

import java.util.List;
import org.roaringbitmap.RoaringBitmap;
import org.roaringbitmap.buffer.ImmutableRoaringBitmap;
import org.segmentdsl.internal.table.IndexData;

/**
 * The members of a segment in one snapshot. Immutable and thread-safe.
 *
 * <pre>{@code
 * SegmentResult r = index.evaluate(segment, ctx);
 * r.count();            // 1234
 * r.ids().get(0);       // "c-1001", in the order contacts were first added
 * r.contains("c-1001"); // true
 * }</pre>
 */
public final class SegmentResult {
  private final RoaringBitmap rows;
  private final IndexData data;
  private final int count;
  /** The members' rows in order, made on the first {@link #ids()} call: counting needs none. */
  private volatile int[] order;

  SegmentResult(RoaringBitmap rows, IndexData data) {
    this.rows = rows;
    this.data = data;
    this.count = rows.getCardinality();
  }

  /** {@return the number of members} */
  public int count() {
    return count;
  }

  private int[] order() {
    int[] o = order;
    if (o == null) {
      o = rows.toArray(); // racing threads compute equal arrays; either may be kept
      order = o;
    }
    return o;
  }

  /**
   * {@return whether the contact with that id is a member}
   *
   * @param id a contact's id, not null; an id the index does not hold is no member
   */
  public boolean contains(String id) {
    int row = data.rowOf(id);
    return row >= 0 && rows.contains(row);
  }

  /**
   * The members' ids, in the order the contacts were first added to the index (a contact removed
   * and added again keeps its first place).
   *
   * @return the ids, an immutable list
   */
  public List<String> ids() {
    return new RowIds(order(), data);
  }

  /**
   * The members as an immutable bitmap of the index's dense row numbers (one per contact, stable
   * for the life of the index).
   *
   * @return the members' rows, a copy
   */
  public ImmutableRoaringBitmap bitmap() {
    return rows.toMutableRoaringBitmap();
  }

  @Override
  public String toString() {
    return "SegmentResult{count=" + count() + "}";
  }
}
