package org.segmentdsl.internal.write;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.roaringbitmap.RoaringBitmap;
import org.segmentdsl.IndexBatch;
import org.segmentdsl.ListStatus;
import org.segmentdsl.Schema;
import org.segmentdsl.internal.WriteScope;
import org.segmentdsl.internal.column.BitmapMap;
import org.segmentdsl.internal.column.ChunkedArray;
import org.segmentdsl.internal.column.ChunkedInts;
import org.segmentdsl.internal.column.Columns;
import org.segmentdsl.internal.column.FieldColumn;
import org.segmentdsl.internal.column.ListKey;
import org.segmentdsl.internal.event.Events;
import org.segmentdsl.internal.event.StagedEvents;
import org.segmentdsl.internal.table.AccountMembers;
import org.segmentdsl.internal.table.ContactRow;
import org.segmentdsl.internal.table.EntityRow;
import org.segmentdsl.internal.table.IdDictionary;
import org.segmentdsl.internal.table.IndexData;
import org.segmentdsl.internal.table.Relations;
import org.segmentdsl.internal.table.RowCodec;
import org.segmentdsl.internal.table.RowStore;

/**
 * The single writer of a contact index: keeps every contact's, deal's and account's current row
 * and turns a staged batch into the next {@link IndexData}, copying only what the batch touches.
 * Not thread-safe: the index calls it under its write lock.
 */
public final class IndexWriter {
  private final Schema schema;
  private final IdDictionary dictionary;
  private final RowStore<ContactRow> rows;
  private final EntityWriter deals;
  private final EntityWriter accounts;
  private IndexData current;
  /** The contact rows the last commit may have changed the answers of; null: every row. */
  private RoaringBitmap touched = new RoaringBitmap();
  /** What the last commit changed of the touched rows (see {@link #changes()}). */
  private Changes changes = Changes.NONE;

  public IndexWriter(Schema schema) {
    this.schema = Objects.requireNonNull(schema, "schema");
    this.dictionary = new IdDictionary();
    this.rows = newStore(schema, dictionary);
    this.deals = new EntityWriter(schema.dealFields());
    this.accounts = new EntityWriter(schema.accountFields());
    Map<String, FieldColumn> columns = new LinkedHashMap<>();
    schema.contactFields().forEach((name, type) -> columns.put(name, Columns.empty(type)));
    this.current = new IndexData(schema, 0, new RoaringBitmap(), dictionary, dictionary.ids(),
        BitmapMap.empty(), BitmapMap.empty(), Map.copyOf(columns), Events.empty(),
        new Relations(deals.current(), ChunkedInts.empty(), accounts.current(),
            AccountMembers.empty(), ChunkedArray.empty(), ChunkedInts.empty()), rows.publish());
  }

  /** A writer that goes on from a state read back from a snapshot file. */
  IndexWriter(IdDictionary dictionary, RowStore<ContactRow> rows, EntityWriter deals,
      EntityWriter accounts, IndexData current) {
    this.schema = current.schema();
    this.dictionary = dictionary;
    this.rows = rows;
    this.deals = deals;
    this.accounts = accounts;
    this.current = current;
  }

  static RowStore<ContactRow> newStore(Schema schema, IdDictionary dictionary) {
    return RowStore.contacts(new RowCodec(schema.contactFields()),
        row -> dictionary.ids().idOf(row));
  }

  /**
   * What a snapshot file needs of the last committed state, captured so that it can be written
   * while the writer goes on: the published state, and copies of the writer's own tables as of
   * now. Writer only: under the index's write lock.
   */
  public SnapshotWriter.State capture() {
    return new SnapshotWriter.State(current, dictionary.ids(), dictionary.size(), rows.save(),
        deals.save(), accounts.save(), current.events().propertyMapsNow());
  }

  /** The last committed state. */
  public IndexData current() {
    return current;
  }

  /** The current row of a contact, or null. */
  ContactRow row(String id) {
    return rows.get(dictionary.lookup(id));
  }

  /** The row of a contact id, or -1 if the id has never had one. */
  int rowOf(String id) {
    return dictionary.lookup(id);
  }

  /** Whether the contact of a row ({@link #rowOf}; -1 for none) exists now. */
  boolean hasRow(int row) {
    return rows.has(row);
  }

  /** The current deal of that id, or null. */
  EntityRow deal(String id) {
    return deals.row(id);
  }

  /** Whether an account of that id exists now. */
  boolean hasAccount(String id) {
    return accounts.has(id);
  }

  /** The current account of that id, or null. */
  EntityRow account(String id) {
    return accounts.row(id);
  }

  /**
   * The contact rows whose data the last commit changed, or that own or belong to a deal or
   * account it changed (before or after): the only rows whose membership in any segment the commit
   * can have changed. {@code null} after {@link #dropEventsBefore}, which may change any row.
   * Never change the returned bitmap.
   */
  public RoaringBitmap touched() {
    return touched;
  }

  /** What the last commit changed of its {@linkplain #touched touched} rows. */
  public Changes changes() {
    return changes;
  }

  /** The ids of a contact's current deals. */
  List<String> dealsOf(String contactId) {
    int row = dictionary.lookup(contactId);
    int[] dealRows = row >= 0 ? current.relations().dealsByOwner().get(row) : null;
    List<String> ids = new ArrayList<>();
    if (dealRows != null) {
      for (int deal : dealRows) {
        ids.add(deals.idOf(deal));
      }
    }
    return ids;
  }

  /** The ids of the contacts currently linked to an account. */
  List<String> membersOf(String accountId) {
    int row = accounts.lookup(accountId);
    RoaringBitmap members = row < 0 ? null : current.relations().accountMembers().get(row);
    List<String> ids = new ArrayList<>();
    if (members != null) {
      members.forEach((int r) -> ids.add(current.idOf(r)));
    }
    return ids;
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
      touched = new RoaringBitmap();
      changes = Changes.NONE;
      return current;
    }
    current = commit(batch);
    return current;
  }

  /** Forgets every event before {@code cutoff}; returns the new state. */
  public IndexData dropEventsBefore(long cutoffMicros) {
    WriteScope scope = new WriteScope();
    Events events = current.events().edit(scope);
    events.dropBefore(scope, cutoffMicros);
    current = new IndexData(schema, current.version() + 1, current.universe(), dictionary,
        dictionary.ids(), current.tags(), current.lists(), current.fields(), events,
        current.relations(), current.rows());
    touched = null;
    changes = Changes.EVERYTHING;
    return current;
  }

  /** Brings every column to its most compact form; returns the new state. */
  public IndexData compact() {
    Map<String, FieldColumn> fields = new HashMap<>(current.fields());
    Columns.compacted(fields, rows::field);
    long version = current.version() + 1;
    IndexData dealTable = deals.compact(version);
    IndexData accountTable = accounts.compact(version);
    Relations r = current.relations();
    current = new IndexData(schema, version, current.universe(), dictionary, dictionary.ids(),
        current.tags(), current.lists(), Map.copyOf(fields), current.events().flat(),
        new Relations(dealTable, r.dealOwners(), accountTable, r.accountMembers(),
            r.dealsByOwner(), r.accountOf()), current.rows());
    touched = new RoaringBitmap();
    changes = Changes.NONE;
    return current;
  }

  private IndexData commit(StagedBatch batch) {
    Map<String, ContactRow> staged = batch.staged();
    WriteScope scope = new WriteScope();
    long version = current.version() + 1;
    // Accounts first, so that a contact may link to an account added in the same batch.
    EntityWriter.Pending accountChanges = accounts.stage(scope, batch.stagedAccounts());
    AccountMembers members = current.relations().accountMembers();
    ChunkedInts accountOf = current.relations().accountOf();
    RoaringBitmap touchedRows = new RoaringBitmap();
    Changes.Builder what = new Changes.Builder();
    RoaringBitmap universe = current.universe();
    BitmapMap<String> tags = current.tags();
    BitmapMap<ListKey> lists = current.lists();
    Map<String, FieldColumn> fields = new HashMap<>(current.fields());
    Map<Integer, ContactRow> changed = new HashMap<>();
    Columns.Bulk bulk = new Columns.Bulk(staged.size());

    for (Map.Entry<String, ContactRow> e : staged.entrySet()) {
      ContactRow next = e.getValue();
      int row = next == null ? dictionary.lookup(e.getKey()) : dictionary.assign(e.getKey());
      ContactRow previous = changed.containsKey(row) ? changed.get(row) : rows.get(row);
      if (previous == null && next == null) {
        continue;
      }
      changed.put(row, next);
      touchedRows.add(row);
      if (previous == null || next == null) {
        what.everything(); // a contact added or removed may enter or leave any segment
        universe = next == null ? scope.withoutRow(universe, row) : scope.withRow(universe, row);
      }
      Set<String> oldTags = previous == null ? Set.of() : previous.tags();
      Set<String> newTags = next == null ? Set.of() : next.tags();
      for (String t : oldTags) {
        if (!newTags.contains(t)) {
          what.tag(t);
          tags = tags.edit(scope);
          tags.remove(scope, t, row);
        }
      }
      for (String t : newTags) {
        if (!oldTags.contains(t)) {
          what.tag(t);
          tags = tags.edit(scope);
          tags.add(scope, t, row);
        }
      }
      Map<String, ListStatus> oldLists = previous == null ? Map.of() : previous.lists();
      Map<String, ListStatus> newLists = next == null ? Map.of() : next.lists();
      for (Map.Entry<String, ListStatus> l : oldLists.entrySet()) {
        if (newLists.get(l.getKey()) != l.getValue()) {
          what.list(l.getKey());
          lists = lists.edit(scope);
          lists.remove(scope, new ListKey(l.getKey(), l.getValue()), row);
        }
      }
      for (Map.Entry<String, ListStatus> l : newLists.entrySet()) {
        if (oldLists.get(l.getKey()) != l.getValue()) {
          what.list(l.getKey());
          lists = lists.edit(scope);
          lists.add(scope, new ListKey(l.getKey(), l.getValue()), row);
        }
      }
      String oldAccount = previous == null ? null : previous.account();
      String newAccount = next == null ? null : next.account();
      if (!Objects.equals(oldAccount, newAccount)) {
        what.accounts();
        members = members.edit(scope);
        if (oldAccount != null) {
          members.remove(scope, accounts.lookup(oldAccount), row);
        }
        if (newAccount != null) {
          members.add(scope, accounts.lookup(newAccount), row);
        }
        accountOf = accountOf.edit(scope);
        accountOf.set(scope, row, newAccount == null ? 0 : accounts.lookup(newAccount) + 1);
      }
      Columns.diff(scope, fields, row, previous == null ? Map.of() : previous.fields(),
          next == null ? Map.of() : next.fields(), bulk, what.fields());
    }

    // Deals after contacts, so that a deal may belong to a contact added in the same batch.
    EntityWriter.Pending dealChanges = deals.stage(scope, batch.stagedDeals());
    ChunkedInts owners = current.relations().dealOwners();
    for (Map.Entry<Integer, EntityRow> e : dealChanges.changed.entrySet()) {
      if (e.getValue() != null) {
        owners = owners.edit(scope);
        owners.set(scope, e.getKey(), dictionary.lookup(e.getValue().owner()));
      }
    }

    Events events = current.events();
    for (String id : batch.cleared()) {
      int row = dictionary.lookup(id);
      if (row >= 0) {
        touchedRows.add(row);
        what.everything(); // its events went, whatever their types
        events = events.edit(scope);
        events.removeRow(scope, row);
      }
    }
    // each row's new events are merged into its blob at once
    StagedEvents recorded = batch.events();
    if (!recorded.isEmpty()) {
      recorded.resolve(dictionary::lookup);
      recorded.typeNames().forEach(what::event);
      int[] order = recorded.byRow();
      events = events.edit(scope);
      for (int from = 0; from < order.length; ) {
        int row = recorded.row(order[from]);
        int to = from + 1;
        while (to < order.length && recorded.row(order[to]) == row) {
          to++;
        }
        touchedRows.add(row);
        events.record(scope, row, recorded, order, from, to);
        from = to;
      }
      events.flushBuckets(scope);
    }

    // The column passes below read every row's current values from the row stores, so the
    // batch's rows go in first, and come out again if a pass fails.
    RowStore.Undo replaced = rows.write(changed);
    accountChanges.writeRows();
    dealChanges.writeRows();
    IndexData dealTable;
    IndexData accountTable;
    try {
      Columns.compact(scope, fields, bulk, rows::field);
      dealTable = dealChanges.finish(version);
      accountTable = accountChanges.finish(version);
    } catch (RuntimeException | Error e) {
      rows.restore(replaced);
      accountChanges.undo();
      dealChanges.undo();
      throw e;
    }
    deals.publish(dealTable);
    accounts.publish(accountTable);
    ChunkedArray<int[]> dealsByOwner = current.relations().dealsByOwner();
    for (Map.Entry<Integer, EntityRow> e : dealChanges.changed.entrySet()) {
      EntityRow before = dealChanges.previous.get(e.getKey());
      EntityRow after = e.getValue();
      dealsByOwner = dealsByOwner.edit(scope);
      what.deals();
      if (before != null) {
        int owner = dictionary.lookup(before.owner());
        int[] kept = IntStream.of(dealsByOwner.get(owner)).filter(d -> d != e.getKey()).toArray();
        dealsByOwner.set(scope, owner, kept.length == 0 ? null : kept);
        touchedRows.add(owner);
      }
      if (after != null) {
        int owner = dictionary.lookup(after.owner());
        int[] dealRows = dealsByOwner.get(owner);
        dealsByOwner.set(scope, owner, dealRows == null ? new int[] {e.getKey()}
            : IntStream.concat(IntStream.of(dealRows), IntStream.of(e.getKey())).toArray());
        touchedRows.add(owner);
      }
    }
    // an account's new fields change the answers of the contacts linked to it (those whose link
    // this batch changed are in already)
    for (Map.Entry<Integer, EntityRow> e : accountChanges.changed.entrySet()) {
      RoaringBitmap linked = members.get(e.getKey());
      what.accounts();
      if (linked != null) {
        touchedRows.or(linked);
      }
    }
    touched = touchedRows;
    changes = what.build();
    return new IndexData(schema, version, universe, dictionary, dictionary.ids(), tags, lists,
        Map.copyOf(fields), events, new Relations(dealTable, owners, accountTable, members,
            dealsByOwner, accountOf), rows.publish());
  }
}
