package org.segmentdsl;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import org.roaringbitmap.RoaringBitmap;
import org.roaringbitmap.buffer.ImmutableRoaringBitmap;
import org.segmentdsl.condition.Condition;
import org.segmentdsl.condition.EventCondition;
import org.segmentdsl.eval.ContactExplainer;
import org.segmentdsl.eval.Linter;
import org.segmentdsl.eval.SegmentEvaluator;
import org.segmentdsl.internal.table.ContactRow;
import org.segmentdsl.internal.table.EntityRow;
import org.segmentdsl.internal.table.IndexData;

/**
 * One consistent, immutable state of a {@link ContactIndex}: every batch committed before it was
 * taken and nothing after. Thread-safe: any number of threads may evaluate on one snapshot while
 * writers go on changing the index. Evaluate a segment and its negation on the same snapshot and
 * they partition its contacts exactly.
 *
 * <pre>{@code
 * IndexSnapshot s = index.snapshot();
 * int customers = s.evaluate(tag("status-customer"), ctx).count();
 * int others = s.evaluate(not(tag("status-customer")), ctx).count(); // customers + others == s.size()
 * }</pre>
 *
 * <p>It also gives back what it holds, as of this state: {@link #contact}, {@link #deal}, {@link
 * #account}, {@link #dealsOf}, {@link #events}, every id ({@link #contactIds}, {@link #dealIds},
 * {@link #accountIds}) and the ids of dense row numbers ({@link #ids(ImmutableRoaringBitmap)}).
 */
public final class IndexSnapshot {
  private final IndexData data;

  IndexSnapshot(IndexData data) {
    this.data = data;
  }

  IndexData data() {
    return data;
  }

  /** {@return the number of contacts} */
  public int size() {
    return data.universe().getCardinality();
  }

  /** {@return the number of batches committed before this snapshot} */
  public long version() {
    return data.version();
  }

  /** {@return the schema the index checks contacts and conditions against} */
  public Schema schema() {
    return data.schema();
  }

  /**
   * {@return whether this snapshot has a contact with that id}
   *
   * @param id the contact's id, not null
   */
  public boolean containsContact(String id) {
    return data.rowOf(Objects.requireNonNull(id, "id")) >= 0;
  }

  /**
   * A contact as this snapshot holds it: its tags (in name order), its list statuses (by list
   * name), its field values in schema order as the typed Java values {@link
   * Contact.Builder#field} takes ({@code Double} for a number, {@code LocalDate}, {@code Instant}
   * to the microsecond, {@code Boolean}, {@code String}, {@link GeoPoint}), and its account's id.
   * Values are as the index normalised them when they were written: a number is a {@code Double}
   * ({@code -0.0} is {@code 0.0}), a datetime an {@code Instant} truncated to the microsecond (an
   * {@code OffsetDateTime} given loses its offset). Upserting the contact again changes nothing.
   * Its deals and events are read with {@link #dealsOf} and {@link #events}.
   *
   * <pre>{@code
   * Contact c = index.snapshot().contact("c-1001").orElseThrow();
   * Object country = c.fields().get("country"); // "US"
   * }</pre>
   *
   * <p>Costs a look-up of the id and the decoding of one row (microseconds). Like every read of a
   * snapshot, which is immutable, it may run on any thread while the index changes, and it
   * answers as of this snapshot.
   *
   * @param id the contact's id, not null
   * @return the contact, or empty if this snapshot has no contact with that id
   */
  public Optional<Contact> contact(String id) {
    int row = data.rowOf(Objects.requireNonNull(id, "id"));
    return row < 0 ? Optional.empty() : Optional.of(contactAt(row));
  }

  private Contact contactAt(int row) {
    ContactRow stored = data.contactRow(row);
    Contact.Builder c = Contact.builder(stored.id()).tags(new TreeSet<>(stored.tags()))
        .account(stored.account());
    new TreeMap<>(stored.lists()).forEach(c::list);
    for (String field : data.schema().contactFields().keySet()) {
      c.field(field, stored.fields().get(field));
    }
    return c.build();
  }

  /**
   * A deal as this snapshot holds it: its id, its contact's id and its field values in schema
   * order, typed as for {@link #contact}. Upserting it again changes nothing. Costs a look-up and
   * the decoding of one row; thread-safe, as of this snapshot.
   *
   * @param id the deal's id, not null
   * @return the deal, or empty if this snapshot has no deal with that id
   */
  public Optional<Deal> deal(String id) {
    IndexData deals = data.relations().deals();
    int row = deals.rowOf(Objects.requireNonNull(id, "id"));
    return row < 0 ? Optional.empty() : Optional.of(dealAt(row));
  }

  private Deal dealAt(int row) {
    EntityRow stored = data.relations().deals().entityRow(row);
    Deal.Builder d = Deal.builder(stored.id(), stored.owner());
    for (String field : data.schema().dealFields().keySet()) {
      d.field(field, stored.fields().get(field));
    }
    return d.build();
  }

  /**
   * The deals of a contact, in the order they were first added to the index. Costs a look-up and
   * the decoding of each deal; thread-safe, as of this snapshot.
   *
   * @param contactId the contact's id, not null
   * @return the deals, an immutable list; empty if the contact has none or this snapshot has no
   *     contact with that id
   */
  public List<Deal> dealsOf(String contactId) {
    int row = data.rowOf(Objects.requireNonNull(contactId, "contactId"));
    int[] dealRows = row < 0 ? null : data.relations().dealsByOwner().get(row);
    if (dealRows == null) {
      return List.of();
    }
    int[] sorted = dealRows.clone(); // in the order of their last change
    Arrays.sort(sorted);
    List<Deal> deals = new ArrayList<>(sorted.length);
    for (int deal : sorted) {
      deals.add(dealAt(deal));
    }
    return List.copyOf(deals);
  }

  /**
   * An account as this snapshot holds it: its id and its field values in schema order, typed as
   * for {@link #contact}. Upserting it again changes nothing. Costs a look-up and the decoding of
   * one row; thread-safe, as of this snapshot.
   *
   * @param id the account's id, not null
   * @return the account, or empty if this snapshot has no account with that id
   */
  public Optional<Account> account(String id) {
    IndexData accounts = data.relations().accounts();
    int row = accounts.rowOf(Objects.requireNonNull(id, "id"));
    if (row < 0) {
      return Optional.empty();
    }
    EntityRow stored = accounts.entityRow(row);
    Account.Builder a = Account.builder(stored.id());
    for (String field : data.schema().accountFields().keySet()) {
      a.field(field, stored.fields().get(field));
    }
    return Optional.of(a.build());
  }

  /**
   * The events of a contact, in time order, as the index recorded them: each event's type, its
   * instant and its properties. What recording keeps is what comes back, which is not always what
   * was given:
   *
   * <ul>
   *   <li>the instant is truncated to the microsecond, toward the past ({@link Event});
   *   <li>a number property is a {@code Double} ({@code 3} comes back as {@code 3.0}, {@code
   *       -0.0} as {@code 0.0}); strings and booleans come back as they were;
   *   <li>properties come back in name order, not in the order they were given;
   *   <li>events of one type at the same instant keep the order they were recorded in; events of
   *       different types at the same instant come in the order of their types' names;
   *   <li>events before a {@link ContactIndex#dropEventsBefore} cutoff, and those recorded before
   *       the contact was last removed, are gone.
   * </ul>
   *
   * <p>Costs a look-up, a check per event type the index has recorded, and the decoding of the
   * contact's events; thread-safe, as of this snapshot.
   *
   * @param contactId the contact's id, not null
   * @return the events, an immutable list; empty if the contact has none or this snapshot has no
   *     contact with that id
   */
  public List<Event> events(String contactId) {
    int row = data.rowOf(Objects.requireNonNull(contactId, "contactId"));
    return row < 0 ? List.of() : List.copyOf(data.events().eventsOf(row, data.idOf(row)));
  }

  /**
   * The ids of every contact, in index order: the order contacts were first added (a contact
   * removed and added again keeps its first place), which every {@link SegmentResult#ids()}
   * follows. Costs an array of the rows (4 bytes a contact); each id is read when the list is
   * asked for it. Thread-safe, as of this snapshot.
   *
   * @return the ids, an immutable list of {@link #size()} ids
   */
  public List<String> contactIds() {
    return new RowIds(data.universe().toArray(), data);
  }

  /**
   * The ids of every deal, in the order deals were first added to the index. Costs as {@link
   * #contactIds()}; thread-safe, as of this snapshot.
   *
   * @return the ids, an immutable list
   */
  public List<String> dealIds() {
    IndexData deals = data.relations().deals();
    return new RowIds(deals.universe().toArray(), deals);
  }

  /**
   * The ids of every account, in the order accounts were first added to the index. Costs as
   * {@link #contactIds()}; thread-safe, as of this snapshot.
   *
   * @return the ids, an immutable list
   */
  public List<String> accountIds() {
    IndexData accounts = data.relations().accounts();
    return new RowIds(accounts.universe().toArray(), accounts);
  }

  /**
   * The ids of the contacts of some dense row numbers, such as a {@link SegmentResult#bitmap()},
   * in index order (row order), as {@link SegmentResult#ids()} gives them. A row that holds no
   * contact in this snapshot is left out: none, for a bitmap of a result of this snapshot; the
   * contacts removed since, for one of an earlier snapshot. Costs a pass over the rows (an AND
   * with the snapshot's contacts and an array of 4 bytes a row); each id is read when the list is
   * asked for it. Thread-safe, as of this snapshot.
   *
   * <pre>{@code
   * ImmutableRoaringBitmap both = ImmutableRoaringBitmap.and(a.bitmap(), b.bitmap());
   * List<String> ids = snapshot.ids(both);
   * }</pre>
   *
   * @param rows dense row numbers, not null
   * @return the ids of the rows that hold a contact, an immutable list
   */
  public List<String> ids(ImmutableRoaringBitmap rows) {
    RoaringBitmap contacts = Objects.requireNonNull(rows, "rows").toRoaringBitmap();
    contacts.and(data.universe());
    return new RowIds(contacts.toArray(), data);
  }

  /**
   * The id of the contact of one dense row number (see {@link SegmentResult#bitmap()}). Costs the
   * reading of one id; thread-safe, as of this snapshot.
   *
   * @param row a dense row number
   * @return the contact's id, or empty if the row holds no contact in this snapshot
   */
  public Optional<String> id(int row) {
    return row >= 0 && data.universe().contains(row) ? Optional.of(data.idOf(row))
        : Optional.empty();
  }

  /**
   * The contacts matching a condition: {@code evaluate(Segment.of(condition), context)}, so a
   * problem's JSON Pointer is under {@code /where}, as for a segment.
   *
   * @param condition the condition, not null
   * @param context the instant, zone, saved segments and limits of the evaluation, not null
   * @return the matching contacts
   * @throws InvalidSegmentException if the condition does not fit the schema (each problem with
   *     its JSON Pointer) or passes a limit
   * @throws EvaluationCancelledException if a deadline, timeout or cancellation of {@code
   *     context} stops the evaluation
   */
  public SegmentResult evaluate(Condition condition, EvaluationContext context) {
    checkArguments(condition, context);
    return new SegmentResult(SegmentEvaluator.evaluate(data, null, condition, "/where", context), data);
  }

  /**
   * The members of a segment; problems are reported with pointers under {@code /where}.
   *
   * @param segment the segment, not null
   * @param context the instant, zone, saved segments and limits of the evaluation, not null
   * @return the members
   * @throws InvalidSegmentException if the segment's condition does not fit the schema or passes
   *     a limit
   * @throws EvaluationCancelledException if a deadline, timeout or cancellation of {@code
   *     context} stops the evaluation
   */
  public SegmentResult evaluate(Segment segment, EvaluationContext context) {
    checkArguments(segment, context);
    return new SegmentResult(
        SegmentEvaluator.evaluate(data, segment.id(), segment.condition(), "/where", context), data);
  }

  /**
   * A segment's size and share, and per event type recorded in this state the members and the
   * other contacts with such an event in the last 30 days ({@code now - P30D < t <= now}), with
   * their shares of their groups.
   *
   * @param segment the segment
   * @param context the instant, zone, saved segments and limits of the evaluations
   * @return the report
   * @throws InvalidSegmentException if the segment does not fit the schema or passes a limit
   * @throws EvaluationCancelledException if a deadline, timeout or cancellation of {@code
   *     context} stops an evaluation
   */
  public SegmentReport report(Segment segment, EvaluationContext context) {
    checkArguments(segment, context);
    RoaringBitmap members =
        SegmentEvaluator.evaluate(data, segment.id(), segment.condition(), "/where", context);
    int count = members.getCardinality();
    int all = size();
    Map<String, SegmentReport.Activity> activity = new LinkedHashMap<>();
    for (String type : data.events().types()) {
      RoaringBitmap active = SegmentEvaluator.evaluate(data, null,
          new EventCondition(type).inLast(SegmentReport.WINDOW),
          "/where", context);
      int in = RoaringBitmap.andCardinality(active, members);
      int out = active.getCardinality() - in;
      activity.put(type, new SegmentReport.Activity(in, SegmentReport.share(in, count), out,
          SegmentReport.share(out, all - count)));
    }
    return new SegmentReport(count, SegmentReport.share(count, all), activity);
  }

  /**
   * How these segments overlap on this state: each one's size, and for each pair the members of
   * both, of each alone and the Jaccard index. Each segment is evaluated once; a pair costs one
   * intersection count.
   *
   * @param segments the segments, in the order the result keeps
   * @param context the instant, zone, saved segments and limits of the evaluations
   * @return the overlap
   * @throws InvalidSegmentException if a segment does not fit the schema or passes a limit
   * @throws EvaluationCancelledException if a deadline, timeout or cancellation of {@code
   *     context} stops an evaluation
   */
  public SegmentOverlap overlap(List<Segment> segments, EvaluationContext context) {
    SegmentOverlap.check(segments);
    Objects.requireNonNull(context, "context");
    List<RoaringBitmap> members = new ArrayList<>(segments.size());
    for (Segment s : segments) {
      members.add(SegmentEvaluator.evaluate(data, s.id(), s.condition(), "/where", context));
    }
    return SegmentOverlap.of(members);
  }

  /**
   * The condition tree with each node's own match count, and the total.
   *
   * @param condition the condition, not null
   * @param context the instant, zone, saved segments and limits of the evaluation, not null
   * @return the explanation
   * @throws InvalidSegmentException if the condition does not fit the schema or passes a limit
   * @throws EvaluationCancelledException if a deadline, timeout or cancellation of {@code
   *     context} stops the evaluation
   */
  public Explanation explain(Condition condition, EvaluationContext context) {
    checkArguments(condition, context);
    return SegmentEvaluator.explain(data, null, condition, "/where", context);
  }

  /**
   * The segment's condition tree with each node's own match count, and the total; problems are
   * reported with pointers under {@code /where}.
   *
   * @param segment the segment, not null
   * @param context the instant, zone, saved segments and limits of the evaluation, not null
   * @return the explanation
   * @throws InvalidSegmentException if the segment's condition does not fit the schema or passes
   *     a limit
   * @throws EvaluationCancelledException if a deadline, timeout or cancellation of {@code
   *     context} stops the evaluation
   */
  public Explanation explain(Segment segment, EvaluationContext context) {
    checkArguments(segment, context);
    return SegmentEvaluator.explain(data, segment.id(), segment.condition(), "/where", context);
  }

  /**
   * What is probably wrong in a valid segment: nodes that can never match or always match
   * whatever the data, tags, lists and event types this snapshot has never seen (with the
   * closest one it has, within two edits), string values present only in another letter case,
   * repeated children, and whether the whole segment matches no one or everyone now. See {@link
   * LintFinding.Code} for each kind. Costs one evaluation of the segment, plus a pass over the
   * names (and over the values of a string field whose {@code eq} value is absent); thread-safe,
   * as of this snapshot.
   *
   * <pre>{@code
   * for (LintFinding f : snapshot.lint(segment, ctx)) {
   *   System.out.println(f); // /where/any/1: unknown-tag: no contact carries the tag "sttus-lead"; ...
   * }
   * }</pre>
   *
   * @param segment the segment, not null
   * @param context the instant, zone, saved segments and limits, not null
   * @return the findings, in document order, then {@code empty} or {@code everyone}; empty when
   *     nothing was found
   * @throws InvalidSegmentException if the segment does not fit the schema or passes a limit
   * @throws EvaluationCancelledException if a limit of {@code context} stops the evaluation
   */
  public List<LintFinding> lint(Segment segment, EvaluationContext context) {
    checkArguments(segment, context);
    return Linter.lint(data, segment.id(), segment.condition(), context);
  }

  /**
   * A tag audit of this state: every tag at least one contact carries, sorted, with the number
   * of contacts that carry it and its findings (case-variants, near-duplicates, tags off the
   * dominant {@code prefix-name} convention, rare tags, and tags that no segment of {@code
   * savedSegments} names, exactly or by pattern); {@link TagAudit} says exactly when each holds.
   *
   * <pre>{@code
   * TagAudit audit = index.snapshot().tagAudit(savedSegments);
   * audit.tags().get(0).findings(); // [case-variant of interest-crm, unused]
   * }</pre>
   *
   * <p>Costs a pass over the tags and their counts, a sort, and a walk over each saved segment's
   * tree; near-duplicates compare tags pair by pair within a length and with the next length
   * (not looked for past 20,000 distinct tags). No contact row is decoded. Thread-safe, as of this
   * snapshot.
   *
   * @param savedSegments the saved segments whose tag conditions make a tag used, not null; with
   *     none, every tag is unused
   * @return the audit
   */
  public TagAudit tagAudit(SegmentRegistry savedSegments) {
    Objects.requireNonNull(savedSegments, "savedSegments");
    return TagAudit.of(this, savedSegments);
  }

  /**
   * Why one contact is, or is not, a member of a segment: the segment's tree as written, each
   * node with whether it holds for the contact on its own and what decided it (see {@link
   * ContactExplanation}). Costs about as much as re-testing one contact in a live segment: no
   * bitmap over the whole index is evaluated, so it takes microseconds at any index size.
   *
   * <pre>{@code
   * snapshot.why(segment, "c-1001", ctx).ifPresent(System.out::println);
   * }</pre>
   *
   * @param segment the segment, not null
   * @param contactId the contact's id, not null
   * @param context the instant, zone, saved segments and limits, not null
   * @return the explanation, or empty if this snapshot has no contact with that id
   * @throws InvalidSegmentException if the segment does not fit the schema or passes a limit
   *     (checked before the contact is looked up)
   * @throws EvaluationCancelledException if a deadline, timeout or cancellation of {@code
   *     context} stops it
   */
  public Optional<ContactExplanation> why(Segment segment, String contactId,
      EvaluationContext context) {
    checkArguments(segment, context);
    Objects.requireNonNull(contactId, "contactId");
    return Optional.ofNullable(ContactExplainer.explain(data, segment.id(), segment.condition(),
        "/where", context, contactId));
  }

  /**
   * {@link #why(Segment, String, EvaluationContext)} of {@code Segment.of(condition)}: pointers
   * are under {@code /where}.
   *
   * @param condition the condition, not null
   * @param contactId the contact's id, not null
   * @param context the instant, zone, saved segments and limits, not null
   * @return the explanation, or empty if this snapshot has no contact with that id
   * @throws InvalidSegmentException if the condition does not fit the schema or passes a limit
   * @throws EvaluationCancelledException if a limit of {@code context} stops it
   */
  public Optional<ContactExplanation> why(Condition condition, String contactId,
      EvaluationContext context) {
    checkArguments(condition, context);
    Objects.requireNonNull(contactId, "contactId");
    return Optional.ofNullable(
        ContactExplainer.explain(data, null, condition, "/where", context, contactId));
  }

  /**
   * Checks a condition against the schema without evaluating it; a segment reference in it is an
   * unknown segment (use {@link #validate(Condition, SegmentRegistry)}).
   *
   * @param condition the condition, not null
   * @throws InvalidSegmentException listing every problem found (up to 100)
   */
  public void validate(Condition condition) {
    validate(condition, SegmentRegistry.empty());
  }

  /**
   * Checks a condition against the schema, and the segments it references (directly or not)
   * against {@code segments}, without evaluating it.
   *
   * @param condition the condition, not null
   * @param segments the saved segments that references resolve against, not null
   * @throws InvalidSegmentException listing every problem found (up to 100), including unknown
   *     segments and reference cycles
   */
  public void validate(Condition condition, SegmentRegistry segments) {
    Objects.requireNonNull(condition, "condition");
    Objects.requireNonNull(segments, "segments");
    SegmentEvaluator.validate(data.schema(), segments, null, condition, "/where");
  }

  /**
   * Checks a segment like {@link #validate(Condition, SegmentRegistry)}; problems are reported
   * with pointers under {@code /where}, and a cycle back to this segment's id is named.
   *
   * @param segment the segment, not null
   * @param segments the saved segments that references resolve against, not null
   * @throws InvalidSegmentException listing every problem found (up to 100)
   */
  public void validate(Segment segment, SegmentRegistry segments) {
    Objects.requireNonNull(segment, "segment");
    Objects.requireNonNull(segments, "segments");
    SegmentEvaluator.validate(data.schema(), segments, segment.id(), segment.condition(),
        "/where");
  }

  /**
   * {@return the size and version of this state, such as {@code
   * IndexSnapshot[contacts=200000, version=42]}} The version is {@link #version()}, which grows
   * with every state the index publishes.
   */
  @Override
  public String toString() {
    return "IndexSnapshot[contacts=" + size() + ", version=" + version() + "]";
  }

  /** Fails naming a null argument before any work. */
  private static void checkArguments(Condition condition, EvaluationContext context) {
    Objects.requireNonNull(condition, "condition");
    Objects.requireNonNull(context, "context");
  }

  /** Fails naming a null argument before any work. */
  private static void checkArguments(Segment segment, EvaluationContext context) {
    Objects.requireNonNull(segment, "segment");
    Objects.requireNonNull(context, "context");
  }
}
