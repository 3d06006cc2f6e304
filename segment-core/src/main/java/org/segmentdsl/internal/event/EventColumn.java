package org.segmentdsl.internal.event;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.roaringbitmap.RoaringBitmap;
import org.segmentdsl.InvalidSnapshotException;
import org.segmentdsl.internal.ReadMeter;
import org.segmentdsl.internal.WriteScope;
import org.segmentdsl.internal.column.BitmapMap;
import org.segmentdsl.internal.column.ChunkedArray;
import org.segmentdsl.internal.snapshot.SnapshotDamage;
import org.segmentdsl.internal.snapshot.SnapshotIn;
import org.segmentdsl.internal.snapshot.SnapshotOut;

/**
 * The index of one event type: per UTC day and per UTC month, the contacts with at least one
 * event of the type then; the contacts with any; and, for the contacts whose events of the type
 * carry properties, the numbers of their property maps in the type's {@link PropertyMaps}, one
 * varint per event in time order. The times themselves live in {@link Events}, one blob per
 * contact for all types.
 *
 * <p>A window is answered from the buckets first ({@link #cover}): the months, days and hours that
 * lie wholly inside it are ORed (a 365-day window takes about 12 month bitmaps and a few day
 * bitmaps, not 365), which gives the members of an "at least once" condition directly; only the
 * contacts in the two edge buckets are checked against their events' real times. Counts, upper
 * bounds and property filters are then decided exactly on each candidate's decoded list.
 *
 * <p>Hours: the UTC hours of the type's most recent events keep a bitmap each too, so that a
 * window whose edges fall in those days (a day's abandoned carts, a live segment's one-minute
 * tick) checks the contacts of two hours rather than of two days. They are kept for the latest
 * {@value #RECENT_HOURS} hours that hold events, and for every hour after them; from {@code
 * hoursFrom} on, the hour bitmaps are exact. Older hours are dropped as newer ones fill, so they
 * cost memory for recent events only.
 *
 * <p>Property maps: while the type has at most {@value #BUCKETED_MAPS} distinct property maps
 * (a {@code campaign} or a webinar {@code topic} with tens of values), each UTC day keeps,
 * per map, the contacts with an event of the type carrying exactly that map then ({@link
 * #coverProperties}). A filter is decided once per map, so "an {@code email_click} whose {@code
 * campaign} starts with {@code crm} in the last 14 days" ORs the days of the matching maps and
 * checks only the contacts of the two edge days, as a window without filters does. A type with
 * more maps (URLs, amounts, free text) drops these buckets for good (maps are never forgotten)
 * and its filters are tested on each candidate's decoded events.
 *
 * <p>Counts: per threshold of {@link #COUNT_THRESHOLDS}, the contacts with at least that many
 * events of the type in all. A contact none of whose events of the type lies outside a window has
 * its total count in the window, so "at least N" and "at most N" are decided for most contacts by
 * these bitmaps, and only the contacts with events outside the window are decoded.
 *
 * <p>Instances reachable from a published snapshot are never changed; commits {@link #edit} a copy.
 */
public final class EventColumn {
  public static final long MICROS_PER_DAY = 86_400_000_000L;
  public static final long MICROS_PER_HOUR = 3_600_000_000L;

  /**
   * The hours that hold events for which hour bitmaps are kept: a week, so that windows of up to
   * a week from the latest events, and every tick within it, have exact hour edges.
   */
  static final int RECENT_HOURS = 7 * 24;
  /** The hours beyond {@link #RECENT_HOURS} kept before the oldest are dropped, all at once. */
  private static final int SPARE_HOURS = 24;

  /**
   * A type keeps day buckets per property map while it has at most this many maps, the empty one
   * (number {@link PropertyMaps#NONE}, which has none) included; numbers fit in the low 8 bits of
   * a bucket's key. Why not more: with 256 (the benchmark's 200 URLs of {@code page_visit} kept),
   * when a batch still copied each whole bucket bitmap it touched, loading 200M events at 10M
   * contacts took 1,290 s instead of 560 s and 15.8 bytes of heap an event instead of 11.6; the
   * URLs' 72,000 day buckets at 1M were three quarters of the buckets' bytes. Batches now copy
   * only the containers they change ({@link WriteScope}), which the cap has not been measured
   * with; a file of snapshot format 3 depends on it (a type of more maps has no buckets there).
   */
  public static final int BUCKETED_MAPS = 64;
  /** Property buckets a window may take before its filters are tested on decoded events. */
  private static final int MAX_PROPERTY_BUCKETS = 16_384;

  /** The event counts for which a bitmap of the contacts with at least that many is kept. */
  static final int[] COUNT_THRESHOLDS = {2, 3, 4, 5, 10, 20, 50, 100};
  /** The largest of {@link #COUNT_THRESHOLDS}: counts beyond it change no bitmap. */
  static final int MAX_COUNT_THRESHOLD = COUNT_THRESHOLDS[COUNT_THRESHOLDS.length - 1];

  private final int typeId;
  private final PropertyMaps propertyMaps; // shared by every version of the column
  private Map<String, Object>[] maps; // propertyMaps' maps as of this version
  private ChunkedArray<byte[]> props;
  private BitmapMap<Long> days;
  private BitmapMap<Long> months;
  private BitmapMap<Long> hours; // keys are all >= hoursFrom
  /** Key {@code day << 8 | number}: rows with an event of map {@code number} that day. */
  private BitmapMap<Long> propertyDays; // empty once maps outnumber BUCKETED_MAPS
  private long hoursFrom; // from this UTC hour on, every hour with events has its bitmap
  private RoaringBitmap any;
  private RoaringBitmap[] atLeast; // [i]: rows with at least COUNT_THRESHOLDS[i] events, or null
  /** This commit's rows for the buckets, added by {@link #flushBuckets}; null when none wait. */
  private Adds adds;

  /** Rows waiting for each kind of bucket, and for {@code any}. */
  private static final class Adds {
    final PendingRows hours = new PendingRows();
    final PendingRows days = new PendingRows();
    final PendingRows months = new PendingRows();
    final PendingRows propertyDays = new PendingRows();
    final PendingRows any = new PendingRows();
    /** [i]: rows whose count reached {@code COUNT_THRESHOLDS[i]}, or null. */
    final PendingRows[] atLeast = new PendingRows[COUNT_THRESHOLDS.length];
  }

  private Adds adds() {
    Adds a = adds;
    if (a == null) {
      a = adds = new Adds();
    }
    return a;
  }

  private EventColumn(int typeId, PropertyMaps propertyMaps, Map<String, Object>[] maps,
      ChunkedArray<byte[]> props, BitmapMap<Long> days, BitmapMap<Long> months,
      BitmapMap<Long> hours, long hoursFrom, BitmapMap<Long> propertyDays, RoaringBitmap any,
      RoaringBitmap[] atLeast) {
    this.typeId = typeId;
    this.propertyMaps = propertyMaps;
    this.maps = maps;
    this.props = props;
    this.days = days;
    this.months = months;
    this.hours = hours;
    this.hoursFrom = hoursFrom;
    this.propertyDays = propertyDays;
    this.any = any;
    this.atLeast = atLeast;
  }

  static EventColumn empty(int typeId) {
    PropertyMaps propertyMaps = new PropertyMaps();
    return new EventColumn(typeId, propertyMaps, propertyMaps.maps(), ChunkedArray.empty(),
        BitmapMap.empty(), BitmapMap.empty(), BitmapMap.empty(), Long.MIN_VALUE,
        BitmapMap.empty(), new RoaringBitmap(), new RoaringBitmap[COUNT_THRESHOLDS.length]);
  }

  /** The UTC day of a time in epoch microseconds. */
  public static long dayOf(long micros) {
    return Math.floorDiv(micros, MICROS_PER_DAY);
  }

  /** The UTC hour (hours since the epoch) of a time in epoch microseconds. */
  public static long hourOf(long micros) {
    return Math.floorDiv(micros, MICROS_PER_HOUR);
  }

  /** The UTC month (year * 12 + month - 1) of an epoch day. */
  public static long monthOfDay(long day) {
    // Howard Hinnant's civil_from_days, as LocalDate.ofEpochDay computes it, without the object
    long z = day + 719_468;
    long era = Math.floorDiv(z, 146_097);
    long doe = z - era * 146_097;
    long yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    long mp = (5 * doy + 2) / 153;
    long month = mp < 10 ? mp + 3 : mp - 9;
    long year = yoe + era * 400 + (month <= 2 ? 1 : 0);
    return year * 12 + month - 1;
  }

  /** The first epoch day of a month. */
  public static long firstDayOfMonth(long month) {
    return LocalDate.of((int) Math.floorDiv(month, 12), (int) Math.floorMod(month, 12L) + 1, 1)
        .toEpochDay();
  }

  int typeId() {
    return typeId;
  }

  /**
   * The property map numbers of a row's events of this type, in time order, encoded by {@link
   * PropertyMaps#encode}; null if none has properties.
   */
  byte[] props(int row) {
    return props.get(row);
  }

  /** The property maps by number, as of this version; entry 0 ({@code NONE}) is null. */
  public Map<String, Object>[] maps() {
    return maps;
  }

  /** The number of a property map, numbering it if new. Only on an edited column. */
  int intern(Map<String, Object> eventProps) {
    int number = propertyMaps.intern(eventProps);
    maps = propertyMaps.maps();
    return number;
  }

  /** Rows with at least one event. Never change the returned bitmap. */
  public RoaringBitmap any() {
    ReadMeter.bitmap(any);
    return any;
  }

  /**
   * Rows with at least {@code n} events of this type in all, if {@code n <= 1} or {@code n} is
   * one of the {@link #COUNT_THRESHOLDS}; otherwise null. Never change the returned bitmap.
   */
  public RoaringBitmap withAtLeast(int n) {
    if (n <= 1) {
      return any;
    }
    int i = Arrays.binarySearch(COUNT_THRESHOLDS, n);
    if (i < 0) {
      return null;
    }
    ReadMeter.bitmap(atLeast[i]);
    return atLeast[i] == null ? new RoaringBitmap() : atLeast[i];
  }

  /** Calls {@code action} with each UTC month that has events and its rows. */
  public void forEachMonth(BiConsumer<Long, RoaringBitmap> action) {
    months.forEach(action);
  }

  /** Rows with an event on that UTC day, or null. Never change the returned bitmap. */
  public RoaringBitmap onDay(long day) {
    return days.get(day);
  }

  /**
   * Rows with an event in that UTC hour, or null if none has or the hour is before {@link
   * #hoursFrom}. Never change the returned bitmap.
   */
  public RoaringBitmap inHour(long hour) {
    return hours.get(hour);
  }

  /** The first UTC hour from which every hour with events of the type has its bitmap. */
  public long hoursFrom() {
    return hoursFrom;
  }

  /** Rows with an event in that UTC month, or null. Never change the returned bitmap. */
  public RoaringBitmap inMonth(long month) {
    return months.get(month);
  }

  /** Number of day buckets (for memory accounting). */
  public int dayBuckets() {
    return days.size();
  }

  /** The property maps numbered so far (a copy, for a snapshot file). Writer only. */
  Map<String, Object>[] propertyMapsNow() {
    return propertyMaps.copy();
  }

  /**
   * Writes the column: the property maps (as captured, {@code maps}), each row's map numbers, the
   * day and month buckets, the rows with any event and with at least each threshold of events.
   */
  void writeTo(SnapshotOut out, Map<String, Object>[] maps) {
    PropertyMaps.writeTo(out, maps);
    props.writeTo(out, SnapshotOut::writeNullableByteArray);
    days.writeTo(out, SnapshotOut::writeSignedVarint, Comparator.naturalOrder());
    months.writeTo(out, SnapshotOut::writeSignedVarint, Comparator.naturalOrder());
    out.writeBitmap(any);
    out.writeVarint(atLeast.length);
    for (RoaringBitmap b : atLeast) {
      out.writeNullableBitmap(b);
    }
  }

  /** Reads the column of type {@code typeId} that {@link #writeTo} wrote. */
  static EventColumn readFrom(SnapshotIn in, int typeId) {
    PropertyMaps propertyMaps = PropertyMaps.readFrom(in);
    ChunkedArray<byte[]> props = ChunkedArray.readFrom(in, SnapshotIn::readNullableByteArray);
    BitmapMap<Long> days = BitmapMap.readFrom(in, SnapshotIn::readSignedVarint);
    BitmapMap<Long> months = BitmapMap.readFrom(in, SnapshotIn::readSignedVarint);
    RoaringBitmap any = in.readBitmap();
    if (in.readInt(COUNT_THRESHOLDS.length) != COUNT_THRESHOLDS.length) {
      throw in.malformed("expected " + COUNT_THRESHOLDS.length + " count thresholds");
    }
    RoaringBitmap[] atLeast = new RoaringBitmap[COUNT_THRESHOLDS.length];
    for (int i = 0; i < atLeast.length; i++) {
      atLeast[i] = in.readNullableBitmap();
    }
    long hoursFrom = Long.MIN_VALUE; // format version 1 has no hours: none kept so far
    long[] lastDay = {Long.MIN_VALUE};
    days.forEach((day, rows) -> lastDay[0] = Math.max(lastDay[0], day));
    if (lastDay[0] != Long.MIN_VALUE) {
      hoursFrom = (lastDay[0] + 1) * 24; // hours after every event are exact: empty
    }
    return new EventColumn(typeId, propertyMaps, propertyMaps.maps(), props, days, months,
        BitmapMap.empty(), hoursFrom, BitmapMap.empty(), any, atLeast);
  }

  /** Writes the hour bitmaps and where they start (format version 2's "event-hours"). */
  void writeHoursTo(SnapshotOut out) {
    out.writeSignedVarint(hoursFrom);
    hours.writeTo(out, SnapshotOut::writeSignedVarint, Comparator.naturalOrder());
  }

  /** Reads what {@link #writeHoursTo} wrote. */
  static Hours readHours(SnapshotIn in) {
    long from = in.readSignedVarint();
    BitmapMap<Long> hours = BitmapMap.readFrom(in, SnapshotIn::readSignedVarint);
    hours.forEach((hour, rows) -> {
      if (hour < from) {
        throw in.malformed("hour " + hour + " before the first kept hour " + from);
      }
    });
    return new Hours(hours, from);
  }

  /** A column's hour bitmaps as a snapshot file holds them. */
  public record Hours(BitmapMap<Long> hours, long from) {}

  /** This column read from a file, with the hours read from the same file. */
  EventColumn withHours(Hours h) {
    return new EventColumn(typeId, propertyMaps, maps, props, days, months, h.hours(), h.from(),
        propertyDays, any, atLeast);
  }

  /** Writes the property day buckets (format version 3's "event-property-days"). */
  void writePropertyDaysTo(SnapshotOut out) {
    propertyDays.writeTo(out, SnapshotOut::writeSignedVarint, Comparator.naturalOrder());
  }

  /** Reads what {@link #writePropertyDaysTo} wrote; {@link #withPropertyDays} checks the keys. */
  static BitmapMap<Long> readPropertyDays(SnapshotIn in) {
    return BitmapMap.readFrom(in, SnapshotIn::readSignedVarint);
  }

  /**
   * This column read from a file, with the property day buckets read from the same file.
   *
   * @throws SnapshotDamage if a key names a map this column does not have, or the column has too
   *     many maps to keep them
   */
  EventColumn withPropertyDays(BitmapMap<Long> buckets, String section) {
    buckets.forEach((key, rows) -> {
      int number = (int) (key & 0xFF);
      if (number == PropertyMaps.NONE || number >= mapCount() || !propertyDaysKept()) {
        throw new SnapshotDamage(InvalidSnapshotException.Problem.MALFORMED, "section \""
            + section + "\": a bucket of property map " + number + " in a type of "
            + (mapCount() - 1) + " maps");
      }
    });
    return new EventColumn(typeId, propertyMaps, maps, props, days, months, hours, hoursFrom,
        buckets, any, atLeast);
  }

  /** Whether the type has few enough property maps to keep their day buckets. */
  private boolean propertyDaysKept() {
    return mapCount() <= BUCKETED_MAPS;
  }

  /**
   * The number of property maps numbered so far, the empty one included: at least as many as
   * this version's events use (a later version may have numbered more; they only grow).
   */
  public int mapCount() {
    return propertyMaps.size();
  }

  private static long propertyDayKey(long day, int number) {
    return day << 8 | number;
  }

  /** This column, or a shallow copy, that the scope may change. */
  EventColumn edit(WriteScope scope) {
    return scope.isFresh(this) ? this
        : scope.created(new EventColumn(typeId, propertyMaps, maps, props, days, months, hours,
            hoursFrom, propertyDays, any, atLeast));
  }

  /** Refuses a change that rows waiting for {@link #flushBuckets} would undo or miss. */
  private void checkFlushed() {
    if (adds != null) {
      throw new IllegalStateException("buckets not flushed before a row's events go");
    }
  }

  /** Sets a row's count of events of this type (0: none). Only on an edited column. */
  void setCount(WriteScope scope, int row, int count) {
    checkFlushed();
    for (int i = 0; i < COUNT_THRESHOLDS.length; i++) {
      boolean member = count >= COUNT_THRESHOLDS[i];
      if (member == (atLeast[i] != null && atLeast[i].contains(row))) {
        continue;
      }
      if (!scope.isFresh(atLeast)) {
        atLeast = scope.created(atLeast.clone());
      }
      atLeast[i] = member ? scope.withRow(atLeast[i], row) : scope.withoutRow(atLeast[i], row);
    }
  }

  /** Sets a row's encoded property map numbers (null: none). Only on an edited column. */
  void setProps(WriteScope scope, int row, byte[] rowProps) {
    if (rowProps == null && props.get(row) == null) {
      return;
    }
    props = props.edit(scope);
    props.set(scope, row, rowProps);
  }

  /**
   * Puts a row in the buckets of its new event times, {@code times[from, to)}, sorted, whose
   * property map numbers are {@code numbers[from, to)} (null: none has properties). Only on an
   * edited column, after the new events' maps are {@linkplain #intern numbered}. The buckets
   * change in {@link #flushBuckets}, which the commit calls once it has bucketed every row: until
   * then they lack these rows.
   */
  void bucket(WriteScope scope, int row, long[] times, int[] numbers, int from, int to) {
    Adds a = adds();
    bucketProperties(a.propertyDays, row, times, numbers, from, to);
    long lastHour = Long.MIN_VALUE;
    long lastDay = Long.MIN_VALUE;
    long lastMonth = Long.MIN_VALUE;
    for (int i = from; i < to; i++) {
      long hour = hourOf(times[i]);
      if (hour != lastHour && hour >= hoursFrom) {
        lastHour = hour;
        a.hours.add(hour, row);
      }
      long day = dayOf(times[i]);
      if (day == lastDay) {
        continue;
      }
      lastDay = day;
      a.days.add(day, row);
      long month = monthOfDay(day);
      if (month != lastMonth) {
        lastMonth = month;
        a.months.add(month, row);
      }
    }
    a.any.add(0, row);
  }

  /**
   * Puts a row in the property day buckets of its events, as {@link #bucket} does, for files that
   * have none; {@link #flushBuckets} adds them.
   */
  void bucketProperties(int row, long[] times, int[] numbers) {
    bucketProperties(adds().propertyDays, row, times, numbers, 0, times.length);
  }

  /**
   * Notes that a row's count of events grew from {@code before} to {@code after}: {@link
   * #flushBuckets} adds it to the count thresholds it crossed. Only on an edited column, once per
   * row between flushes (a commit visits each row once); {@link #setCount} sets a count at once.
   */
  void raiseCount(int row, int before, int after) {
    for (int i = 0; i < COUNT_THRESHOLDS.length; i++) {
      if (before < COUNT_THRESHOLDS[i] && COUNT_THRESHOLDS[i] <= after) {
        Adds a = adds();
        if (a.atLeast[i] == null) {
          a.atLeast[i] = new PendingRows();
        }
        a.atLeast[i].add(0, row);
      }
    }
  }

  /** The property day buckets part of {@link #bucket}. */
  private void bucketProperties(PendingRows pending, int row, long[] times, int[] numbers,
      int from, int to) {
    if (numbers == null || !propertyDaysKept()) {
      return;
    }
    long last = Long.MIN_VALUE;
    for (int i = from; i < to; i++) {
      if (numbers[i] == PropertyMaps.NONE) {
        continue;
      }
      long key = propertyDayKey(dayOf(times[i]), numbers[i]);
      if (key != last) {
        last = key;
        pending.add(key, row);
      }
    }
  }

  /**
   * Adds the rows {@link #bucket} collected to their buckets, key by key. Only on an edited
   * column; a commit calls it before it publishes the column.
   */
  void flushBuckets(WriteScope scope) {
    Adds a = adds;
    if (a == null) {
      return;
    }
    adds = null;
    if (!propertyDaysKept()) {
      if (propertyDays.size() > 0) {
        propertyDays = BitmapMap.empty(); // never used again: maps are never forgotten
      }
    } else if (!a.propertyDays.isEmpty()) {
      propertyDays = a.propertyDays.addTo(scope, propertyDays.edit(scope));
    }
    if (!a.hours.isEmpty()) {
      hours = a.hours.addTo(scope, hours.edit(scope));
    }
    if (!a.days.isEmpty()) {
      days = a.days.addTo(scope, days.edit(scope));
      months = a.months.addTo(scope, months.edit(scope));
    }
    any = a.any.addTo(scope, any);
    for (int i = 0; i < COUNT_THRESHOLDS.length; i++) {
      if (a.atLeast[i] != null && !a.atLeast[i].isEmpty()) {
        if (!scope.isFresh(atLeast)) {
          atLeast = scope.created(atLeast.clone());
        }
        atLeast[i] = a.atLeast[i].addTo(scope, atLeast[i]);
      }
    }
    if (hours.size() > RECENT_HOURS + SPARE_HOURS) {
      dropOldHours(scope);
    }
  }

  /** Keeps the latest {@link #RECENT_HOURS} hours with events, and moves {@code hoursFrom}. */
  private void dropOldHours(WriteScope scope) {
    hours = hours.edit(scope);
    long[] keys = new long[hours.size()];
    int[] n = {0};
    hours.forEach((hour, rows) -> keys[n[0]++] = hour);
    Arrays.sort(keys);
    long from = keys[keys.length - RECENT_HOURS];
    for (int i = 0; keys[i] < from; i++) {
      hours.removeKey(scope, keys[i]);
    }
    hoursFrom = from; // the hours between the dropped keys had no events: exact as they were
  }

  /**
   * Splits a window {@code [from, to)} of epoch microseconds (both finite) into this column's
   * buckets: the bitmaps of the months, days and hours wholly inside it go to {@code inside},
   * those it covers in part (at most two, a day or an hour at each end) to {@code edges}. Every
   * row of {@code inside} has an event in the window, a row of {@code edges} may have, no other
   * row has.
   */
  public void cover(long from, long to, List<RoaringBitmap> inside, List<RoaringBitmap> edges) {
    long firstDay = dayOf(from);
    long lastDay = dayOf(to - 1);
    boolean firstInPart = from != firstDay * MICROS_PER_DAY;
    boolean lastInPart = to != (lastDay + 1) * MICROS_PER_DAY;
    if (firstDay == lastDay && (firstInPart || lastInPart)) {
      partOfDay(firstDay, from, to, inside, edges);
      return;
    }
    long innerFirst = firstInPart ? firstDay + 1 : firstDay;
    long innerLast = lastInPart ? lastDay - 1 : lastDay;
    if (innerFirst <= innerLast) {
      wholeDays(innerFirst, innerLast, inside);
    }
    if (firstInPart) {
      partOfDay(firstDay, from, (firstDay + 1) * MICROS_PER_DAY, inside, edges);
    }
    if (lastInPart) {
      partOfDay(lastDay, lastDay * MICROS_PER_DAY, to, inside, edges);
    }
  }

  /**
   * Splits a window {@code [from, to)} (both finite) into the day buckets of the property maps
   * {@code numbers} (none {@link PropertyMaps#NONE}): the days wholly inside it go to {@code
   * inside}, the (at most two) it covers in part to {@code edges}. Every row of {@code inside} has
   * an event with one of the maps in the window, a row of {@code edges} may have, no other row
   * has. Returns false, adding nothing, if the type keeps no such buckets or the window would take
   * too many.
   */
  public boolean coverProperties(long from, long to, int[] numbers, List<RoaringBitmap> inside,
      List<RoaringBitmap> edges) {
    long firstDay = dayOf(from);
    long lastDay = dayOf(to - 1);
    if (!propertyDaysKept() || (lastDay - firstDay + 1) * numbers.length > MAX_PROPERTY_BUCKETS) {
      return false;
    }
    for (long d = firstDay; d <= lastDay; d++) {
      boolean whole = from <= d * MICROS_PER_DAY && (d + 1) * MICROS_PER_DAY <= to;
      for (int n : numbers) {
        RoaringBitmap rows = propertyDays.get(propertyDayKey(d, n));
        if (rows != null) {
          (whole ? inside : edges).add(rows);
        }
      }
    }
    return true;
  }

  /** The rows that may have an event in {@code [from, to)}: {@link #cover}'s buckets ORed. */
  public RoaringBitmap candidates(long from, long to) {
    List<RoaringBitmap> parts = new ArrayList<>();
    cover(from, to, parts, parts);
    return RoaringBitmap.or(parts.iterator());
  }

  /** The bitmaps of the days {@code [firstDay, lastDay]}: whole months, then days. */
  private void wholeDays(long firstDay, long lastDay, List<RoaringBitmap> into) {
    long lastMonth = monthOfDay(lastDay);
    for (long m = monthOfDay(firstDay); m <= lastMonth; m++) {
      RoaringBitmap month = months.get(m);
      if (month == null) {
        continue;
      }
      long monthStart = firstDayOfMonth(m);
      long monthEnd = firstDayOfMonth(m + 1) - 1;
      if (firstDay <= monthStart && monthEnd <= lastDay) {
        into.add(month);
      } else {
        for (long d = Math.max(firstDay, monthStart); d <= Math.min(lastDay, monthEnd); d++) {
          RoaringBitmap rows = days.get(d);
          if (rows != null) {
            into.add(rows);
          }
        }
      }
    }
  }

  /** The buckets of {@code [lo, hi)}, part of one day: its hours where kept, else the day. */
  private void partOfDay(long day, long lo, long hi, List<RoaringBitmap> inside,
      List<RoaringBitmap> edges) {
    RoaringBitmap wholeDay = days.get(day);
    if (wholeDay == null) {
      return;
    }
    long firstHour = hourOf(lo);
    if (firstHour < hoursFrom) {
      edges.add(wholeDay);
      return;
    }
    for (long h = firstHour, lastHour = hourOf(hi - 1); h <= lastHour; h++) {
      RoaringBitmap rows = hours.get(h);
      if (rows != null) {
        boolean whole = lo <= h * MICROS_PER_HOUR && (h + 1) * MICROS_PER_HOUR <= hi;
        (whole ? inside : edges).add(rows);
      }
    }
  }

  /**
   * Takes a row out of the buckets of its events {@code times[0, first)}, which are being
   * forgotten, keeping those still held by {@code times[first, n)}; {@code numbers} are the
   * events' property map numbers (null: none has properties). Only on an edited column.
   */
  void unbucket(WriteScope scope, int row, long[] times, int[] numbers, int first) {
    checkFlushed();
    unbucketProperties(scope, row, times, numbers, first);
    long keptHour = first < times.length ? hourOf(times[first]) : Long.MIN_VALUE;
    long keptDay = first < times.length ? dayOf(times[first]) : Long.MIN_VALUE;
    long keptMonth = first < times.length ? monthOfDay(keptDay) : Long.MIN_VALUE;
    long lastHour = Long.MIN_VALUE;
    long lastDay = Long.MIN_VALUE;
    long lastMonth = Long.MIN_VALUE;
    // times are sorted and the kept ones follow the dropped ones, so only the first kept
    // event can share an hour, a day or a month with a dropped one
    for (int i = 0; i < first; i++) {
      long h = hourOf(times[i]);
      if (h != lastHour) {
        lastHour = h;
        if (h != keptHour && h >= hoursFrom) {
          hours = hours.edit(scope);
          hours.remove(scope, h, row);
        }
      }
      long d = dayOf(times[i]);
      if (d == lastDay) {
        continue;
      }
      lastDay = d;
      if (d != keptDay) {
        days = days.edit(scope);
        days.remove(scope, d, row);
      }
      long m = monthOfDay(d);
      if (m != lastMonth) {
        lastMonth = m;
        if (m != keptMonth) {
          months = months.edit(scope);
          months.remove(scope, m, row);
        }
      }
    }
    if (first >= times.length) {
      any = scope.withoutRow(any, row);
    }
  }

  /** The property day buckets part of {@link #unbucket}. */
  private void unbucketProperties(WriteScope scope, int row, long[] times, int[] numbers,
      int first) {
    if (numbers == null || !propertyDaysKept() || propertyDays.size() == 0) {
      return;
    }
    // only the kept events on the first kept event's day can share a bucket with a dropped one
    Set<Long> kept = new HashSet<>();
    long keptDay = first < times.length ? dayOf(times[first]) : Long.MIN_VALUE;
    for (int i = first; i < times.length && dayOf(times[i]) == keptDay; i++) {
      kept.add(propertyDayKey(keptDay, numbers[i]));
    }
    long last = Long.MIN_VALUE;
    for (int i = 0; i < first; i++) {
      if (numbers[i] == PropertyMaps.NONE) {
        continue;
      }
      long key = propertyDayKey(dayOf(times[i]), numbers[i]);
      if (key != last && !kept.contains(key)) {
        propertyDays = propertyDays.edit(scope);
        propertyDays.remove(scope, key, row);
      }
      last = key;
    }
  }

  /** The property day buckets as a map from key to rows, for tests. Never change it. */
  BitmapMap<Long> propertyDays() {
    return propertyDays;
  }
}
