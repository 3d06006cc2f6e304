package org.segmentdsl.internal.write;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import org.roaringbitmap.RoaringBitmap;
import org.segmentdsl.FieldType;
import org.segmentdsl.Schema;
import org.segmentdsl.internal.WriteScope;
import org.segmentdsl.internal.column.BitmapMap;
import org.segmentdsl.internal.column.Columns;
import org.segmentdsl.internal.column.FieldColumn;
import org.segmentdsl.internal.event.Events;
import org.segmentdsl.internal.snapshot.SnapshotIn;
import org.segmentdsl.internal.snapshot.SnapshotOut;
import org.segmentdsl.internal.table.EntityRow;
import org.segmentdsl.internal.table.IdDictionary;
import org.segmentdsl.internal.table.IndexData;
import org.segmentdsl.internal.table.Relations;
import org.segmentdsl.internal.table.RowCodec;
import org.segmentdsl.internal.table.RowStore;

/**
 * Keeps the deal or the account table: ids, rows and field columns, in the same copy-on-write
 * way as the contacts. Driven by {@link IndexWriter} under its lock; not thread-safe.
 */
final class EntityWriter {
  private final IdDictionary dictionary;
  private final RowStore<EntityRow> rows;
  private IndexData current;

  EntityWriter(Map<String, FieldType> fields) {
    dictionary = new IdDictionary();
    rows = newStore(fields, dictionary);
    Map<String, FieldColumn> columns = new LinkedHashMap<>();
    fields.forEach((name, type) -> columns.put(name, Columns.empty(type)));
    current = new IndexData(Relations.tableSchema(fields), 0, new RoaringBitmap(), dictionary,
        dictionary.ids(), BitmapMap.empty(), BitmapMap.empty(), Map.copyOf(columns),
        Events.empty(), null, rows.publish());
  }

  private EntityWriter(IdDictionary dictionary, RowStore<EntityRow> rows, IndexData current) {
    this.dictionary = dictionary;
    this.rows = rows;
    this.current = current;
  }

  private static RowStore<EntityRow> newStore(Map<String, FieldType> fields,
      IdDictionary dictionary) {
    return RowStore.entities(new RowCodec(fields),
        row -> dictionary.ids().idOf(row));
  }

  /** What a snapshot file needs of the table, as of now. Writer only (under the index's lock). */
  Saved save() {
    return new Saved(dictionary.ids(), dictionary.size(), rows.save(), current);
  }

  /** A table as {@link #save} captured it; written outside the writer's lock. */
  record Saved(IdDictionary.Ids ids, int idCount, RowStore.Saved rows, IndexData table) {
    /** The ids, the rows, the table's version and rows, and its columns in schema order. */
    void writeTo(SnapshotOut out) {
      IdDictionary.writeTo(out, ids, idCount);
      rows.writeTo(out);
      out.writeVarint(table.version());
      out.writeBitmap(table.universe());
      table.schema().contactFields().keySet().forEach(f -> table.fields().get(f).writeTo(out));
    }
  }

  /**
   * Reads a table that {@link Saved#writeTo} wrote.
   *
   * @param entity {@code "deal"} or {@code "account"}, as messages name its ids
   */
  static EntityWriter readFrom(SnapshotIn in, String entity, Map<String, FieldType> fields) {
    IdDictionary dictionary = IdDictionary.readFrom(in, entity + " id");
    RowStore<EntityRow> rows = newStore(fields, dictionary);
    rows.readFrom(in, dictionary.size());
    long version = in.readVarint();
    RoaringBitmap universe = in.readBitmap();
    Map<String, FieldColumn> columns = new LinkedHashMap<>();
    fields.forEach((name, type) -> columns.put(name, Columns.readFrom(in, type)));
    return new EntityWriter(dictionary, rows, new IndexData(Relations.tableSchema(fields), version,
        universe, dictionary, dictionary.ids(), BitmapMap.empty(), BitmapMap.empty(),
        Map.copyOf(columns), Events.empty(), null, rows.publish()));
  }

  IndexData current() {
    return current;
  }

  /** The current row of an id, or null. */
  EntityRow row(String id) {
    return rows.get(dictionary.lookup(id));
  }

  /** Whether a row of that id exists now. */
  boolean has(String id) {
    return rows.has(dictionary.lookup(id));
  }

  /** The id of a row number that was assigned. */
  String idOf(int row) {
    return dictionary.ids().idOf(row);
  }

  /** The number of rows given so far (to ids present or removed). */
  int rowsGiven() {
    return dictionary.size();
  }

  /** The row number of an id (assigned once, kept forever), or -1. */
  int lookup(String id) {
    return dictionary.lookup(id);
  }

  /** Brings every column to its most compact form, and publishes the table as that version. */
  IndexData compact(long version) {
    Map<String, FieldColumn> fields = new HashMap<>(current.fields());
    Columns.compacted(fields, rows::field);
    current = new IndexData(current.schema(), version, current.universe(), dictionary,
        dictionary.ids(), BitmapMap.empty(), BitmapMap.empty(), Map.copyOf(fields),
        Events.empty(), null, current.rows());
    return current;
  }

  /** One batch's changes to the table, computed but not yet published. */
  final class Pending {
    final Map<Integer, EntityRow> previous = new HashMap<>();
    final Map<Integer, EntityRow> changed = new HashMap<>();
    private final Map<String, FieldColumn> fields = new HashMap<>(current.fields());
    private final WriteScope scope;
    private final Columns.Bulk bulk;
    private RoaringBitmap universe = current.universe();
    private RowStore.Undo replaced;

    private Pending(WriteScope scope, int batchRows) {
      this.scope = scope;
      this.bulk = new Columns.Bulk(batchRows);
    }

    /** Writes the rows (the column pass reads them); {@link #undo} puts them back. */
    void writeRows() {
      replaced = rows.write(changed);
    }

    void undo() {
      if (replaced != null) {
        rows.restore(replaced);
      }
    }

    /** Finishes the columns and makes the new table, to publish once every table is done. */
    IndexData finish(long version) {
      Columns.compact(scope, fields, bulk, rows::field);
      return new IndexData(current.schema(), version, universe, dictionary, dictionary.ids(),
          BitmapMap.empty(), BitmapMap.empty(), Map.copyOf(fields), Events.empty(), null,
          rows.publish());
    }
  }

  /** Applies staged rows (a null value removes the id) to a new pending table. */
  Pending stage(WriteScope scope, Map<String, EntityRow> staged) {
    Pending p = new Pending(scope, staged.size());
    for (Map.Entry<String, EntityRow> e : staged.entrySet()) {
      EntityRow next = e.getValue();
      int row = next == null ? dictionary.lookup(e.getKey()) : dictionary.assign(e.getKey());
      EntityRow previous = rows.get(row);
      if (previous == null && next == null) {
        continue;
      }
      p.previous.put(row, previous);
      p.changed.put(row, next);
      if (previous == null || next == null) {
        p.universe = next == null
            ? scope.withoutRow(p.universe, row) : scope.withRow(p.universe, row);
      }
      Columns.diff(scope, p.fields, row, previous == null ? Map.of() : previous.fields(),
          next == null ? Map.of() : next.fields(), p.bulk, null);
    }
    return p;
  }

  /** Publishes a finished table as current. */
  void publish(IndexData table) {
    current = table;
  }
}
