package org.segmentdsl.internal.table;

import java.util.Map;
import org.roaringbitmap.RoaringBitmap;
import org.segmentdsl.Schema;
import org.segmentdsl.internal.column.BitmapMap;
import org.segmentdsl.internal.column.FieldColumn;
import org.segmentdsl.internal.column.ListKey;
import org.segmentdsl.internal.event.Events;

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
 * @param rows the rows as of this snapshot: the contacts, or the table's deals or accounts
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
    Relations relations,
    PublishedRows rows) {

  /** The user id of a row of this snapshot's universe. */
  public String idOf(int row) {
    return ids.idOf(row);
  }

  /** The row of a user id in this snapshot, or -1 if it has no such contact. */
  public int rowOf(String id) {
    int row = dictionary.lookup(id);
    return row >= 0 && universe.contains(row) ? row : -1;
  }

  /** The contact of a row of this snapshot's universe, as the writer stored it. */
  public ContactRow contactRow(int row) {
    return rows.contact(row, idOf(row));
  }

  /** The deal or account of a row of this table's universe, as the writer stored it. */
  public EntityRow entityRow(int row) {
    return rows.entity(row, idOf(row));
  }
}
