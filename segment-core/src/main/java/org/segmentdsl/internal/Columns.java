package org.segmentdsl.internal;

import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.IntFunction;
import org.roaringbitmap.RoaringBitmap;
import org.segmentdsl.FieldType;

/** Field column maintenance shared by the contact, deal and account tables. */
final class Columns {
  private Columns() {}

  /** A row's current value of a field, or null. */
  interface FieldReader {
    Object value(int row, String field);
  }

  static FieldColumn empty(FieldType type) {
    return switch (type) {
      case STRING -> StringColumn.empty();
      case NUMBER, DATE, DATETIME -> OrderedColumn.empty(type);
      case BOOLEAN -> BooleanColumn.empty();
      case GEO -> GeoColumn.empty();
    };
  }

  /** Reads a column of that type that {@link FieldColumn#writeTo} wrote. */
  static FieldColumn readFrom(SnapshotIn in, FieldType type) {
    return switch (type) {
      case STRING -> StringColumn.readFrom(in);
      case NUMBER, DATE, DATETIME -> OrderedColumn.readFrom(in, type);
      case BOOLEAN -> BooleanColumn.readFrom(in);
      case GEO -> GeoColumn.readFrom(in);
    };
  }

  /**
   * Moves a row from its old field values to its new ones. Columns that a batch of {@code
   * batchRows} rows would {@linkplain FieldColumn#rebuildsFor rebuild} anyway are only marked in
   * {@code rebuild}.
   *
   * @param changed if not null, receives the names of the fields whose value changed
   */
  static void diff(WriteScope scope, Map<String, FieldColumn> fields, int row,
      Map<String, Object> oldFields, Map<String, Object> newFields, int batchRows,
      Set<String> rebuild, Set<String> changed) {
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
      if (rebuild.contains(name) || fields.get(name).rebuildsFor(batchRows)) {
        rebuild.add(name);
        continue;
      }
      FieldColumn column = fields.get(name).edit(scope);
      if (before != null) {
        column.remove(scope, row, before);
      }
      if (after != null) {
        column.add(scope, row, after);
      }
      fields.put(name, column);
    }
  }

  /** The names of the columns that can be {@linkplain FieldColumn#rebuilt rebuilt}. */
  static Set<String> rebuildable(Map<String, FieldColumn> fields) {
    Set<String> names = new HashSet<>();
    fields.forEach((name, column) -> {
      if (column.rebuildsFor(Integer.MAX_VALUE)) {
        names.add(name);
      }
    });
    return names;
  }

  /**
   * Rebuilds the marked columns and lets the others compact, reading each row's current values
   * through {@code fieldValues}, which must already give the batch's new rows.
   */
  static void compact(Map<String, FieldColumn> fields, Set<String> rebuild,
      RoaringBitmap universe, FieldReader fieldValues) {
    for (Map.Entry<String, FieldColumn> e : fields.entrySet()) {
      String name = e.getKey();
      IntFunction<Object> valueOf = row -> fieldValues.value(row, name);
      if (rebuild.contains(name)) {
        // each row's value decoded once, for both passes of the rebuild
        Object[] values = new Object[universe.isEmpty() ? 0 : universe.last() + 1];
        RoaringBitmap withValue = new RoaringBitmap();
        universe.forEach((int row) -> {
          Object value = valueOf.apply(row);
          if (value != null) {
            values[row] = value;
            withValue.add(row);
          }
        });
        e.setValue(e.getValue().rebuilt(withValue, row -> values[row]));
      } else {
        e.setValue(e.getValue().compact(valueOf));
      }
    }
  }
}
