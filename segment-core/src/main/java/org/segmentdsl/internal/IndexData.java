package org.segmentdsl.internal;

import java.util.Map;
import org.roaringbitmap.RoaringBitmap;
import org.segmentdsl.Schema;

/**
 * Everything one published snapshot of a contact index holds. Immutable once published: the
 * writer builds the next one beside it, sharing whatever the batch did not touch.
 *
 * @param schema the schema
 * @param version the number of committed batches before this snapshot
 * @param universe every contact's row
 * @param dictionary the id mapping (shared by all snapshots; see {@link IdDictionary})
 * @param ids the ids of the rows as of this snapshot
 * @param tags rows per tag
 * @param lists rows per list and status
 * @param fields the column of every declared contact field
 * @param events the events by type
 * @param relations the deals and accounts, or {@code null} in a deal or account table itself
 */
public record IndexData(
    Schema schema,
    long version,
    RoaringBitmap universe,
    IdDictionary dictionary,
    IdDictionary.Ids ids,
    BitmapMap<String> tags,
    BitmapMap<ListKey> lists,
    Map<String, FieldColumn> fields,
    Events events,
    Relations relations) {

  /** The user id of a row of this snapshot's universe. */
  public String idOf(int row) {
    return ids.idOf(row);
  }

  /** The row of a user id in this snapshot, or -1 if it has no such contact. */
  public int rowOf(String id) {
    int row = dictionary.lookup(id);
    return row >= 0 && universe.contains(row) ? row : -1;
  }
}
