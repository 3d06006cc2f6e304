package org.segmentdsl.internal.column;

import java.util.function.IntFunction;
import org.roaringbitmap.RoaringBitmap;
import org.segmentdsl.internal.WriteScope;
import org.segmentdsl.internal.snapshot.SnapshotOut;

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
   * This column, or a new one whose write-optimised part has been folded into its read-optimised
   * one, if that part has grown too large: what every commit calls after its writes.
   *
   * @param valueOf the current value of every row in {@link #set()}
   */
  default FieldColumn compact(IntFunction<Object> valueOf) {
    return this;
  }

  /**
   * This column, or a new one in its most compact and fastest-to-query form: what {@code
   * ContactIndex.compact()} calls, as a bulk import should end.
   *
   * @param valueOf the current value of every row in {@link #set()}
   */
  default FieldColumn compacted(IntFunction<Object> valueOf) {
    return this;
  }

  /**
   * Whether a batch that may write {@code batchRows} rows should give this column its new values
   * in one {@link #addAll} at the end instead of row by row: true for a column with a
   * write-optimised delta that those writes could grow enough to need compacting.
   */
  default boolean addsInBulk(int batchRows) {
    return false;
  }

  /**
   * Gives every row of {@code rows} (none of which has a value) its value, in one pass (only where
   * {@link #addsInBulk} can be true). Only on an edited column; returns it.
   *
   * @param valueOf the current value of every row in {@code rows} and in {@link #set()}
   */
  default FieldColumn addAll(WriteScope scope, RoaringBitmap rows, IntFunction<Object> valueOf) {
    throw new UnsupportedOperationException(getClass().getSimpleName() + " updates row by row");
  }
}
