package org.segmentdsl.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.IntFunction;
import org.roaringbitmap.RoaringBitmap;
import org.segmentdsl.Event;
import org.segmentdsl.FieldType;
import org.segmentdsl.IndexBatch;
import org.segmentdsl.ListStatus;
import org.segmentdsl.Schema;

/**
 * The single writer of a contact index: keeps every contact's current row and turns a staged
 * batch into the next {@link IndexData}, copying only what the batch touches. Not thread-safe:
 * the index calls it under its write lock.
 */
public final class IndexWriter {
  /** Smallest batch that may take the bulk path. */
  static final int BULK_MIN_ROWS = 64;

  private final Schema schema;
  private final IdDictionary dictionary = new IdDictionary();
  private final ArrayList<ContactRow> rows = new ArrayList<>();
  private IndexData current;

  public IndexWriter(Schema schema) {
    this.schema = Objects.requireNonNull(schema, "schema");
    Map<String, FieldColumn> columns = new LinkedHashMap<>();
    schema.contactFields().forEach((name, type) -> columns.put(name, emptyColumn(type)));
    this.current = new IndexData(schema, 0, new RoaringBitmap(), dictionary, dictionary.chunks(),
        BitmapMap.empty(), BitmapMap.empty(), Map.copyOf(columns), Map.of());
  }

  private static FieldColumn emptyColumn(FieldType type) {
    return switch (type) {
      case STRING -> StringColumn.empty();
      case NUMBER, DATE, DATETIME -> OrderedColumn.empty(type);
      case BOOLEAN -> BooleanColumn.empty();
      case GEO -> GeoColumn.empty();
    };
  }

  /** The last committed state. */
  public IndexData current() {
    return current;
  }

  /** The current row of a contact, or null. */
  ContactRow row(String id) {
    int r = dictionary.lookup(id);
    return r >= 0 && r < rows.size() ? rows.get(r) : null;
  }

  /**
   * Runs {@code mutations} on a new batch and commits it.
   *
   * @return the new state, or the current one if the batch changed nothing
   */
  public IndexData apply(Consumer<? super IndexBatch> mutations) {
    StagedBatch batch = new StagedBatch(schema, this);
    try {
      mutations.accept(batch);
    } finally {
      batch.close();
    }
    if (batch.isEmpty()) {
      return current;
    }
    current = commit(batch);
    return current;
  }

  /** Forgets every event before {@code cutoff}; returns the new state. */
  public IndexData dropEventsBefore(long cutoffMicros) {
    WriteScope scope = new WriteScope();
    Map<String, EventColumn> events = new HashMap<>(current.events());
    for (Map.Entry<String, EventColumn> e : events.entrySet()) {
      EventColumn column = e.getValue().edit(scope);
      column.dropBefore(scope, cutoffMicros);
      e.setValue(column);
    }
    current = new IndexData(schema, current.version() + 1, current.universe(), dictionary,
        dictionary.chunks(), current.tags(), current.lists(), current.fields(),
        Map.copyOf(events));
    return current;
  }

  private IndexData commit(StagedBatch batch) {
    Map<String, ContactRow> staged = batch.staged();
    WriteScope scope = new WriteScope();
    RoaringBitmap universe = current.universe();
    BitmapMap<String> tags = current.tags();
    BitmapMap<ListKey> lists = current.lists();
    Map<String, FieldColumn> fields = new HashMap<>(current.fields());
    Map<Integer, ContactRow> changed = new HashMap<>();
    // A batch that rewrites a large share of the index rebuilds the columns that can be built in
    // one pass, rather than feeding them row by row (see FieldColumn.rebuilt).
    boolean bulk = staged.size() > Math.max(BULK_MIN_ROWS, universe.getCardinality() / 8);
    Set<String> rebuild = new HashSet<>();

    for (Map.Entry<String, ContactRow> e : staged.entrySet()) {
      ContactRow next = e.getValue();
      int row = next == null ? dictionary.lookup(e.getKey()) : dictionary.assign(e.getKey());
      ContactRow previous = changed.containsKey(row) ? changed.get(row)
          : row >= 0 && row < rows.size() ? rows.get(row) : null;
      if (previous == null && next == null) {
        continue;
      }
      changed.put(row, next);
      if (previous == null || next == null) {
        universe = scope.own(universe);
        if (next == null) {
          universe.remove(row);
        } else {
          universe.add(row);
        }
      }
      Set<String> oldTags = previous == null ? Set.of() : previous.tags();
      Set<String> newTags = next == null ? Set.of() : next.tags();
      for (String t : oldTags) {
        if (!newTags.contains(t)) {
          tags = tags.edit(scope);
          tags.remove(scope, t, row);
        }
      }
      for (String t : newTags) {
        if (!oldTags.contains(t)) {
          tags = tags.edit(scope);
          tags.add(scope, t, row);
        }
      }
      Map<String, ListStatus> oldLists = previous == null ? Map.of() : previous.lists();
      Map<String, ListStatus> newLists = next == null ? Map.of() : next.lists();
      for (Map.Entry<String, ListStatus> l : oldLists.entrySet()) {
        if (newLists.get(l.getKey()) != l.getValue()) {
          lists = lists.edit(scope);
          lists.remove(scope, new ListKey(l.getKey(), l.getValue()), row);
        }
      }
      for (Map.Entry<String, ListStatus> l : newLists.entrySet()) {
        if (oldLists.get(l.getKey()) != l.getValue()) {
          lists = lists.edit(scope);
          lists.add(scope, new ListKey(l.getKey(), l.getValue()), row);
        }
      }
      Map<String, Object> oldFields = previous == null ? Map.of() : previous.fields();
      Map<String, Object> newFields = next == null ? Map.of() : next.fields();
      Set<String> names = new HashSet<>(oldFields.keySet());
      names.addAll(newFields.keySet());
      for (String name : names) {
        Object before = oldFields.get(name);
        Object after = newFields.get(name);
        if (Objects.equals(before, after)) {
          continue;
        }
        if (bulk && fields.get(name).rebuildsInBulk()) {
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

    Map<String, EventColumn> events = new HashMap<>(current.events());
    for (String id : batch.cleared()) {
      int row = dictionary.lookup(id);
      if (row < 0) {
        continue;
      }
      for (Map.Entry<String, EventColumn> e : events.entrySet()) {
        if (e.getValue().any().contains(row)) {
          EventColumn column = e.getValue().edit(scope);
          column.removeRow(scope, row);
          e.setValue(column);
        }
      }
    }
    for (Event event : batch.events()) {
      int row = dictionary.lookup(event.contactId());
      EventColumn column = events.getOrDefault(event.type(), EventColumn.empty()).edit(scope);
      column.add(scope, row, Keys.floorMicros(event.at()), event.props());
      events.put(event.type(), column);
    }

    // The column pass below reads every row's current value; it reads them from the row store,
    // so the batch's rows go in first, and come out again if the pass fails.
    Map<Integer, ContactRow> replaced = new HashMap<>();
    for (Map.Entry<Integer, ContactRow> e : changed.entrySet()) {
      int row = e.getKey();
      while (rows.size() <= row) {
        rows.add(null);
      }
      replaced.put(row, rows.set(row, e.getValue()));
    }
    try {
      compactColumns(fields, rebuild, universe);
    } catch (RuntimeException | Error e) {
      replaced.forEach(rows::set);
      throw e;
    }
    return new IndexData(schema, current.version() + 1, universe, dictionary, dictionary.chunks(),
        tags, lists, Map.copyOf(fields), Map.copyOf(events));
  }

  private void compactColumns(Map<String, FieldColumn> fields, Set<String> rebuild,
      RoaringBitmap universe) {
    for (Map.Entry<String, FieldColumn> e : fields.entrySet()) {
      String name = e.getKey();
      IntFunction<Object> valueOf = row -> rows.get(row).fields().get(name);
      if (rebuild.contains(name)) {
        RoaringBitmap withValue = new RoaringBitmap();
        universe.forEach((int row) -> {
          if (valueOf.apply(row) != null) {
            withValue.add(row);
          }
        });
        e.setValue(e.getValue().rebuilt(withValue, valueOf));
      } else {
        e.setValue(e.getValue().compact(valueOf));
      }
    }
  }
}
