package org.segmentdsl.internal;

import java.util.function.IntFunction;
import org.roaringbitmap.RoaringBitmap;

/**
 * The rows of one contact field, indexed for that field's type. Values passed in are already
 * normalised by the index ({@code Double}, {@code LocalDate}, {@code Instant} to the microsecond,
 * {@code Boolean}, {@code String}, {@code GeoPoint}). Instances reachable from a published snapshot
 * are never changed; a commit {@linkplain #edit edits} a copy.
 */
public sealed interface FieldColumn
    permits StringColumn, OrderedColumn, BooleanColumn, GeoColumn {

  /** Rows that have a value. Never change the returned bitmap. */
  RoaringBitmap set();

  /** This column, or a shallow copy, that the scope may change. */
  FieldColumn edit(WriteScope scope);

  /** Removes a row's value (which was {@code oldValue}). Only on an edited column. */
  void remove(WriteScope scope, int row, Object oldValue);

  /** Gives a row without a value {@code value}. Only on an edited column. */
  void add(WriteScope scope, int row, Object value);

  /** Writes the column to a snapshot; {@link Columns#readFrom} reads it back. */
  void writeTo(SnapshotOut out);

  /**
   * This column, or a compacted rebuild of it if its write-optimised part has grown too large.
   *
   * @param valueOf the current value of every row in {@link #set()}
   */
  default FieldColumn compact(IntFunction<Object> valueOf) {
    return this;
  }

  /**
   * Whether a batch that may write {@code batchRows} rows should {@link #rebuilt rebuild} this
   * column in one pass instead of updating it row by row: true for a column with a
   * write-optimised delta that those writes could grow enough to need compacting (so it would be
   * rebuilt at the end of the batch anyway).
   */
  default boolean rebuildsFor(int batchRows) {
    return false;
  }

  /**
   * A new column over {@code rows}, built in one pass (only where {@link #rebuildsFor} can be
   * true).
   *
   * @param rows the rows that have a value
   * @param valueOf the value of each of those rows
   */
  default FieldColumn rebuilt(RoaringBitmap rows, IntFunction<Object> valueOf) {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " updates row by row");
  }
}
