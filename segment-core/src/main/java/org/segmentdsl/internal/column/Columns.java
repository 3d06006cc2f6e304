package org.segmentdsl.internal.column;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.IntFunction;
import org.roaringbitmap.RoaringBitmap;
import org.segmentdsl.FieldType;
import org.segmentdsl.internal.WriteScope;
import org.segmentdsl.internal.snapshot.SnapshotIn;

/** Field column maintenance shared by the contact, deal and account tables. */
public final class Columns {
  private Columns() {}

  /** A row's current value of a field, or null. */
  public interface FieldReader {
    Object value(int row, String field);
  }

  public static FieldColumn empty(FieldType type) {
    return switch (type) {
      case STRING -> StringColumn.empty();
      case NUMBER, DATE, DATETIME -> OrderedColumn.empty(type);
      case BOOLEAN -> BooleanColumn.empty();
      case GEO -> GeoColumn.empty();
    };
  }

  /** Reads a column of that type that {@link FieldColumn#writeTo} wrote. */
  public static FieldColumn readFrom(SnapshotIn in, FieldType type) {
    return switch (type) {
      case STRING -> StringColumn.readFrom(in);
      case NUMBER, DATE, DATETIME -> OrderedColumn.readFrom(in, type);
      case BOOLEAN -> BooleanColumn.readFrom(in);
      case GEO -> GeoColumn.readFrom(in);
    };
  }

  /**
   * The columns of one batch that take their new values in one {@link FieldColumn#addAll} at the
   * end of the batch, with those rows: each column asked once per batch whether it {@linkplain
   * FieldColumn#addsInBulk adds in bulk}.
   */
  public static final class Bulk {
    private final int batchRows;
    private final Map<String, Boolean> decided = new HashMap<>();
    private final Map<String, RoaringBitmap> rows = new HashMap<>();

    /** For a batch that may write {@code batchRows} rows. */
    public Bulk(int batchRows) {
      this.batchRows = batchRows;
    }

    private boolean adds(String name, FieldColumn column) {
      return decided.computeIfAbsent(name, n -> column.addsInBulk(batchRows));
    }
  }

  /**
   * Moves a row from its old field values to its new ones. A column that {@code bulk} says adds
   * in bulk loses the row's old value now and is given the new one by {@link #compact}.
   *
   * @param changed if not null, receives the names of the fields whose value changed
   */
  public static void diff(WriteScope scope, Map<String, FieldColumn> fields, int row,
      Map<String, Object> oldFields, Map<String, Object> newFields, Bulk bulk,
      Set<String> changed) {
    Set<String> names = new HashSet<>(oldFields.keySet());
    names.addAll(newFields.keySet());
    for (String name : names) {
      Object before = oldFields.get(name);
      Object after = newFields.get(name);
      if (Objects.equals(before, after)) {
        continue;
      }
      if (changed != null) {
        changed.add(name);
      }
      FieldColumn column = fields.get(name).edit(scope);
      if (before != null) {
        column.remove(scope, row, before);
      }
      if (after != null) {
        if (bulk.adds(name, column)) {
          bulk.rows.computeIfAbsent(name, n -> new RoaringBitmap()).add(row);
        } else {
          column.add(scope, row, after);
        }
      }
      fields.put(name, column);
    }
  }

  /**
   * Gives the bulk columns their rows, then lets every column compact, reading each row's current
   * values through {@code fieldValues}, which must already give the batch's new rows.
   */
  public static void compact(WriteScope scope, Map<String, FieldColumn> fields, Bulk bulk,
      FieldReader fieldValues) {
    for (Map.Entry<String, FieldColumn> e : fields.entrySet()) {
      String name = e.getKey();
      IntFunction<Object> valueOf = row -> fieldValues.value(row, name);
      FieldColumn column = e.getValue();
      RoaringBitmap added = bulk.rows.get(name);
      if (added != null) {
        column = column.edit(scope).addAll(scope, added, valueOf);
      }
      e.setValue(column.compact(valueOf));
    }
  }

  /** Brings every column to its {@linkplain FieldColumn#compacted most compact} form. */
  public static void compacted(Map<String, FieldColumn> fields, FieldReader fieldValues) {
    for (Map.Entry<String, FieldColumn> e : fields.entrySet()) {
      String name = e.getKey();
      e.setValue(e.getValue().compacted(row -> fieldValues.value(row, name)));
    }
  }
}
