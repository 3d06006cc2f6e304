/**
 * One published table of the index. {@link org.segmentdsl.internal.table.IndexData} is
 * everything one published state of the contacts, or of the deal or the account table, holds,
 * immutable once published: the ids, the tag and list bitmaps, the field columns, the events, the
 * rows, and the {@link org.segmentdsl.internal.table.Relations} to the deal and account tables
 * (with {@link org.segmentdsl.internal.table.AccountMembers}). {@link
 * org.segmentdsl.internal.table.IdDictionary} maps ids to dense rows for the life of the index.
 * Each row's values ({@link org.segmentdsl.internal.table.ContactRow}, {@link
 * org.segmentdsl.internal.table.EntityRow}) are kept encoded ({@link
 * org.segmentdsl.internal.table.RowCodec}) in the writer's {@link
 * org.segmentdsl.internal.table.RowStore}, and read back from a published state through {@link
 * org.segmentdsl.internal.table.PublishedRows}.
 *
 * <p>Depends on: {@code org.segmentdsl.internal}, {@code org.segmentdsl.internal.snapshot},
 * {@code org.segmentdsl.internal.column} and {@code org.segmentdsl.internal.event}. Used by
 * {@code write}, the evaluator and the API; it depends on none of them.
 */
package org.segmentdsl.internal.table;
