package org.segmentdsl;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.roaringbitmap.buffer.ImmutableRoaringBitmap;
import org.segmentdsl.condition.Condition;
import org.segmentdsl.internal.column.Keys;
import org.segmentdsl.internal.write.Changes;
import org.segmentdsl.internal.write.IndexWriter;
import org.segmentdsl.internal.write.SnapshotWriter;

/**
 * Contacts in memory, indexed on roaring bitmaps, for exact segment evaluation.
 *
 * <p>Each contact is keyed by the user's string id and gets a dense row number for life. The
 * index keeps a bitmap per tag and per (list, status), and a column per schema field: a bitmap per
 * distinct string, range-searchable columns for numbers, dates and datetimes, true/false bitmaps
 * for booleans, and coordinates for geo fields.
 *
 * <pre>{@code
 * ContactIndex index = ContactIndex.create(schema);
 * index.update(batch -> batch
 *     .upsert(Contact.builder("c-1").tags("interest-crm").field("country", "US").build())
 *     .addTag("c-1", "source-webinar"));
 * SegmentResult leads = index.evaluate(
 *     all(tag("interest-crm"), field("country").eq("US")), EvaluationContext.current());
 * }</pre>
 *
 * <h2>Thread safety</h2>
 *
 * <p>All methods are thread-safe. Writes are serialised: one batch commits at a time. Readers
 * never wait for writers: each {@link #snapshot()} is an immutable state published atomically
 * after a whole batch has been applied, so an evaluation sees every mutation of a batch or none.
 * A batch copies only the parts it touches (copy-on-write): of a bitmap, the containers of 65,536
 * rows it changes; of a column, the chunks. What it does not touch is shared with earlier
 * snapshots, and what they hold is never changed. The convenience methods ({@link #evaluate},
 * {@link #explain}) each take the latest snapshot; to evaluate several segments on one state, take a
 * snapshot and evaluate on it.
 *
 * <h2>Errors</h2>
 *
 * <p>A mutation with bad input (unknown field, wrong value type, empty id, unknown contact)
 * throws {@link InvalidContactException} naming the contact and field, and the whole batch is
 * dropped. A condition that does not fit the schema throws {@link InvalidSegmentException} before
 * any evaluation.
 */
public final class ContactIndex {
  private final ReentrantLock writeLock = new ReentrantLock();
  private final IndexWriter writer;
  private volatile IndexSnapshot snapshot;
  /** The live segments attached, told of every published change under the write lock. */
  private final List<LiveSegments> live = new CopyOnWriteArrayList<>();

  private ContactIndex(Schema schema) {
    this(new IndexWriter(schema));
  }

  private ContactIndex(IndexWriter writer) {
    this.writer = writer;
    this.snapshot = new IndexSnapshot(writer.current());
  }

  /** An index that goes on from a writer read back from a snapshot file. */
  static ContactIndex restored(IndexWriter writer) {
    return new ContactIndex(writer);
  }

  /** What a snapshot file needs of the latest state, captured under the write lock. */
  SnapshotWriter.State capture() {
    writeLock.lock();
    try {
      return writer.capture();
    } finally {
      writeLock.unlock();
    }
  }

  /**
   * An empty index for contacts of that schema.
   *
   * @param schema the fields of contacts, deals and accounts, not null
   * @return the index
   */
  public static ContactIndex create(Schema schema) {
    return new ContactIndex(Objects.requireNonNull(schema, "schema"));
  }

  /** {@return the schema} */
  public Schema schema() {
    return snapshot.schema();
  }

  /** {@return the latest committed state} */
  public IndexSnapshot snapshot() {
    return snapshot;
  }

  /** {@return the number of contacts now} */
  public int size() {
    return snapshot.size();
  }

  /**
   * Applies a batch of mutations atomically: readers see all of them or none. If {@code
   * mutations} throws (an {@link InvalidContactException} for bad input, or anything else), nothing
   * of the batch is applied and the exception propagates. The callback runs under the write lock:
   * keep it short and do not call {@code update} from it.
   *
   * @param mutations the callback that adds the mutations to the batch, not null
   * @return the snapshot that includes the batch
   * @throws InvalidContactException if a mutation has bad input
   * @throws IllegalStateException if called from inside an update batch
   */
  public IndexSnapshot update(Consumer<? super IndexBatch> mutations) {
    Objects.requireNonNull(mutations, "mutations");
    writeLock.lock();
    try {
      if (writeLock.getHoldCount() > 1) {
        throw new IllegalStateException("update(...) called from inside an update batch");
      }
      IndexSnapshot next = new IndexSnapshot(writer.apply(mutations));
      if (next.version() != snapshot.version()) {
        snapshot = next;
        for (LiveSegments l : live) {
          l.committed(next.data(), writer.touched(), writer.changes());
        }
      }
      return snapshot;
    } finally {
      writeLock.unlock();
    }
  }

  /**
   * Adds or replaces one contact (a batch of one).
   *
   * @param contact the whole contact, not null
   * @return the snapshot that includes it
   * @throws InvalidContactException if the contact does not fit the schema
   */
  public IndexSnapshot upsert(Contact contact) {
    return update(b -> b.upsert(contact));
  }

  /**
   * Removes one contact (a batch of one); no-op if there is no such contact.
   *
   * @param id the contact's id, not null
   * @return the snapshot without it
   * @throws InvalidContactException if {@code id} is null, empty or breaks the rule of {@link
   *     Names}
   */
  public IndexSnapshot remove(String id) {
    return update(b -> b.remove(id));
  }

  /**
   * Records one event (a batch of one).
   *
   * @param event the event, not null; its contact must exist
   * @return the snapshot that includes it
   * @throws InvalidContactException if the event's contact does not exist
   */
  public IndexSnapshot record(Event event) {
    return update(b -> b.record(event));
  }

  /**
   * Forgets every event before {@code cutoff}, to free memory: conditions then see only the events
   * kept. Published atomically like a batch.
   *
   * @param cutoff the first instant whose events are kept, not null
   * @return the snapshot without those events
   */
  public IndexSnapshot dropEventsBefore(Instant cutoff) {
    Objects.requireNonNull(cutoff, "cutoff");
    // a cutoff past the range of epoch microseconds is after (or before) every event time
    long micros = cutoff.getEpochSecond() >= Long.MAX_VALUE / 1_000_000 ? Long.MAX_VALUE
        : cutoff.getEpochSecond() < Long.MIN_VALUE / 1_000_000 ? Long.MIN_VALUE
        : Keys.ceilMicros(cutoff);
    writeLock.lock();
    try {
      snapshot = new IndexSnapshot(writer.dropEventsBefore(micros));
      for (LiveSegments l : live) {
        l.committed(snapshot.data(), null, Changes.EVERYTHING);
      }
      return snapshot;
    } finally {
      writeLock.unlock();
    }
  }

  /**
   * Rebuilds every number, date, datetime and geo column of contacts, deals and accounts in its
   * read-optimised form, folding in what was written since its last rebuild. Those columns take
   * writes into a small sorted delta and rebuild themselves when it reaches an eighth of their
   * rows; until then a range query also walks the delta. Likewise folds the events that busy
   * contacts recorded since their event storage was last rewritten (a tail, kept in recording
   * order, until it reaches half the contact's events) into it. Call this after a bulk load in many
   * batches, or when the index is idle, so that queries find no delta. Published atomically like
   * a batch; the new snapshot answers every condition as the old one did. Takes time linear in
   * the number of rows, under the write lock; readers do not wait.
   *
   * @return the compacted snapshot
   */
  public IndexSnapshot compact() {
    writeLock.lock();
    try {
      snapshot = new IndexSnapshot(writer.compact());
      return snapshot;
    } finally {
      writeLock.unlock();
    }
  }

  /**
   * Runs {@code action} under the write lock: no batch commits meanwhile. For the live segments,
   * whose steps must come in commit order.
   */
  <T> T exclusive(boolean reentrant, Supplier<T> action) {
    writeLock.lock();
    try {
      if (!reentrant && writeLock.getHoldCount() > 1) {
        throw new IllegalStateException("live segments used from inside an update batch");
      }
      return action.get();
    } finally {
      writeLock.unlock();
    }
  }

  void attach(LiveSegments segments) {
    live.add(segments);
  }

  void detach(LiveSegments segments) {
    live.remove(segments);
  }

  /**
   * Evaluates a condition on the latest snapshot; see {@link IndexSnapshot#evaluate(Condition,
   * EvaluationContext)}.
   *
   * @param condition the condition, not null
   * @param context the instant, zone, saved segments and limits of the evaluation, not null
   * @return the matching contacts
   * @throws InvalidSegmentException if the condition does not fit the schema or passes a limit
   * @throws EvaluationCancelledException if a limit of {@code context} stops the evaluation
   */
  public SegmentResult evaluate(Condition condition, EvaluationContext context) {
    return snapshot.evaluate(condition, context);
  }

  /**
   * Evaluates a segment on the latest snapshot; see {@link IndexSnapshot#evaluate(Segment,
   * EvaluationContext)}.
   *
   * @param segment the segment, not null
   * @param context the instant, zone, saved segments and limits of the evaluation, not null
   * @return the members
   * @throws InvalidSegmentException if the condition does not fit the schema or passes a limit
   * @throws EvaluationCancelledException if a limit of {@code context} stops the evaluation
   */
  public SegmentResult evaluate(Segment segment, EvaluationContext context) {
    return snapshot.evaluate(segment, context);
  }

  /**
   * Explains a condition on the latest snapshot; see {@link IndexSnapshot#explain(Condition,
   * EvaluationContext)}.
   *
   * @param condition the condition, not null
   * @param context the instant, zone, saved segments and limits of the evaluation, not null
   * @return the condition tree with each node's own match count, and the total
   * @throws InvalidSegmentException if the condition does not fit the schema or passes a limit
   * @throws EvaluationCancelledException if a limit of {@code context} stops the evaluation
   */
  public Explanation explain(Condition condition, EvaluationContext context) {
    return snapshot.explain(condition, context);
  }

  /**
   * Explains a segment on the latest snapshot; see {@link IndexSnapshot#explain(Segment,
   * EvaluationContext)}.
   *
   * @param segment the segment, not null
   * @param context the instant, zone, saved segments and limits of the evaluation, not null
   * @return the condition tree with each node's own match count, and the total
   * @throws InvalidSegmentException if the condition does not fit the schema or passes a limit
   * @throws EvaluationCancelledException if a limit of {@code context} stops the evaluation
   */
  public Explanation explain(Segment segment, EvaluationContext context) {
    return snapshot.explain(segment, context);
  }

  /**
   * A contact as the latest snapshot holds it; see {@link IndexSnapshot#contact(String)}.
   *
   * @param id the contact's id, not null
   * @return the contact, or empty if there is no contact with that id
   */
  public Optional<Contact> contact(String id) {
    return snapshot.contact(id);
  }

  /**
   * A deal as the latest snapshot holds it; see {@link IndexSnapshot#deal(String)}.
   *
   * @param id the deal's id, not null
   * @return the deal, or empty if there is no deal with that id
   */
  public Optional<Deal> deal(String id) {
    return snapshot.deal(id);
  }

  /**
   * The deals of a contact in the latest snapshot; see {@link IndexSnapshot#dealsOf(String)}.
   *
   * @param contactId the contact's id, not null
   * @return the deals, in the order they were first added; empty if there are none or there is
   *     no contact with that id
   */
  public List<Deal> dealsOf(String contactId) {
    return snapshot.dealsOf(contactId);
  }

  /**
   * An account as the latest snapshot holds it; see {@link IndexSnapshot#account(String)}.
   *
   * @param id the account's id, not null
   * @return the account, or empty if there is no account with that id
   */
  public Optional<Account> account(String id) {
    return snapshot.account(id);
  }

  /**
   * The events of a contact in the latest snapshot, in time order; see {@link
   * IndexSnapshot#events(String)} for what recording keeps of an event.
   *
   * @param contactId the contact's id, not null
   * @return the events; empty if there are none or there is no contact with that id
   */
  public List<Event> events(String contactId) {
    return snapshot.events(contactId);
  }

  /**
   * The ids of every contact of the latest snapshot, in index order; see {@link
   * IndexSnapshot#contactIds()}.
   *
   * @return the ids, an immutable list
   */
  public List<String> contactIds() {
    return snapshot.contactIds();
  }

  /**
   * The ids of every deal of the latest snapshot; see {@link IndexSnapshot#dealIds()}.
   *
   * @return the ids, in the order deals were first added
   */
  public List<String> dealIds() {
    return snapshot.dealIds();
  }

  /**
   * The ids of every account of the latest snapshot; see {@link IndexSnapshot#accountIds()}.
   *
   * @return the ids, in the order accounts were first added
   */
  public List<String> accountIds() {
    return snapshot.accountIds();
  }

  /**
   * The ids of the contacts of some dense row numbers in the latest snapshot, in index order;
   * see {@link IndexSnapshot#ids(ImmutableRoaringBitmap)}. To read the rows of a result, take
   * the ids from the snapshot that gave it, or from {@link SegmentResult#ids()}.
   *
   * @param rows dense row numbers, not null
   * @return the ids of the rows that hold a contact, an immutable list
   */
  public List<String> ids(ImmutableRoaringBitmap rows) {
    return snapshot.ids(rows);
  }

  /**
   * The id of the contact of one dense row number in the latest snapshot; see {@link
   * IndexSnapshot#id(int)}.
   *
   * @param row a dense row number
   * @return the contact's id, or empty if the row holds no contact
   */
  public Optional<String> id(int row) {
    return snapshot.id(row);
  }

  /**
   * {@return the size and version of the latest committed state: {@code
   * ContactIndex[contacts=200000, version=42]}} The version is {@link IndexSnapshot#version()},
   * which grows with every state the index publishes.
   */
  @Override
  public String toString() {
    IndexSnapshot s = snapshot; // one state for both numbers
    return "ContactIndex[contacts=" + s.size() + ", version=" + s.version() + "]";
  }
}
