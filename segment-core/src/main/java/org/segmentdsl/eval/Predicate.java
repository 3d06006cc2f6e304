package org.segmentdsl.eval;

import java.time.MonthDay;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.roaringbitmap.IntConsumer;
import org.roaringbitmap.IntIterator;
import org.roaringbitmap.RoaringBitmap;
import org.segmentdsl.GeoPoint;
import org.segmentdsl.ListStatus;
import org.segmentdsl.condition.TagCondition;
import org.segmentdsl.condition.PropertyFilter;
import org.segmentdsl.internal.Budget;
import org.segmentdsl.internal.column.BooleanColumn;
import org.segmentdsl.internal.column.GeoColumn;
import org.segmentdsl.internal.column.ListKey;
import org.segmentdsl.internal.column.OrderedColumn;
import org.segmentdsl.internal.column.StringColumn;
import org.segmentdsl.internal.event.EventColumn;
import org.segmentdsl.internal.event.EventList;
import org.segmentdsl.internal.event.Events;
import org.segmentdsl.internal.table.IndexData;
import org.segmentdsl.internal.table.Relations;

/**
 * A leaf of a plan: one test over one column. {@link #evaluate} returns a new bitmap of the rows
 * that pass, restricted to {@code context} when it is not null (the running result of the
 * enclosing conjunction, which lets range and geo tests skip everything else).
 */
sealed interface Predicate {

  /**
   * The rows that pass, within {@code context} (null: everywhere), as a new bitmap, under {@code
   * ev}'s limits and sharing its pattern matches.
   */
  RoaringBitmap evaluate(Evaluation ev, IndexData data, RoaringBitmap context);

  /** {@link #evaluate(Evaluation, IndexData, RoaringBitmap)} in an evaluation of its own. */
  default RoaringBitmap evaluate(IndexData data, RoaringBitmap context) {
    return evaluate(Evaluation.unlimited(), data, context);
  }

  /** A cheap upper bound of how many rows pass, used to order conjunctions. */
  long estimate(IndexData data);

  /**
   * Tells {@code ev} the {@code contains} patterns this predicate will match over {@code data}'s
   * dictionaries ({@link Evaluation#expect}); most predicates have none.
   */
  default void expect(Evaluation ev, IndexData data) {}

  private static RoaringBitmap restrict(RoaringBitmap rows, RoaringBitmap context) {
    if (rows == null) {
      return new RoaringBitmap();
    }
    return context == null ? rows.clone() : RoaringBitmap.and(rows, context);
  }

  private static long card(RoaringBitmap rows) {
    return rows == null ? 0 : rows.getLongCardinality();
  }

  /** Contexts of at most this many rows are always {@linkplain #few few}. */
  int FEW_ROWS = 4096;

  /**
   * Whether {@code context} holds so few of {@code population}'s rows that testing them one by one
   * costs less than a pass over whole bitmaps: the live segments' re-test of the contacts a batch
   * touched, whose cost must not grow with the index.
   */
  static boolean few(RoaringBitmap context, RoaringBitmap population) {
    if (context == null) {
      return false;
    }
    long n = context.getLongCardinality();
    return n <= FEW_ROWS || n * 64 <= population.getLongCardinality();
  }

  /** The OR of {@code hits} within {@code context} (null: everywhere), as a new bitmap. */
  private static RoaringBitmap orWithin(List<RoaringBitmap> hits, RoaringBitmap context,
      IndexData data) {
    if (!few(context, data.universe())) {
      return restrict(RoaringBitmap.or(hits.iterator()), context);
    }
    return andEach(hits, context);
  }

  /** The rows of the keys that matched, within {@code context}, as a new bitmap. */
  private static RoaringBitmap orWithin(Evaluation.Matches matches, RoaringBitmap context,
      IndexData data) {
    if (!few(context, data.universe())) {
      return restrict(matches.union(), context); // the union is shared by equal patterns
    }
    return andEach(matches.hits, context);
  }

  private static RoaringBitmap andEach(List<RoaringBitmap> hits, RoaringBitmap context) {
    RoaringBitmap result = new RoaringBitmap();
    for (RoaringBitmap hit : hits) {
      result.or(RoaringBitmap.and(hit, context));
    }
    return result;
  }

  /**
   * Contexts of at most this many rows are tested row by row where a predicate can read each
   * row's stored value (decoding a row costs a microsecond or two).
   */
  int ROW_BY_ROW = 4;

  /** A row's stored value of a field: a contact's, or a deal's or account's in their tables. */
  static Object storedValue(IndexData data, int row, String field) {
    return data.relations() != null ? data.contactRow(row).fields().get(field)
        : data.entityRow(row).fields().get(field);
  }

  /** Contacts carrying a tag that matches. */
  record Tag(TagCondition.Op op, String pattern, boolean ignoreCase) implements Predicate {
    @Override
    public RoaringBitmap evaluate(Evaluation ev, IndexData data, RoaringBitmap context) {
      if (op == TagCondition.Op.EQ && !ignoreCase) {
        return restrict(data.tags().get(pattern), context);
      }
      return orWithin(ev.matching(data.tags(), op, pattern, ignoreCase), context, data);
    }

    @Override
    public void expect(Evaluation ev, IndexData data) {
      if (op == TagCondition.Op.CONTAINS) {
        ev.expectContains(data.tags(), pattern, ignoreCase);
      }
    }

    @Override
    public long estimate(IndexData data) {
      return op == TagCondition.Op.EQ && !ignoreCase ? card(data.tags().get(pattern))
          : data.universe().getLongCardinality();
    }
  }

  /** Contacts with one of these statuses on a list. */
  record ListMember(String list, Set<ListStatus> statuses) implements Predicate {
    @Override
    public RoaringBitmap evaluate(Evaluation ev, IndexData data, RoaringBitmap context) {
      RoaringBitmap result = new RoaringBitmap();
      for (ListStatus s : statuses) {
        RoaringBitmap rows = data.lists().get(new ListKey(list, s));
        if (rows != null) {
          result.or(context == null ? rows : RoaringBitmap.and(rows, context));
        }
      }
      return result;
    }

    @Override
    public long estimate(IndexData data) {
      long n = 0;
      for (ListStatus s : statuses) {
        n += card(data.lists().get(new ListKey(list, s)));
      }
      return n;
    }
  }

  /** Contacts whose field has a value. */
  record IsSet(String field) implements Predicate {
    @Override
    public RoaringBitmap evaluate(Evaluation ev, IndexData data, RoaringBitmap context) {
      return restrict(data.fields().get(field).set(), context);
    }

    @Override
    public long estimate(IndexData data) {
      return card(data.fields().get(field).set());
    }
  }

  /** Contacts whose field is set and fails {@code inner}: {@code neq}, {@code notIn}, …. */
  record SetMinus(String field, Predicate inner) implements Predicate {
    @Override
    public RoaringBitmap evaluate(Evaluation ev, IndexData data, RoaringBitmap context) {
      RoaringBitmap set = restrict(data.fields().get(field).set(), context);
      set.andNot(inner.evaluate(ev, data, set));
      return set;
    }

    @Override
    public void expect(Evaluation ev, IndexData data) {
      inner.expect(ev, data);
    }

    @Override
    public long estimate(IndexData data) {
      return card(data.fields().get(field).set());
    }
  }

  /** String field equal to one of the values (in lower case if {@code ignoreCase}). */
  record StringIn(String field, Set<String> values, boolean ignoreCase) implements Predicate {
    @Override
    public RoaringBitmap evaluate(Evaluation ev, IndexData data, RoaringBitmap context) {
      StringColumn column = (StringColumn) data.fields().get(field);
      List<RoaringBitmap> hits = new ArrayList<>();
      if (ignoreCase) {
        // the values are in lower case already; each is looked up once per evaluation
        for (String v : values) {
          ev.budget().tick();
          hits.addAll(ev.matching(column.values(), TagCondition.Op.EQ, v, true).hits);
        }
      } else {
        for (String v : values) {
          RoaringBitmap rows = column.values().get(v);
          if (rows != null) {
            hits.add(rows);
          }
        }
      }
      return orWithin(hits, context, data);
    }

    @Override
    public long estimate(IndexData data) {
      StringColumn column = (StringColumn) data.fields().get(field);
      if (ignoreCase || values.size() > 64) {
        return card(column.set());
      }
      long n = 0;
      for (String v : values) {
        n += card(column.values().get(v));
      }
      return n;
    }
  }

  /** String field containing, starting or ending with a pattern. */
  record StringMatch(String field, TagCondition.Op op, String pattern, boolean ignoreCase)
      implements Predicate {
    @Override
    public RoaringBitmap evaluate(Evaluation ev, IndexData data, RoaringBitmap context) {
      StringColumn column = (StringColumn) data.fields().get(field);
      return orWithin(ev.matching(column.values(), op, pattern, ignoreCase), context, data);
    }

    @Override
    public void expect(Evaluation ev, IndexData data) {
      if (op == TagCondition.Op.CONTAINS) {
        ev.expectContains(((StringColumn) data.fields().get(field)).values(), pattern,
            ignoreCase);
      }
    }

    @Override
    public long estimate(IndexData data) {
      return card(data.fields().get(field).set());
    }
  }

  /** Ordered field whose key lies in one of the inclusive ranges {@code [lo[i], hi[i]]}. */
  record KeyRanges(String field, long[] lo, long[] hi) implements Predicate {
    static KeyRanges of(String field, long lo, long hi) {
      return new KeyRanges(field, new long[] {lo}, new long[] {hi});
    }

    @Override
    public RoaringBitmap evaluate(Evaluation ev, IndexData data, RoaringBitmap context) {
      OrderedColumn column = (OrderedColumn) data.fields().get(field);
      if (context != null && context.getCardinality() <= ROW_BY_ROW) {
        // a row or two (why, a live re-test): their stored values, not a pass over each run of
        // the range column and its delta (about 12 us at 1M contacts whatever the context)
        RoaringBitmap result = new RoaringBitmap();
        context.forEach((int row) -> {
          Object value = storedValue(data, row, field);
          if (value != null && inRanges(column.keyOf(value))) {
            result.add(row);
          }
        });
        return result;
      }
      if (lo.length == 1) {
        return column.range(lo[0], hi[0], context);
      }
      RoaringBitmap result = new RoaringBitmap();
      for (int i = 0; i < lo.length; i++) {
        ev.budget().tick();
        result.or(column.range(lo[i], hi[i], context));
      }
      return result;
    }

    @Override
    public long estimate(IndexData data) {
      long set = card(data.fields().get(field).set());
      // a point or a few points select few rows; a range is assumed to select about half
      return lo.length <= 64 && isPoints() ? Math.min(set, lo.length * 16L) : set / 2;
    }

    private boolean inRanges(long key) {
      for (int i = 0; i < lo.length; i++) {
        if (lo[i] <= key && key <= hi[i]) {
          return true;
        }
      }
      return false;
    }

    private boolean isPoints() {
      for (int i = 0; i < lo.length; i++) {
        if (lo[i] != hi[i]) {
          return false;
        }
      }
      return true;
    }
  }

  /** Date field falling on one of these month-days, any year. */
  record MonthDays(String field, List<MonthDay> days) implements Predicate {
    @Override
    public RoaringBitmap evaluate(Evaluation ev, IndexData data, RoaringBitmap context) {
      OrderedColumn column = (OrderedColumn) data.fields().get(field);
      RoaringBitmap result = new RoaringBitmap();
      for (MonthDay d : days) {
        RoaringBitmap rows = column.onMonthDay(d);
        if (rows != null) {
          result.or(context == null ? rows : RoaringBitmap.and(rows, context));
        }
      }
      return result;
    }

    @Override
    public long estimate(IndexData data) {
      long n = 0;
      OrderedColumn column = (OrderedColumn) data.fields().get(field);
      for (MonthDay d : days) {
        n += card(column.onMonthDay(d));
      }
      return n;
    }
  }

  /** Boolean field equal to a value. */
  record BooleanEquals(String field, boolean value) implements Predicate {
    @Override
    public RoaringBitmap evaluate(Evaluation ev, IndexData data, RoaringBitmap context) {
      return restrict(((BooleanColumn) data.fields().get(field)).rows(value), context);
    }

    @Override
    public long estimate(IndexData data) {
      return card(((BooleanColumn) data.fields().get(field)).rows(value));
    }
  }

  /**
   * Geo field within {@code km} of a point: the circle's bounding box selects candidates from the
   * latitude and longitude columns, then the exact haversine distance decides each candidate.
   */
  record GeoWithin(String field, double lat, double lon, double km) implements Predicate {
    /** Widens the box by about a centimetre so that rounding never drops a point on its edge. */
    private static final double MARGIN_DEGREES = 1e-7;

    /**
     * How close to 1 the argument of an {@code asin} may come before the box is not narrowed:
     * there {@code asin} magnifies rounding far beyond the margin (by 1/sqrt(1 - x^2)), both in
     * the haversine of a circle reaching almost to the antipode of its centre and in the longitude
     * half-width of a circle almost touching a pole. The haversine test still decides.
     */
    private static final double ILL_CONDITIONED = 1e-6;

    @Override
    public RoaringBitmap evaluate(Evaluation ev, IndexData data, RoaringBitmap context) {
      GeoColumn column = (GeoColumn) data.fields().get(field);
      double angular = km / GeoPoint.EARTH_RADIUS_KM; // radians
      double dLat = Math.toDegrees(angular) + MARGIN_DEGREES;
      double latLo = lat - dLat;
      double latHi = lat + dLat;
      RoaringBitmap candidates;
      if (Math.sin(angular / 2) * Math.sin(angular / 2) >= 1 - ILL_CONDITIONED) {
        // almost to the antipode: the haversine of points near the edge is imprecise, no box
        candidates = column.latitudeBetween(-90, 90, context);
      } else if (latLo <= -90 || latHi >= 90 || angular >= Math.PI / 2) {
        // a pole (or a hemisphere) is inside the circle: every longitude may qualify
        candidates = column.latitudeBetween(Math.max(-90, latLo), Math.min(90, latHi), context);
      } else {
        double s = Math.sin(angular) / Math.cos(Math.toRadians(lat));
        double dLon = s >= 1 - ILL_CONDITIONED ? 180
            : Math.toDegrees(Math.asin(s)) + MARGIN_DEGREES;
        RoaringBitmap inLat = column.latitudeBetween(latLo, latHi, context);
        double lonLo = lon - dLon;
        double lonHi = lon + dLon;
        if (dLon >= 180) {
          candidates = inLat;
        } else if (lonLo < -180) {
          candidates = RoaringBitmap.or(column.longitudeBetween(lonLo + 360, 180, inLat),
              column.longitudeBetween(-180, lonHi, inLat));
        } else if (lonHi > 180) {
          candidates = RoaringBitmap.or(column.longitudeBetween(lonLo, 180, inLat),
              column.longitudeBetween(-180, lonHi - 360, inLat));
        } else {
          candidates = column.longitudeBetween(lonLo, lonHi, inLat);
        }
      }
      GeoPoint centre = new GeoPoint(lat, lon);
      RoaringBitmap result = new RoaringBitmap();
      candidates.forEach((int row) -> {
        ev.budget().tick();
        if (centre.distanceKm(column.latitude(row), column.longitude(row)) <= km) {
          result.add(row);
        }
      });
      return result;
    }

    @Override
    public long estimate(IndexData data) {
      return card(data.fields().get(field).set()) / 4;
    }
  }

  /**
   * Contacts with {@code min <= count <= max} events of a type in {@code [from, to)} (epoch
   * microseconds) that pass every filter. See {@link EventColumn} for how buckets narrow the
   * candidates before each candidate's events are counted exactly.
   */
  record EventCount(String type, List<PropertyFilter> filters, int min, int max, long from,
      long to) implements Predicate {
    /** Windows longer than this take every contact with events as candidates. */
    private static final long MAX_BUCKET_DAYS = 40_000;

    @Override
    public RoaringBitmap evaluate(Evaluation ev, IndexData data, RoaringBitmap context) {
      EventColumn column = data.events().column(type);
      RoaringBitmap scope = context == null ? data.universe() : context;
      Loader events = new Loader(data.events(), column, ev.budget(),
          column == null ? null : ev.verdicts(column, filters));
      if (column == null || from >= to) {
        return min == 0 ? scope.clone() : new RoaringBitmap();
      }
      if (few(context, column.any())) {
        // a few rows: count each one's events; rows without any have none in the window
        RoaringBitmap withEvents = RoaringBitmap.and(column.any(), context);
        RoaringBitmap result = new RoaringBitmap();
        if (min == 0) {
          result = RoaringBitmap.andNot(context, withEvents);
        }
        for (IntIterator it = withEvents.getIntIterator(); it.hasNext(); ) {
          int row = it.next();
          int n = count(events, events.load(row));
          if (n >= min && n <= max) {
            result.add(row);
          }
        }
        return result;
      }
      boolean bounded = from != Long.MIN_VALUE && to != Long.MAX_VALUE
          && EventColumn.dayOf(to - 1) - EventColumn.dayOf(from) <= MAX_BUCKET_DAYS;
      boolean everything = from == Long.MIN_VALUE && to == Long.MAX_VALUE;
      if (filters.isEmpty() && (bounded || everything) && min <= 1
          && (max == Integer.MAX_VALUE || max == 0 && min == 0)) {
        // "at least once", "never" and "any count": straight from the buckets, no decoding
        RoaringBitmap once = everything ? RoaringBitmap.and(column.any(), scope)
            : atLeastOnce(ev, data, column, events, scope);
        if (min == 1) {
          return once;
        }
        RoaringBitmap result = scope.clone();
        if (max == 0) {
          result.andNot(once);
        }
        return result;
      }
      RoaringBitmap candidates = null;
      if (!filters.isEmpty() && bounded) {
        // the day buckets of the property maps that pass, where the type keeps them
        int[] passing = passingMaps(events, column);
        List<RoaringBitmap> inside = new ArrayList<>();
        List<RoaringBitmap> edges = new ArrayList<>();
        if (passing != null && column.coverProperties(from, to, passing, inside, edges)) {
          boolean onceOnly = min == 1 && max == Integer.MAX_VALUE;
          if (onceOnly || min == 0 && max == 0) {
            // "at least once" and "never": the inside days' rows have a passing event in the
            // window, only the edge days' are decoded
            RoaringBitmap once = RoaringBitmap.or(inside.iterator());
            once.and(scope);
            RoaringBitmap edgeRows = RoaringBitmap.or(edges.iterator());
            edgeRows.and(scope);
            edgeRows.andNot(once);
            RoaringBitmap[] decided = decide(ev, data.events(), column, events, edgeRows, 1);
            once.or(decided[0]);
            once.or(decided[1]);
            if (onceOnly) {
              return once;
            }
            RoaringBitmap result = scope.clone();
            result.andNot(once);
            return result;
          }
          inside.addAll(edges); // counts: decode only the rows with a passing event in the window
          candidates = RoaringBitmap.or(inside.iterator());
        }
      }
      if (candidates == null) {
        candidates = bounded ? column.candidates(from, to) : column.any().clone();
      }
      candidates.and(scope);
      RoaringBitmap inRange = new RoaringBitmap();
      RoaringBitmap tooMany = new RoaringBitmap();
      RoaringBitmap atLeastMin = column.withAtLeast(min);
      RoaringBitmap overMax = max == Integer.MAX_VALUE ? new RoaringBitmap()
          : column.withAtLeast(max + 1);
      if (filters.isEmpty() && (bounded || everything) && atLeastMin != null && overMax != null) {
        // Contacts with no event of the type outside the window have their total count in it:
        // the count bitmaps decide them, and only the others are decoded.
        RoaringBitmap outside = everything ? new RoaringBitmap() : outside(column);
        RoaringBitmap whole = RoaringBitmap.andNot(candidates, outside);
        inRange.or(RoaringBitmap.andNot(RoaringBitmap.and(whole, atLeastMin), overMax));
        tooMany.or(RoaringBitmap.and(whole, overMax));
        candidates.and(outside);
      }
      RoaringBitmap[] decided = decide(ev, data.events(), column, events, candidates, min);
      inRange.or(decided[0]);
      tooMany.or(decided[1]);
      if (min == 0) {
        RoaringBitmap result = scope.clone();
        result.andNot(tooMany);
        return result;
      }
      return inRange;
    }

    /**
     * How many of one row's events this predicate counts (its type, filters and window), whatever
     * its {@code min} and {@code max}: what {@code why} shows beside an event condition.
     */
    long countOf(Evaluation ev, IndexData data, int row) {
      EventColumn column = data.events().column(type);
      if (column == null || from >= to || !column.any().contains(row)) {
        return 0;
      }
      Loader loader = new Loader(data.events(), column, ev.budget(), ev.verdicts(column, filters));
      return new EventCount(type, filters, 0, Integer.MAX_VALUE, from, to)
          .count(loader, loader.load(row));
    }

    /**
     * The numbers of the column's property maps that pass the filters, or null if the type has
     * too many maps to keep their buckets, or if events without properties pass (they have no
     * bucket of their own).
     */
    private int[] passingMaps(Loader loader, EventColumn column) {
      Map<String, Object>[] maps = column.maps();
      int count = Math.min(column.mapCount(), maps.length);
      if (count > EventColumn.BUCKETED_MAPS || PropertyMatcher.all(filters, Map.of())) {
        return null;
      }
      int[] passing = new int[count];
      int n = 0;
      for (int number = 1; number < count; number++) {
        // null: numbered after this version, whose events use none of those
        if (maps[number] != null && loader.passesMap(filters, number, maps[number])) {
          passing[n++] = number;
        }
      }
      return Arrays.copyOf(passing, n);
    }

    /** Events in the window that pass the filters, counted up to {@code max + 1}. */
    private int count(Loader loader, EventList events) {
      int i = events.firstAtOrAfter(from);
      int j = to == Long.MAX_VALUE ? events.size() : events.firstAtOrAfter(to);
      if (filters.isEmpty()) {
        return j - i;
      }
      int n = 0;
      for (; i < j && n <= max; i++) {
        if (loader.passes(filters, i)) {
          n++;
        }
      }
      return n;
    }

    /** Rows with an event of the column's type on some UTC day not wholly inside the window. */
    private RoaringBitmap outside(EventColumn column) {
      long innerFirst = innerFirstDay();
      long innerLast = innerLastDay();
      List<RoaringBitmap> parts = new ArrayList<>();
      column.forEachMonth((month, rows) -> {
        long start = EventColumn.firstDayOfMonth(month);
        long end = EventColumn.firstDayOfMonth(month + 1) - 1;
        if (end < innerFirst || start > innerLast) {
          parts.add(rows);
        } else if (start < innerFirst || end > innerLast) {
          for (long d = start; d <= end; d++) {
            RoaringBitmap day = column.onDay(d);
            if ((d < innerFirst || d > innerLast) && day != null) {
              parts.add(day);
            }
          }
        }
      });
      return RoaringBitmap.or(parts.iterator());
    }

    /** The first UTC day wholly inside the window. */
    private long innerFirstDay() {
      long firstDay = EventColumn.dayOf(from);
      return from == firstDay * EventColumn.MICROS_PER_DAY ? firstDay : firstDay + 1;
    }

    /** The last UTC day wholly inside the window. */
    private long innerLastDay() {
      long lastDay = EventColumn.dayOf(to - 1);
      return to == (lastDay + 1) * EventColumn.MICROS_PER_DAY ? lastDay : lastDay - 1;
    }

    /**
     * "At least once": contacts in a bucket wholly inside the window are members as they are; only
     * those in the two edge buckets (hours where the column keeps them, else days) are checked
     * against their events' real times.
     */
    private RoaringBitmap atLeastOnce(Evaluation ev, IndexData data, EventColumn column,
        Loader events, RoaringBitmap scope) {
      List<RoaringBitmap> inside = new ArrayList<>();
      List<RoaringBitmap> edges = new ArrayList<>();
      column.cover(from, to, inside, edges);
      RoaringBitmap result = RoaringBitmap.or(inside.iterator());
      result.and(scope);
      RoaringBitmap edgeRows = RoaringBitmap.or(edges.iterator());
      edgeRows.and(scope);
      edgeRows.andNot(result);
      RoaringBitmap[] decided = decide(ev, data.events(), column, events, edgeRows, 1);
      result.or(decided[0]);
      result.or(decided[1]);
      return result;
    }

    /**
     * Decodes each of {@code rows}' events and returns two new bitmaps: the rows with {@code lo}
     * to {@link #max} events in the window that pass the filters, and those with more. Many rows
     * are split among the evaluation's pool ({@link Chunks}); each other thread decodes with a
     * loader and a memo of verdicts of its own, {@code callers} serves the calling thread.
     */
    private RoaringBitmap[] decide(Evaluation ev, Events all, EventColumn column, Loader callers,
        RoaringBitmap rows, int lo) {
      int n = rows.getCardinality();
      int[] array = ev.pool() != null && n >= Chunks.MIN_ROWS ? rows.toArray() : null;
      Thread caller = Thread.currentThread();
      List<RoaringBitmap[]> parts = Chunks.map(ev.pool(), ev.budget(), n, budget -> {
        Loader loader = Thread.currentThread() == caller ? callers
            : new Loader(all, column, budget, new byte[][] {new byte[64]});
        return (from, to) -> {
          RoaringBitmap inRange = new RoaringBitmap();
          RoaringBitmap tooMany = new RoaringBitmap();
          IntConsumer one = row -> {
            int count = count(loader, loader.load(row));
            if (count > max) {
              tooMany.add(row);
            } else if (count >= lo) {
              inRange.add(row);
            }
          };
          if (array == null) {
            rows.forEach(one);
          } else {
            for (int i = from; i < to; i++) {
              one.accept(array[i]);
            }
          }
          return new RoaringBitmap[] {inRange, tooMany};
        };
      });
      if (parts.size() == 1) {
        return parts.get(0);
      }
      RoaringBitmap inRange = new RoaringBitmap();
      RoaringBitmap tooMany = new RoaringBitmap();
      for (RoaringBitmap[] p : parts) {
        inRange.or(p[0]);
        tooMany.or(p[1]);
      }
      return new RoaringBitmap[] {inRange, tooMany};
    }

    /**
     * Decodes candidates' events into one reused list, and remembers the filters' verdict on each
     * property map number it has seen (events with equal numbers have equal properties), so that
     * each distinct map is tested once per evaluation.
     */
    private static final class Loader {
      /** Map numbers from here on are tested every time rather than remembered. */
      private static final int MAX_REMEMBERED = 1 << 20;
      private static final byte UNKNOWN = 0;
      private static final byte PASSES = 1;
      private static final byte FAILS = 2;

      private final Events events;
      private final EventColumn column;
      private final Budget budget;
      private final EventList list = new EventList();
      /** {@code [0]}: the verdicts, shared with conditions of equal filters over the column. */
      private final byte[][] verdicts;

      Loader(Events events, EventColumn column, Budget budget, byte[][] verdicts) {
        this.events = events;
        this.column = column;
        this.budget = budget;
        this.verdicts = verdicts;
      }

      /** Loads a candidate's events: one step of the evaluation's budget. */
      EventList load(int row) {
        budget.tick();
        events.load(column, row, list);
        return list;
      }

      /** Whether event {@code i} of the list last loaded passes every filter. */
      boolean passes(List<PropertyFilter> filters, int i) {
        int number = list.propsNumber(i);
        if (number >= MAX_REMEMBERED) {
          return PropertyMatcher.all(filters, list.props(i));
        }
        return remembered(filters, number, list.props(i));
      }

      /** Whether the property map numbered {@code number}, {@code map}, passes every filter. */
      boolean passesMap(List<PropertyFilter> filters, int number, Map<String, Object> map) {
        return number >= MAX_REMEMBERED ? PropertyMatcher.all(filters, map)
            : remembered(filters, number, map);
      }

      private boolean remembered(List<PropertyFilter> filters, int number,
          Map<String, Object> map) {
        byte[] known = verdicts[0];
        if (number >= known.length) {
          known = Arrays.copyOf(known, Math.max(number + 1, known.length * 2));
          verdicts[0] = known;
        }
        if (known[number] == UNKNOWN) {
          known[number] = PropertyMatcher.all(filters, map) ? PASSES : FAILS;
        }
        return known[number] == PASSES;
      }
    }

    @Override
    public long estimate(IndexData data) {
      EventColumn column = data.events().column(type);
      long withEvents = column == null ? 0 : column.any().getLongCardinality();
      return min == 0 ? data.universe().getLongCardinality() : withEvents;
    }
  }

  /**
   * Contacts owning at least one deal, or linked to an account, that the plan (over the deal or
   * account table) matches as a whole.
   */
  record RelatedMatch(Relations.Kind kind, PlanNode where) implements Predicate {
    @Override
    public RoaringBitmap evaluate(Evaluation ev, IndexData data, RoaringBitmap context) {
      IndexData table = data.relations().table(kind);
      if (few(context, data.universe())) {
        // a few contacts: test only their own deals or accounts
        RoaringBitmap related = data.relations().relatedRows(kind, context);
        RoaringBitmap contacts = related.isEmpty() ? related
            : data.relations().contactsOf(kind, BitmapEvaluator.run(where, table, related, ev));
        contacts.and(context);
        return contacts;
      }
      RoaringBitmap rows = BitmapEvaluator.run(Planner.plan(where, table), table, ev);
      RoaringBitmap contacts = data.relations().contactsOf(kind, rows);
      if (context != null) {
        contacts.and(context);
      }
      return contacts;
    }

    @Override
    public void expect(Evaluation ev, IndexData data) {
      ev.expect(where, data.relations().table(kind));
    }

    @Override
    public long estimate(IndexData data) {
      return Math.min(data.universe().getLongCardinality(),
          data.relations().table(kind).universe().getLongCardinality());
    }
  }

  /**
   * The members of a referenced segment. One instance serves every reference to the same id in
   * one plan and keeps the members after the first evaluation, so each referenced segment is
   * evaluated once per evaluation. A plan belongs to one evaluation on one thread, or to one live
   * segment (used under the index's write lock, over many snapshots: the members are kept for the
   * snapshot they were computed on).
   */
  final class SegmentMembers implements Predicate {
    private final String id;
    private final PlanNode plan;
    private final boolean referencesOthers;
    private RoaringBitmap members;
    /** The snapshot {@code members} belongs to (a live segment's plan outlives snapshots). */
    private IndexData membersOf;
    /** The rows {@code members} was computed among; null: all of them. */
    private RoaringBitmap membersAmong;

    SegmentMembers(String id, PlanNode plan, boolean referencesOthers) {
      this.id = id;
      this.plan = plan;
      this.referencesOthers = referencesOthers;
    }

    String id() {
      return id;
    }

    /** Whether the referenced segment's plan references other segments. */
    boolean referencesOthers() {
      return referencesOthers;
    }

    /** The members in the whole snapshot; never change the returned bitmap. */
    RoaringBitmap members(Evaluation ev, IndexData data) {
      prepare(ev, data, null);
      return members;
    }

    /**
     * Computes the members among {@code rows} (null: all), unless those already kept cover them:
     * later evaluations within {@code rows} use them without evaluating the plan again.
     */
    void prepare(Evaluation ev, IndexData data, RoaringBitmap rows) {
      if (covers(data, rows)) {
        return;
      }
      if (rows == null) {
        members = BitmapEvaluator.run(Planner.plan(plan, data), data, ev);
      } else {
        PlanNode p = few(rows, data.universe()) ? plan : Planner.plan(plan, data);
        members = BitmapEvaluator.run(p, data, rows, ev);
      }
      membersOf = data;
      membersAmong = rows == null ? null : rows.clone();
    }

    private boolean covers(IndexData data, RoaringBitmap rows) {
      return members != null && membersOf == data
          && (membersAmong == null || rows != null && membersAmong.contains(rows));
    }

    /** The plan of the referenced segment's condition, as rewritten (not yet ordered). */
    PlanNode plan() {
      return plan;
    }

    @Override
    public void expect(Evaluation ev, IndexData data) {
      // nothing: Rewriter.Rewritten#expectIn expects each referenced plan once, however many
      // references lead to it
    }

    @Override
    public RoaringBitmap evaluate(Evaluation ev, IndexData data, RoaringBitmap context) {
      if (covers(data, context)) {
        return restrict(members, context);
      }
      if (few(context, data.universe())) {
        return BitmapEvaluator.run(plan, data, context, ev); // a few rows: only theirs
      }
      return restrict(members(ev, data), context);
    }

    @Override
    public long estimate(IndexData data) {
      return covers(data, null) ? members.getLongCardinality()
          : data.universe().getLongCardinality();
    }
  }
}
