package org.segmentdsl.internal.event;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.roaringbitmap.IntIterator;
import org.roaringbitmap.RoaringBitmap;
import org.segmentdsl.Names;
import org.segmentdsl.internal.ReadMeter;
import org.segmentdsl.internal.WriteScope;
import org.segmentdsl.internal.column.BitmapMap;
import org.segmentdsl.internal.column.ChunkedArray;
import org.segmentdsl.internal.column.Keys;
import org.segmentdsl.internal.snapshot.SnapshotIn;
import org.segmentdsl.internal.snapshot.SnapshotOut;

/**
 * Every recorded event of a snapshot: per contact row, one {@link EventBlob} with the times of
 * all its events; per event type, an {@link EventColumn} with the day and month buckets and any
 * property maps.
 *
 * <h2>Memory: the 8-bytes-an-event budget</h2>
 *
 * An event without properties costs, at 20 events a contact over a year:
 *
 * <ul>
 *   <li>its time in its contact's blob: a packed gap of {@code width} bits (20-25 bits at second
 *       resolution; about 10 and 20 bits more at millisecond and microsecond resolution), plus
 *       its share of the blob's 5-byte header, of its type section's 4-6 byte header, and of the
 *       array's 16-byte header, padding and 4-byte reference: 4.5-5.5 bytes at second resolution,
 *       the more event types a contact has the more headers;
 *   <li>one bit in a day bitmap for each distinct (contact, type, day): 2 bytes in a sparse
 *       (array) container; and one bit in a month bitmap for each distinct (contact, type,
 *       month), mostly in dense containers: 2-2.7 bytes together;
 *   <li>one bit in the type's "any" bitmap per (contact, type): nearly nothing.
 * </ul>
 *
 * Measured with the {@code EventMemory} program of the examples module (1,000,000 contacts x 20
 * events over a year, second timestamps): 6.9 bytes an event over 2 event types, 7.9 over 6 types
 * weighted like a marketing stream (opens far more often than purchases), 8.1 over 6 equally
 * frequent types; 9.5 and 10.9 bytes with millisecond and microsecond timestamps over 6 types.
 * So the 8-byte goal holds for second timestamps and realistic mixes of types; finer timestamps
 * cost their extra bits, and are kept exactly rather than rounded.
 *
 * <h2>Busy contacts: tails</h2>
 *
 * Rewriting a contact's blob costs time in proportion to all its events, so a contact with
 * {@value #TAIL_MIN_EVENTS} events or more takes new events in an {@link EventTail} instead, in
 * recording order, until the tail reaches half the blob; then the next batch rewrites the blob
 * with every event. Readers merge a contact's tail into what they decode from its blob; a
 * snapshot file holds the events as if there were no tail ({@link #flat}), and {@link
 * org.segmentdsl.internal.write.IndexWriter#compact} folds every tail.
 *
 * <p>Instances reachable from a published snapshot are never changed; commits {@link #edit} a copy.
 */
public final class Events {
  private static final Events EMPTY = new Events(Map.of(), List.of(), ChunkedArray.empty(),
      ChunkedArray.empty(), new RoaringBitmap());

  /**
   * A row whose blob holds at least this many events takes new events in its {@link EventTail},
   * as long as the tail stays within half the blob; otherwise its blob is rewritten with every
   * event. Each rewrite of a blob of {@code n} events thus follows at least {@code n / 2}
   * appends: a stream of single events costs amortised constant time per event.
   */
  static final int TAIL_MIN_EVENTS = 64;

  private Map<String, EventColumn> columns;
  private List<String> types; // type names by type id
  private ChunkedArray<byte[]> blobs;
  private ChunkedArray<EventTail> tails;
  private RoaringBitmap tailRows; // the rows with a tail
  /** These events with every tail folded into its blob, once asked for (a benign race). */
  private volatile Events flat;

  private Events(Map<String, EventColumn> columns, List<String> types,
      ChunkedArray<byte[]> blobs, ChunkedArray<EventTail> tails, RoaringBitmap tailRows) {
    this.columns = columns;
    this.types = types;
    this.blobs = blobs;
    this.tails = tails;
    this.tailRows = tailRows;
  }

  public static Events empty() {
    return EMPTY;
  }

  /** The column of an event type, or null if no event of that type was ever recorded. */
  public EventColumn column(String type) {
    return columns.get(type);
  }

  /** The event types recorded so far. */
  public Iterable<String> types() {
    return types;
  }

  /** Loads a row's events of a column's type into a reusable list. */
  public void load(EventColumn column, int row, EventList into) {
    byte[] blob = blobs.get(row);
    if (blob != null && ReadMeter.on()) {
      ReadMeter.bytes(blob, blob.length);
    }
    EventBlob.decode(blob, column.typeId(), into);
    byte[] props = into.size() == 0 ? null : column.props(row);
    if (props != null && ReadMeter.on()) {
      ReadMeter.bytes(props, props.length);
    }
    into.setProps(props, column.maps());
    EventTail tail = tails.get(row);
    if (tail != null) {
      into.addTail(tail, column.typeId(), column.maps());
    }
  }

  /**
   * A row's events of every type as events of the contact {@code contactId}: in time order; at
   * equal times, by type name, and those of one type in the order they were recorded (as {@link
   * #record} keeps them). Properties in name order. Reads only what a published snapshot may.
   */
  public List<org.segmentdsl.Event> eventsOf(int row, String contactId) {
    List<String> names = new ArrayList<>(types);
    names.sort(null);
    List<org.segmentdsl.Event> out = new ArrayList<>();
    EventList list = new EventList();
    for (String type : names) {
      EventColumn column = columns.get(type);
      if (!column.any().contains(row)) {
        continue;
      }
      load(column, row, list);
      for (int i = 0; i < list.size(); i++) {
        out.add(org.segmentdsl.Event.of(contactId, type, Keys.toInstant(list.micros(i)),
            new TreeMap<>(list.props(i))));
      }
    }
    out.sort(Comparator.comparing(org.segmentdsl.Event::at)); // stable: ties keep type order
    return out;
  }

  /** Each type's property maps as of now, by type, for a snapshot file. Writer only. */
  public Map<String, Map<String, Object>[]> propertyMapsNow() { // the same with or without tails
    Map<String, Map<String, Object>[]> maps = new HashMap<>();
    columns.forEach((type, column) -> maps.put(type, column.propertyMapsNow()));
    return maps;
  }

  /**
   * Writes the types in the order of their ids, each with its column ({@code maps}: the property
   * maps {@link #propertyMapsNow} captured); the times go separately, {@link #writeTimesTo}.
   */
  public void writeTo(SnapshotOut out, Map<String, Map<String, Object>[]> maps) {
    Events flat = flat();
    if (flat != this) {
      flat.writeTo(out, maps); // the bytes of the events as if no row had a tail
      return;
    }
    out.writeVarint(types.size());
    for (String type : types) {
      out.writeString(type);
      columns.get(type).writeTo(out, maps.get(type));
    }
  }

  /** Writes every row's blob of event times. */
  public void writeTimesTo(SnapshotOut out) {
    flat().blobs.writeTo(out, SnapshotOut::writeNullableByteArray);
  }

  /**
   * These events with every tail folded into its row's blob and property numbers: what a
   * snapshot file holds. Made once per instance; reads only what a published snapshot may.
   */
  public Events flat() {
    if (tailRows.isEmpty()) {
      return this;
    }
    Events f = flat;
    if (f == null) {
      WriteScope scope = new WriteScope();
      f = new Events(columns, types, blobs, tails, tailRows);
      for (IntIterator it = tailRows.getIntIterator(); it.hasNext(); ) {
        f.foldTail(scope, it.next());
      }
      flat = f;
    }
    return f;
  }

  /** Reads the types and columns {@link #writeTo} wrote; the times come with {@link #withTimes}. */
  public static Events readFrom(SnapshotIn in) {
    int n = in.count(2);
    if (n == 0) {
      return EMPTY;
    }
    List<String> types = new ArrayList<>(n);
    Map<String, EventColumn> columns = new HashMap<>();
    for (int i = 0; i < n; i++) {
      String type = in.readName("event type");
      if (columns.put(type, EventColumn.readFrom(in, i)) != null) {
        throw in.malformed("event type " + Names.quote(type) + " twice");
      }
      types.add(type);
    }
    return new Events(Collections.unmodifiableMap(columns), Collections.unmodifiableList(types),
        ChunkedArray.empty(), ChunkedArray.empty(), new RoaringBitmap());
  }

  /** Writes every type's hour bitmaps, in the order of the type ids. */
  public void writeHoursTo(SnapshotOut out) {
    out.writeVarint(types.size());
    for (String type : types) {
      columns.get(type).writeHoursTo(out);
    }
  }

  /** Reads the hour bitmaps {@link #writeHoursTo} wrote, for {@link #withHours}. */
  public static List<EventColumn.Hours> readHours(SnapshotIn in) {
    int n = in.count(2);
    List<EventColumn.Hours> hours = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      hours.add(EventColumn.readHours(in));
    }
    return hours;
  }

  /** These events, read from a file, with the hour bitmaps read from it: one per type. */
  public Events withHours(List<EventColumn.Hours> hours) {
    Map<String, EventColumn> c = new HashMap<>();
    for (int i = 0; i < types.size(); i++) {
      c.put(types.get(i), columns.get(types.get(i)).withHours(hours.get(i)));
    }
    return new Events(Collections.unmodifiableMap(c), types, blobs, tails, tailRows);
  }

  /** Writes every type's property day buckets, in the order of the type ids. */
  public void writePropertyDaysTo(SnapshotOut out) {
    out.writeVarint(types.size());
    for (String type : types) {
      columns.get(type).writePropertyDaysTo(out);
    }
  }

  /** Reads what {@link #writePropertyDaysTo} wrote, for {@link #withPropertyDays}. */
  public static List<BitmapMap<Long>> readPropertyDays(SnapshotIn in) {
    int n = in.count(1);
    List<BitmapMap<Long>> buckets = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      buckets.add(EventColumn.readPropertyDays(in));
    }
    return buckets;
  }

  /** These events, read from a file, with the property day buckets read from it: one per type. */
  public Events withPropertyDays(List<BitmapMap<Long>> buckets, String section) {
    Map<String, EventColumn> c = new HashMap<>();
    for (int i = 0; i < types.size(); i++) {
      c.put(types.get(i), columns.get(types.get(i)).withPropertyDays(buckets.get(i), section));
    }
    return new Events(Collections.unmodifiableMap(c), types, blobs, tails, tailRows);
  }

  /**
   * These events with every type's property day buckets made from the events themselves: files
   * of format versions 1 and 2 have none. Decodes each row's events once per type.
   */
  public Events withPropertyDaysRebuilt() {
    WriteScope scope = new WriteScope();
    Map<String, EventColumn> c = new HashMap<>();
    EventList list = new EventList();
    for (String type : types) {
      EventColumn column = columns.get(type).edit(scope);
      column.any().forEach((int row) -> {
        load(column, row, list);
        long[] times = new long[list.size()];
        int[] numbers = new int[list.size()];
        for (int i = 0; i < times.length; i++) {
          times[i] = list.micros(i);
          numbers[i] = list.propsNumber(i);
        }
        column.bucketProperties(row, times, numbers);
      });
      column.flushBuckets(scope);
      c.put(type, column);
    }
    return new Events(Collections.unmodifiableMap(c), types, blobs, tails, tailRows);
  }

  /** Reads the blobs {@link #writeTimesTo} wrote, for {@link #withTimes}. */
  public static ChunkedArray<byte[]> readTimes(SnapshotIn in) {
    return ChunkedArray.readFrom(in, SnapshotIn::readNullableByteArray);
  }

  /** These events with those blobs. */
  public Events withTimes(ChunkedArray<byte[]> blobs) {
    return new Events(columns, types, blobs, ChunkedArray.empty(), new RoaringBitmap());
  }

  /**
   * What keeps a row's events, as a snapshot file gave them, from being what this class makes, or
   * null if nothing does: a blob that does not parse or names unknown types, property numbers
   * that do not match the row's events of their type. Checked at load (in time proportional to
   * the row's types, not its events), so that no later read or write meets them.
   */
  public String problem(int row) {
    byte[] blob = blobs.get(row);
    int[] counts = new int[types.size()];
    if (blob != null) {
      String problem = EventBlob.problem(blob, counts.length, counts);
      if (problem != null) {
        return problem;
      }
    }
    for (int t = 0; t < counts.length; t++) {
      EventColumn column = columns.get(types.get(t));
      byte[] props = column.props(row);
      if (props != null) {
        String problem = counts[t] == 0 ? "property map numbers but no events"
            : PropertyMaps.problem(props, counts[t], column.maps().length);
        if (problem != null) {
          return "events of type \"" + types.get(t) + "\": " + problem;
        }
      }
    }
    return null;
  }

  /** The number of events in all blobs. */
  public long count() {
    long n = 0;
    RoaringBitmap rows = new RoaringBitmap();
    columns.values().forEach(c -> rows.or(c.any()));
    for (IntIterator it = rows.getIntIterator(); it.hasNext(); ) {
      int row = it.next();
      EventTail tail = tails.get(row);
      n += EventBlob.count(blobs.get(row)) + (tail == null ? 0 : tail.size());
    }
    return n;
  }

  /** This instance, or a shallow copy, that the scope may change. */
  public Events edit(WriteScope scope) {
    return scope.isFresh(this) ? this
        : scope.created(new Events(columns, types, blobs, tails, tailRows));
  }

  /**
   * Adds the rows {@link #record} put in each column's time buckets since the last call, key by
   * key. Only on an edited instance, before it is published.
   */
  public void flushBuckets(WriteScope scope) {
    for (EventColumn column : columns.values()) {
      column.flushBuckets(scope);
    }
  }

  private EventColumn editColumn(WriteScope scope, String type) {
    EventColumn c = columns.get(type);
    if (c == null) {
      c = EventColumn.empty(types.size());
      List<String> t = new ArrayList<>(types);
      t.add(type);
      types = Collections.unmodifiableList(t);
    }
    EventColumn edited = c.edit(scope);
    if (edited != c || !columns.containsKey(type)) {
      Map<String, EventColumn> m = new HashMap<>(columns);
      m.put(type, edited);
      columns = Collections.unmodifiableMap(m);
    }
    return edited;
  }

  /** The most positions {@link #sortedByTime} sorts by insertion. */
  private static final int INSERTION_SORT_MAX = 64;

  /** Records a row's new events, given as objects: {@link #record} of a batch of just these. */
  void record(WriteScope scope, int row, List<org.segmentdsl.Event> events) {
    StagedEvents staged = new StagedEvents();
    events.forEach(e -> staged.add(row, e));
    int[] order = staged.byRow();
    record(scope, row, staged, order, 0, order.length);
    flushBuckets(scope);
  }

  /**
   * Records a row's new events, {@code staged}'s events at positions {@code order[from, to)} (any
   * types, any order; positions ascending: recording order), merging them into its blob once.
   * Events with equal times keep their recording order. Only on an edited instance; the time
   * buckets change in {@link #flushBuckets}, which the commit calls after its last row.
   */
  public void record(WriteScope scope, int row, StagedEvents staged, int[] order, int from,
      int to) {
    EventTail tail = tails.get(row);
    long inBlob = EventBlob.count(blobs.get(row));
    int inTail = tail == null ? 0 : tail.size();
    if (inBlob >= TAIL_MIN_EVENTS && inTail + (long) (to - from) <= inBlob / 2) {
      append(scope, row, tail, staged, order, from, to);
      return;
    }
    if (tail != null) {
      foldTail(scope, row);
    }
    blobs = blobs.edit(scope);
    TreeMap<Integer, long[]> sections = EventBlob.decodeAll(blobs.get(row));
    for (int[] group : byType(staged, order, from, to)) {
      EventColumn column = editColumn(scope, staged.typeNames().get(staged.type(group[0])));
      long[] old = sections.getOrDefault(column.typeId(), new long[0]);
      int[] oldProps = new int[old.length];
      PropertyMaps.decode(old.length == 0 ? null : column.props(row), old.length, oldProps);
      long[] times = new long[group.length];
      int[] props = new int[group.length];
      for (int k = 0; k < times.length; k++) {
        times[k] = staged.micros(group[k]);
        props[k] = staged.columnNumber(group[k], column);
      }
      column.bucket(scope, row, times, props, 0, times.length);
      long[] merged = new long[old.length + times.length];
      int[] mergedProps = new int[merged.length];
      int i = 0;
      int j = 0;
      for (int k = 0; k < merged.length; k++) {
        if (i < old.length && (j >= times.length || old[i] <= times[j])) {
          merged[k] = old[i];
          mergedProps[k] = oldProps[i++];
        } else {
          merged[k] = times[j];
          mergedProps[k] = props[j++];
        }
      }
      sections.put(column.typeId(), merged);
      column.setProps(scope, row, PropertyMaps.encode(mergedProps, merged.length));
      column.raiseCount(row, old.length, merged.length);
    }
    blobs.set(scope, row, EventBlob.encode(sections));
  }

  /**
   * The positions {@code order[from, to)} by event type, in the order of the batch's type
   * numbers, each type's sorted by time (stable: equal times keep recording order).
   */
  private static List<int[]> byType(StagedEvents staged, int[] order, int from, int to) {
    int[][] groups = new int[staged.typeNames().size()][];
    int[] filled = new int[groups.length];
    for (int k = from; k < to; k++) {
      filled[staged.type(order[k])]++;
    }
    for (int type = 0; type < groups.length; type++) {
      groups[type] = filled[type] == 0 ? null : new int[filled[type]];
      filled[type] = 0;
    }
    for (int k = from; k < to; k++) {
      int type = staged.type(order[k]);
      groups[type][filled[type]++] = order[k];
    }
    List<int[]> result = new ArrayList<>();
    for (int[] group : groups) {
      if (group != null) {
        result.add(sortedByTime(staged, group));
      }
    }
    return result;
  }

  /**
   * Sorts positions (ascending) by their events' times, stably, in place; most often they are
   * sorted already, and a row's events of one type in one batch are few.
   */
  private static int[] sortedByTime(StagedEvents staged, int[] positions) {
    for (int k = 1; k < positions.length; k++) {
      if (staged.micros(positions[k]) < staged.micros(positions[k - 1])) {
        if (positions.length > INSERTION_SORT_MAX) {
          Integer[] boxed = Arrays.stream(positions).boxed().toArray(Integer[]::new);
          Arrays.sort(boxed, Comparator.comparingLong(staged::micros)); // stable
          return Arrays.stream(boxed).mapToInt(Integer::intValue).toArray();
        }
        for (int i = k; i < positions.length; i++) { // insertion sort: stable
          int p = positions[i];
          long at = staged.micros(p);
          int j = i;
          for (; j > 0 && staged.micros(positions[j - 1]) > at; j--) {
            positions[j] = positions[j - 1];
          }
          positions[j] = p;
        }
        return positions;
      }
    }
    return positions;
  }

  /**
   * Records a row's new events in its tail: buckets, property numbers and counts as {@link
   * #record} sets them, in time proportional to the new events (and, while a type of the row has
   * fewer events than the largest count threshold, to the tail). Only on an edited instance.
   */
  private void append(WriteScope scope, int row, EventTail tail, StagedEvents staged, int[] order,
      int from, int to) {
    byte[] blob = blobs.get(row);
    for (int[] group : byType(staged, order, from, to)) {
      EventColumn column = editColumn(scope, staged.typeNames().get(staged.type(group[0])));
      long[] times = new long[group.length];
      int[] numbers = new int[group.length];
      for (int k = 0; k < times.length; k++) {
        times[k] = staged.micros(group[k]);
        int number = staged.columnNumber(group[k], column); // numbered in the order record does
        numbers[k] = number;
        tail = tail == null ? EventTail.of(times[k], column.typeId(), number)
            : tail.append(times[k], column.typeId(), number);
      }
      column.bucket(scope, row, times, numbers, 0, times.length);
      if (!column.withAtLeast(EventColumn.MAX_COUNT_THRESHOLD).contains(row)) {
        int count = EventBlob.count(blob, column.typeId()) + tail.count(column.typeId());
        column.raiseCount(row, count - times.length, count);
      }
    }
    tails = tails.edit(scope);
    tails.set(scope, row, tail);
    tailRows = scope.withRow(tailRows, row);
  }

  /**
   * Folds a row's tail into its blob and its columns' property numbers; the buckets and counts
   * hold already. Only on an edited instance (or a {@link #flat} copy).
   */
  private void foldTail(WriteScope scope, int row) {
    EventTail tail = tails.get(row);
    TreeMap<Integer, long[]> sections = EventBlob.decodeAll(blobs.get(row));
    for (int typeId = 0; typeId < types.size(); typeId++) {
      EventTail.Run run = tail.run(typeId);
      if (run == null) {
        continue;
      }
      EventColumn column = editColumn(scope, types.get(typeId));
      long[] old = sections.getOrDefault(typeId, new long[0]);
      byte[] encoded = old.length == 0 ? null : column.props(row);
      int[] oldProps = null;
      if (encoded != null) {
        oldProps = new int[old.length];
        PropertyMaps.decode(encoded, old.length, oldProps);
      }
      long[] merged = new long[old.length + run.times().length];
      int[] mergedProps = oldProps == null && run.props() == null ? null : new int[merged.length];
      EventTail.merge(old, oldProps, old.length, run, merged, mergedProps);
      sections.put(typeId, merged);
      if (mergedProps != null) {
        column.setProps(scope, row, PropertyMaps.encode(mergedProps, merged.length));
      }
    }
    blobs = blobs.edit(scope);
    blobs.set(scope, row, EventBlob.encode(sections));
    tails = tails.edit(scope);
    tails.set(scope, row, null);
    tailRows = scope.withoutRow(tailRows, row);
  }

  /** The property map numbers of a row's {@code n} events of a column's type (null: none). */
  private static int[] numbers(EventColumn column, int row, int n) {
    byte[] encoded = column.props(row);
    if (encoded == null) {
      return null;
    }
    int[] numbers = new int[n];
    PropertyMaps.decode(encoded, n, numbers);
    return numbers;
  }

  /** Forgets every event of a row. Only on an edited instance. */
  public void removeRow(WriteScope scope, int row) {
    if (tails.get(row) != null) {
      foldTail(scope, row);
    }
    byte[] blob = blobs.get(row);
    if (blob == null) {
      return;
    }
    EventBlob.decodeAll(blob).forEach((typeId, times) -> {
      EventColumn column = editColumn(scope, types.get(typeId));
      column.unbucket(scope, row, times, numbers(column, row, times.length), times.length);
      column.setProps(scope, row, null);
      column.setCount(scope, row, 0);
    });
    blobs = blobs.edit(scope);
    blobs.set(scope, row, null);
  }

  /** Forgets every event before {@code cutoff} (epoch microseconds). Only on an edited instance. */
  public void dropBefore(WriteScope scope, long cutoff) {
    for (IntIterator it = tailRows.clone().getIntIterator(); it.hasNext(); ) {
      foldTail(scope, it.next());
    }
    RoaringBitmap rows = new RoaringBitmap();
    columns.values().forEach(c -> rows.or(c.any()));
    rows.forEach((int row) -> {
      TreeMap<Integer, long[]> sections = EventBlob.decodeAll(blobs.get(row));
      boolean changed = false;
      for (Map.Entry<Integer, long[]> e : sections.entrySet()) {
        long[] times = e.getValue();
        int first = 0;
        while (first < times.length && times[first] < cutoff) {
          first++;
        }
        if (first == 0) {
          continue;
        }
        changed = true;
        EventColumn column = editColumn(scope, types.get(e.getKey()));
        int[] props = numbers(column, row, times.length);
        column.unbucket(scope, row, times, props, first);
        if (props != null) {
          column.setProps(scope, row, PropertyMaps.encode(
              Arrays.copyOfRange(props, first, times.length), times.length - first));
        }
        column.setCount(scope, row, times.length - first);
        e.setValue(Arrays.copyOfRange(times, first, times.length));
      }
      if (changed) {
        blobs = blobs.edit(scope);
        blobs.set(scope, row, EventBlob.encode(sections));
      }
    });
  }
}
