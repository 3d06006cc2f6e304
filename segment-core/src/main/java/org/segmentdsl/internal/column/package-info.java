/**
 * Bitmap maps and field columns: the structures that answer tag, list and field conditions.
 * {@link org.segmentdsl.internal.column.BitmapMap} maps keys (tags, {@link
 * org.segmentdsl.internal.column.ListKey list and status}, string values) to the bitmap of the
 * rows that have them, with {@link org.segmentdsl.internal.column.KeyIndex} and {@link
 * org.segmentdsl.internal.column.SubstringSet} for pattern conditions. A {@link
 * org.segmentdsl.internal.column.FieldColumn} indexes one field for its type: {@link
 * org.segmentdsl.internal.column.StringColumn}, {@link
 * org.segmentdsl.internal.column.OrderedColumn} (numbers, dates and datetimes as {@link
 * org.segmentdsl.internal.column.Keys} in a {@link org.segmentdsl.internal.column.RangeColumn}),
 * {@link org.segmentdsl.internal.column.BooleanColumn} and {@link
 * org.segmentdsl.internal.column.GeoColumn}; {@link org.segmentdsl.internal.column.Columns}
 * makes, reads and maintains the columns of every table. The copy-on-write arrays by row ({@link
 * org.segmentdsl.internal.column.ChunkedArray}, {@link
 * org.segmentdsl.internal.column.ChunkedInts}, {@link
 * org.segmentdsl.internal.column.ChunkedDoubles}) are here as well, the lowest package that uses
 * them; events and relations use them too.
 *
 * <p>Depends on: {@code org.segmentdsl.internal} (write scope, budget, read meter, varints) and
 * {@code org.segmentdsl.internal.snapshot} (each structure saves itself). Used by {@code event},
 * {@code table}, {@code write}, the evaluator and the API; it depends on none of them.
 */
package org.segmentdsl.internal.column;
