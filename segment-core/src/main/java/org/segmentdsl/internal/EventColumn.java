package org.segmentdsl.internal;

import java.time.LocalDate;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.roaringbitmap.RoaringBitmap;

/**
 * The events of one type: per contact, its {@link EventList}; per UTC day and per UTC month, the
 * contacts with at least one event then; and the contacts with any event at all.
 *
 * <p>A window is answered from the buckets first: the days and months that lie wholly inside it
 * are ORed (a 365-day window takes about 12 month bitmaps and a few day bitmaps, not 365), which
 * gives the members of an "at least once" condition directly; only the contacts in the two edge
 * days are checked against their events' real times (a binary search in their sorted list).
 * Counts, upper bounds and property filters are then decided exactly on each candidate's list.
 *
 * <p>Memory: an event costs its 8-byte time in its contact's {@code long[]} plus that array's
 * share of a 16-byte header, and one bit in a day bitmap and a month bitmap for each distinct
 * (contact, day) and (contact, month) it creates; properties, when present, are extra.
 *
 * <p>Instances reachable from a published snapshot are never changed; commits {@link #edit} a copy.
 */
public final class EventColumn {
  public static final long MICROS_PER_DAY = 86_400_000_000L;

  private ChunkedArray<EventList> lists;
  private BitmapMap<Long> days;
  private BitmapMap<Long> months;
  private RoaringBitmap any;

  private EventColumn(ChunkedArray<EventList> lists, BitmapMap<Long> days, BitmapMap<Long> months,
      RoaringBitmap any) {
    this.lists = lists;
    this.days = days;
    this.months = months;
    this.any = any;
  }

  public static EventColumn empty() {
    return new EventColumn(ChunkedArray.empty(), BitmapMap.empty(), BitmapMap.empty(),
        new RoaringBitmap());
  }

  /** The UTC day of a time in epoch microseconds. */
  public static long dayOf(long micros) {
    return Math.floorDiv(micros, MICROS_PER_DAY);
  }

  /** The UTC month (year * 12 + month - 1) of an epoch day. */
  public static long monthOfDay(long day) {
    LocalDate d = LocalDate.ofEpochDay(day);
    return d.getYear() * 12L + d.getMonthValue() - 1;
  }

  /** The first epoch day of a month. */
  public static long firstDayOfMonth(long month) {
    return LocalDate.of((int) Math.floorDiv(month, 12), (int) Math.floorMod(month, 12) + 1, 1)
        .toEpochDay();
  }

  /** A row's events (never null). */
  public EventList events(int row) {
    EventList l = lists.get(row);
    return l == null ? EventList.EMPTY : l;
  }

  /** Rows with at least one event. Never change the returned bitmap. */
  public RoaringBitmap any() {
    return any;
  }

  /** Rows with an event on that UTC day, or null. Never change the returned bitmap. */
  public RoaringBitmap onDay(long day) {
    return days.get(day);
  }

  /** Rows with an event in that UTC month, or null. Never change the returned bitmap. */
  public RoaringBitmap inMonth(long month) {
    return months.get(month);
  }

  /** Number of day buckets (for memory accounting). */
  public int dayBuckets() {
    return days.size();
  }

  /** This column, or a shallow copy, that the scope may change. */
  public EventColumn edit(WriteScope scope) {
    return scope.isFresh(this) ? this : scope.created(new EventColumn(lists, days, months, any));
  }

  /** Records one event. Only on an edited column. */
  public void add(WriteScope scope, int row, long micros, Map<String, Object> props) {
    lists = lists.edit(scope);
    lists.set(scope, row, events(row).with(micros, props));
    long day = dayOf(micros);
    days = days.edit(scope);
    days.add(scope, day, row);
    months = months.edit(scope);
    months.add(scope, monthOfDay(day), row);
    any = scope.own(any);
    any.add(row);
  }

  /** Forgets every event of a row. Only on an edited column. */
  public void removeRow(WriteScope scope, int row) {
    EventList l = lists.get(row);
    if (l == null || l.size() == 0) {
      return;
    }
    unbucket(scope, row, l, 0, l.size(), null);
    lists = lists.edit(scope);
    lists.set(scope, row, null);
    any = scope.own(any);
    any.remove(row);
  }

  /** Forgets every event before {@code cutoff} (epoch microseconds). Only on an edited column. */
  public void dropBefore(WriteScope scope, long cutoff) {
    int[] rows = any.toArray();
    for (int row : rows) {
      EventList l = events(row);
      int first = l.firstAtOrAfter(cutoff);
      if (first == 0) {
        continue;
      }
      EventList kept = l.from(first);
      unbucket(scope, row, l, 0, first, kept.size() == 0 ? null : kept);
      lists = lists.edit(scope);
      if (kept.size() == 0) {
        lists.set(scope, row, null);
        any = scope.own(any);
        any.remove(row);
      } else {
        lists.set(scope, row, kept);
      }
    }
  }

  /** Removes a row from the buckets of events {@code [from, to)}, unless {@code kept} is there. */
  private void unbucket(WriteScope scope, int row, EventList l, int from, int to, EventList kept) {
    Set<Long> keptDays = new HashSet<>();
    Set<Long> keptMonths = new HashSet<>();
    if (kept != null) {
      // kept events all follow the dropped ones, so only the first can share a day or month
      long d = dayOf(kept.micros(0));
      keptDays.add(d);
      keptMonths.add(monthOfDay(d));
    }
    Set<Long> seenDays = new HashSet<>();
    for (int i = from; i < to; i++) {
      long d = dayOf(l.micros(i));
      if (seenDays.add(d) && !keptDays.contains(d)) {
        days = days.edit(scope);
        days.remove(scope, d, row);
        long m = monthOfDay(d);
        if (keptMonths.add(m)) {
          months = months.edit(scope);
          months.remove(scope, m, row);
        }
      }
    }
  }
}
