package org.segmentdsl.internal.column;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntToLongFunction;
import org.roaringbitmap.RangeBitmap;
import org.roaringbitmap.RoaringBitmap;
import org.segmentdsl.internal.ReadMeter;
import org.segmentdsl.internal.Varints;
import org.segmentdsl.internal.WriteScope;
import org.segmentdsl.internal.snapshot.SnapshotIn;
import org.segmentdsl.internal.snapshot.SnapshotOut;

/**
 * Rows by an ordered 64-bit key (a number, a date's epoch day, a datetime's epoch microsecond),
 * answering inclusive key ranges as bitmaps.
 *
 * <p>Why this shape. The two structures RoaringBitmap offers pull in opposite directions: a
 * {@link RangeBitmap} answers a range in one pass over its bit slices and can take the running
 * result of a conjunction as a context, but it is immutable and costly to build; a bit-sliced index
 * is mutable and cheap to build but several times slower to query. Segments are queried far more
 * often than a given contact changes, and the index must take a stream of small batches as well
 * as bulk loads. So this column is a small log-structured merge tree:
 *
 * <ul>
 *   <li>a few immutable <em>runs</em>, each a {@code RangeBitmap} over the keys of the rows it was
 *       built from (dictionary-encoded to ranks, so it has only {@code log2(distinct values)}
 *       slices) and the bitmap of those rows whose value it still holds ({@code live}: a row
 *       whose value changes leaves it). A run's rows start at its {@code offset}, a multiple of
 *       65,536, so that a run built from the rows a bulk load appends at row 9,000,000 does not
 *       pay for the 9,000,000 rows before them;
 *   <li>a sorted delta of key to rows for every value written row by row since the last flush.
 * </ul>
 *
 * <p>A range is the OR of each run's {@code between(ranks, live ∩ context)} and the delta's
 * bitmaps in the key range. When the delta holds more than an eighth of the rows (and at least
 * {@value #MIN_DELTA_ROWS}) the next commit flushes it into a new run, and a batch that adds that
 * many rows at once ({@link #addAll}) builds its run directly, never passing through the delta.
 * After a new run, runs merge size-tiered: when the last {@value #FAN_IN} runs are in one size tier
 * (live rows within a factor of {@value #FAN_IN}), they are rebuilt as one from their live rows. A
 * column so has at most {@value #FAN_IN} - 1 runs a tier, and a row is rebuilt {@code
 * O(log4(rows / batch))} times over a bulk load, where rebuilding the whole column per batch made
 * a load quadratic (1,000,000 contacts in batches of 100,000 rebuilt 5,500,000 rows per range
 * column, 10,000,000 over 500 million; merging pairs, 3,600,000 at 1,000,000; with this fan-in,
 * 1,800,000).
 * {@link #compacted} merges everything into one run, as a bulk import should end.
 *
 * <p>Measured ad hoc on this project's 2-core build machine (1,000,000 rows, warm JVM, best of
 * several runs): {@link #build} takes 187 ms with 1,000 distinct values and 552 ms with a million;
 * a range covering a quarter of the values answers in 0.17 ms and 0.29 ms, where ORing one bitmap
 * per distinct value (the other plain layout) takes 0.94 ms and 56 ms. Per-row writes go to the
 * delta and cost an insertion into a sorted array ({@link KeyBitmaps}). The delta has two levels
 * so that a batch copies at most the arrays of {@value #RECENT_KEYS} keys rather than the whole
 * delta (up to an eighth of the rows): folding the small level into the large one merges both
 * into new arrays once every {@value #RECENT_KEYS} new keys. (With {@code TreeMap} levels, the
 * copy of the small one, an entry object per key, was most of a single-row batch's time in this
 * column.) What a single-row batch also copies is the container of its row in the column's
 * {@code set} bitmap and in the {@code live} bitmap of the run it leaves; {@code
 * segment-benchmarks} measures the batch with JMH beside the peers.
 *
 * <p>Instances reachable from a published snapshot are never changed; commits {@link #edit} a copy.
 */
public final class RangeColumn {
  static final int MIN_DELTA_ROWS = 64;

  /** How many runs of one size tier merge into one (a power of two: see {@link #tier}). */
  static final int FAN_IN = 4;

  /** Most keys the small, per-batch-copied level of the delta holds before it is folded. */
  static final int RECENT_KEYS = 512;

  private static final KeyBitmaps NO_KEYS = KeyBitmaps.EMPTY;

  private static final Run[] NO_RUNS = new Run[0];

  private static final RangeColumn EMPTY =
      new RangeColumn(NO_RUNS, NO_KEYS, NO_KEYS, 0, new RoaringBitmap());

  /**
   * One immutable run: the ranks of the rows it was built from, from row {@code offset} on; its
   * key dictionary; the rows whose value it still holds.
   *
   * @param bytes the serialised form {@code bitmap} is mapped over: what a snapshot file saves
   */
  private record Run(RangeBitmap bitmap, byte[] bytes, long[] dict, int offset,
      RoaringBitmap live) {

    /** A run over {@code rows} (ascending, not empty), the row {@code rows[i]} with {@code keys[i]}. */
    static Run build(int[] rows, long[] keys) {
      int n = rows.length;
      long[] dict = keys.clone();
      Arrays.sort(dict);
      int distinct = 0;
      for (int i = 0; i < n; i++) {
        if (i == 0 || dict[i] != dict[distinct - 1]) {
          dict[distinct++] = dict[i];
        }
      }
      dict = Arrays.copyOf(dict, distinct);
      long maxRank = Math.max(1, distinct - 1);
      RangeBitmap.Appender appender = RangeBitmap.appender(maxRank);
      // A row without a value is masked out by live, so any rank will do: all ones in the
      // appender's width, which no slice records (a slice holds the rows whose bit is 0), where 0
      // would put the row in every slice (1,000,000 rows, a fifth with one of 400 values: built in
      // 95 ms instead of 198).
      long noValue = -1L >>> Long.numberOfLeadingZeros(maxRank);
      int offset = rows[0] & ~0xFFFF;
      int next = offset;
      RoaringBitmap live = new RoaringBitmap();
      for (int i = 0; i < n; i++) {
        for (; next < rows[i]; next++) {
          appender.add(noValue);
        }
        appender.add(Arrays.binarySearch(dict, keys[i]));
        next++;
      }
      live.addN(rows, 0, n);
      // serialised into an array we keep, and mapped, so that a snapshot file saves it as it is
      ByteBuffer buffer =
          ByteBuffer.allocate(appender.serializedSizeInBytes()).order(ByteOrder.LITTLE_ENDIAN);
      appender.serialize(buffer);
      byte[] bytes = buffer.array();
      return new Run(RangeBitmap.map(ByteBuffer.wrap(bytes)), bytes, dict, offset, live);
    }

    /** A run over the rows of {@code rows}, each with the key {@code keyOf} gives. */
    static Run build(RoaringBitmap rows, IntToLongFunction keyOf) {
      int[] ids = rows.toArray();
      long[] keys = new long[ids.length];
      for (int i = 0; i < ids.length; i++) {
        keys[i] = keyOf.applyAsLong(ids[i]);
      }
      return build(ids, keys);
    }

    Run withLive(RoaringBitmap rows) {
      return new Run(bitmap, bytes, dict, offset, rows);
    }

    /** The live rows whose key lies in {@code [lo, hi]}, within {@code context} if not null. */
    RoaringBitmap range(long lo, long hi, RoaringBitmap context) {
      if (ReadMeter.on()) {
        ReadMeter.bytes(bytes, bytes.length);
        ReadMeter.bitmap(live);
      }
      int from = lowerBound(lo);
      int to = hi == Long.MAX_VALUE ? dict.length - 1 : lowerBound(hi + 1) - 1;
      if (from > to) {
        return new RoaringBitmap();
      }
      RoaringBitmap rows = context == null ? live : RoaringBitmap.and(live, context);
      if (from == 0 && to == dict.length - 1) {
        return rows == live ? live.clone() : rows;
      }
      if (offset == 0) {
        return bitmap.between(from, to, rows);
      }
      // the range bitmap counts rows from the run's offset (a multiple of 65,536, so that the
      // shifts only renumber containers)
      RoaringBitmap found = bitmap.between(from, to, RoaringBitmap.addOffset(rows, -offset));
      return RoaringBitmap.addOffset(found, offset);
    }

    /** The first rank whose key is {@code >= key} ({@code dict.length} if none). */
    private int lowerBound(long key) {
      int i = Arrays.binarySearch(dict, key);
      return i >= 0 ? i : -i - 1;
    }
  }

  /** Oldest first; each row's value is in the live rows of at most one run or in the delta. */
  private Run[] runs;
  /**
   * The delta in two levels, so that a batch copies only small arrays: {@code recent} (at most
   * {@value #RECENT_KEYS} keys, copied by each batch that writes) overrides {@code frozen} (never
   * changed once published; rebuilt with {@code recent} folded in when {@code recent} is full).
   * An empty bitmap in {@code recent} hides its key in {@code frozen}.
   */
  private KeyBitmaps frozen;
  private KeyBitmaps recent;
  private int deltaRows;
  private RoaringBitmap set;

  private RangeColumn(Run[] runs, KeyBitmaps frozen, KeyBitmaps recent, int deltaRows,
      RoaringBitmap set) {
    this.runs = runs;
    this.frozen = frozen;
    this.recent = recent;
    this.deltaRows = deltaRows;
    this.set = set;
  }

  public static RangeColumn empty() {
    return EMPTY;
  }

  /**
   * A compacted column over {@code rows}, each with the key {@code keyOf} gives.
   *
   * @param rows the rows that have a value
   * @param keyOf the current key of each of those rows
   */
  public static RangeColumn build(RoaringBitmap rows, IntToLongFunction keyOf) {
    if (rows.isEmpty()) {
      return EMPTY;
    }
    return new RangeColumn(new Run[] {Run.build(rows, keyOf)}, NO_KEYS, NO_KEYS, 0, rows.clone());
  }

  /** Rows that have a value. Never change the returned bitmap. */
  public RoaringBitmap set() {
    ReadMeter.bitmap(set);
    return set;
  }

  /** Whether the delta has grown enough that the next commit should flush it into a run. */
  public boolean needsCompaction() {
    return needsCompactionAfter(0);
  }

  /**
   * Whether {@code moreRows} more writes could make the column {@linkplain #needsCompaction need
   * compaction}: a batch of that many rows adds them with {@link #addAll}.
   */
  public boolean needsCompactionAfter(int moreRows) {
    long inRuns = (long) set.getCardinality() - deltaRows;
    return (long) deltaRows + moreRows > Math.max(MIN_DELTA_ROWS, inRuns / 8);
  }

  /** This column, or a shallow copy, that the scope may change. */
  public RangeColumn edit(WriteScope scope) {
    return scope.isFresh(this) ? this
        : scope.created(new RangeColumn(runs, frozen, recent, deltaRows, set));
  }

  /** The rows of a key in the delta, or null. */
  private RoaringBitmap deltaOf(long key) {
    RoaringBitmap b = recent.get(key);
    return b != null ? b : frozen.get(key);
  }

  /** Sets a key's rows in the delta (an empty bitmap removes it). */
  private void putDelta(WriteScope scope, long key, RoaringBitmap rows) {
    if (!scope.isFresh(recent)) {
      recent = scope.created(recent.copy());
    }
    if (rows.isEmpty() && !frozen.containsKey(key)) {
      recent.remove(key);
    } else {
      recent.put(key, rows);
    }
    if (recent.size() > RECENT_KEYS) {
      // one pass over both levels builds the new large one
      frozen = scope.created(KeyBitmaps.merged(frozen, recent));
      recent = scope.created(KeyBitmaps.create());
    }
  }

  /** Removes a row's value, which has that key. Only on an edited column. */
  public void remove(WriteScope scope, int row, long oldKey) {
    set = scope.withoutRow(set, row);
    for (int i = 0; i < runs.length; i++) {
      if (runs[i].live().contains(row)) {
        if (!scope.isFresh(runs)) {
          runs = scope.created(runs.clone());
        }
        runs[i] = runs[i].withLive(scope.withoutRow(runs[i].live(), row));
        return;
      }
    }
    RoaringBitmap b = deltaOf(oldKey);
    if (b != null && b.contains(row)) {
      b = scope.withoutRow(b, row);
      deltaRows--;
      putDelta(scope, oldKey, b);
    }
  }

  /** Gives a row (which has no value) a key. Only on an edited column. */
  public void add(WriteScope scope, int row, long key) {
    putDelta(scope, key, scope.withRow(deltaOf(key), row));
    deltaRows++;
    set = scope.withRow(set, row);
  }

  /**
   * Gives each of {@code rows} (ascending; none has a value) the key at the same index of {@code
   * keys}: row by row into the delta if they fit in it, else as a new run built in one pass with
   * the delta's rows (which empties the delta), after which runs merge as the class comment says.
   * Only on an edited column.
   *
   * @param keyOf the current key of any row with a value, for the rows of runs that merge
   */
  public void addAll(WriteScope scope, int[] rows, long[] keys, IntToLongFunction keyOf) {
    if (rows.length == 0) {
      return;
    }
    if (!needsCompactionAfter(rows.length)) {
      for (int i = 0; i < rows.length; i++) {
        add(scope, rows[i], keys[i]);
      }
      return;
    }
    RoaringBitmap with = set.clone();
    with.addN(rows, 0, rows.length);
    set = scope.created(with);
    // the delta goes into the run too: else a delta just below its limit would stay there, and
    // every later batch would add a small run of its own
    runs = flushed(rows, keys, keyOf);
    frozen = NO_KEYS;
    recent = NO_KEYS;
    deltaRows = 0;
  }

  /**
   * This column, or a new one with its delta flushed into a run (and runs merged) if the delta
   * {@linkplain #needsCompaction needs it}.
   *
   * @param keyOf the current key of any row with a value, for the rows of runs that merge
   */
  public RangeColumn compact(IntToLongFunction keyOf) {
    if (!needsCompaction()) {
      return this;
    }
    return new RangeColumn(flushed(new int[0], new long[0], keyOf), NO_KEYS, NO_KEYS, 0, set);
  }

  /**
   * The runs with one more, of the delta's rows and {@code rows} (ascending, none in the delta)
   * with {@code keys}, merged as the class comment says.
   */
  private Run[] flushed(int[] rows, long[] keys, IntToLongFunction keyOf) {
    KeyBitmaps delta = recent.isEmpty() ? frozen : KeyBitmaps.merged(frozen, recent);
    long rowCount = rows.length;
    for (int k = 0; k < delta.size(); k++) {
      rowCount += delta.valueAt(k).getLongCardinality();
    }
    // each row with the index of its key (delta keys first, then the given ones), in row order
    long[] byRow = new long[Math.toIntExact(rowCount)];
    int n = 0;
    for (int k = 0; k < delta.size(); k++) {
      for (org.roaringbitmap.IntIterator it = delta.valueAt(k).getIntIterator(); it.hasNext(); ) {
        byRow[n++] = (long) it.next() << 32 | k;
      }
    }
    for (int i = 0; i < rows.length; i++) {
      byRow[n++] = (long) rows[i] << 32 | (delta.size() + i);
    }
    if (n == 0) {
      return runs;
    }
    Arrays.sort(byRow, 0, n);
    int[] allRows = new int[n];
    long[] allKeys = new long[n];
    for (int i = 0; i < n; i++) {
      allRows[i] = (int) (byRow[i] >>> 32);
      int k = (int) byRow[i];
      allKeys[i] = k < delta.size() ? delta.keyAt(k) : keys[k - delta.size()];
    }
    return merged(append(runs, Run.build(allRows, allKeys)), keyOf);
  }

  /**
   * This column if it is one run without a delta (or empty), else the column rebuilt as one run:
   * what a bulk import ends with.
   *
   * @param keyOf the current key of every row with a value
   */
  public RangeColumn compacted(IntToLongFunction keyOf) {
    if (runs.length <= 1 && deltaRows == 0 && recent.isEmpty() && frozen.isEmpty()) {
      return this;
    }
    return build(set, keyOf);
  }

  private static Run[] append(Run[] runs, Run run) {
    Run[] out = Arrays.copyOf(runs, runs.length + 1);
    out[runs.length] = run;
    return out;
  }

  /**
   * The runs without those that hold no live row, and with the last {@value #FAN_IN} merged into
   * one while the oldest of them is in no higher size tier than the newest (a tier: live rows
   * within a factor of {@value #FAN_IN}).
   */
  private static Run[] merged(Run[] runs, IntToLongFunction keyOf) {
    List<Run> out = new ArrayList<>(runs.length);
    for (Run run : runs) {
      if (!run.live().isEmpty()) {
        out.add(run);
      }
    }
    while (out.size() >= FAN_IN
        && tier(out.get(out.size() - FAN_IN)) <= tier(out.get(out.size() - 1))) {
      List<Run> last = out.subList(out.size() - FAN_IN, out.size());
      RoaringBitmap rows = new RoaringBitmap();
      last.forEach(run -> rows.or(run.live()));
      last.clear();
      out.add(Run.build(rows, keyOf));
    }
    return out.toArray(NO_RUNS);
  }

  /** The size tier of a run: {@code floor(log_FAN_IN(live rows))}. */
  private static int tier(Run run) {
    return (63 - Long.numberOfLeadingZeros(run.live().getLongCardinality()))
        / Integer.numberOfTrailingZeros(FAN_IN);
  }

  /**
   * Rows whose key lies in {@code [lo, hi]} (both inclusive), within {@code context} if it is not
   * null. Returns a new bitmap.
   */
  public RoaringBitmap range(long lo, long hi, RoaringBitmap context) {
    if (lo > hi) {
      return new RoaringBitmap();
    }
    RoaringBitmap result = new RoaringBitmap();
    for (Run run : runs) {
      RoaringBitmap found = run.range(lo, hi, context);
      if (result.isEmpty()) {
        result = found;
      } else {
        result.or(found);
      }
    }
    int hitsFrom = frozen.lowerBound(lo);
    int hitsTo = frozen.upperBound(hi);
    int recentFrom = recent.lowerBound(lo);
    int recentTo = recent.upperBound(hi);
    if (hitsFrom < hitsTo || recentFrom < recentTo) {
      RoaringBitmap fromDelta = new RoaringBitmap();
      for (int i = hitsFrom; i < hitsTo; i++) {
        if (!recent.containsKey(frozen.keyAt(i))) { // recent overrides frozen
          ReadMeter.bitmap(frozen.valueAt(i));
          fromDelta.or(frozen.valueAt(i));
        }
      }
      for (int i = recentFrom; i < recentTo; i++) {
        ReadMeter.bitmap(recent.valueAt(i));
        fromDelta.or(recent.valueAt(i));
      }
      if (context != null) {
        fromDelta.and(context);
      }
      result.or(fromDelta);
    }
    return result;
  }

  /**
   * Writes the column: its runs (each its offset in units of 65,536 rows, its key dictionary as
   * ascending deltas, its serialised range bitmap and its live rows), the delta with its two
   * levels folded into one, the delta's row count and the rows that have a value.
   */
  void writeTo(SnapshotOut out) {
    out.writeVarint(runs.length);
    for (Run run : runs) {
      out.writeVarint(run.offset() >>> 16);
      writeKeys(out, run.dict());
      out.writeByteArray(run.bytes());
      out.writeBitmap(run.live());
    }
    // the small level folded into a copy of the large one
    KeyBitmaps delta = recent.isEmpty() ? frozen : KeyBitmaps.merged(frozen, recent);
    out.writeVarint(delta.size());
    for (int i = 0; i < delta.size(); i++) {
      long key = delta.keyAt(i);
      out.writeVarint(i == 0 ? Varints.zigzag(key) : key - delta.keyAt(i - 1));
      out.writeBitmap(delta.valueAt(i));
    }
    out.writeVarint(deltaRows);
    out.writeBitmap(set);
  }

  private static void writeKeys(SnapshotOut out, long[] dict) {
    out.writeVarint(dict.length);
    for (int i = 0; i < dict.length; i++) {
      out.writeVarint(i == 0 ? Varints.zigzag(dict[0]) : dict[i] - dict[i - 1]);
    }
  }

  /**
   * Reads a column that {@link #writeTo} wrote; format versions before 4 hold at most one run,
   * from row 0, behind a presence flag.
   */
  static RangeColumn readFrom(SnapshotIn in) {
    int count = in.formatVersion() < 4 ? (in.readBoolean() ? 1 : 0) : in.count(3);
    Run[] runs = new Run[count];
    for (int r = 0; r < count; r++) {
      int offset = in.formatVersion() < 4 ? 0 : in.readInt(0x7FFF) << 16;
      long[] dict = readKeys(in, in.count(1));
      byte[] bytes = in.readByteArray();
      RangeBitmap bitmap;
      try {
        bitmap = RangeBitmap.map(ByteBuffer.wrap(bytes));
      } catch (RuntimeException e) {
        throw in.malformed("not a range bitmap (" + e.getClass().getSimpleName() + ")");
      }
      RoaringBitmap live = in.readBitmap();
      if (!live.isEmpty() && Integer.toUnsignedLong(live.first()) < offset) {
        throw in.malformed("a run from row " + offset + " holds row " + live.first());
      }
      runs[r] = new Run(bitmap, bytes, dict, offset, live);
    }
    int n = in.count(2);
    KeyBitmaps delta = KeyBitmaps.create();
    long key = 0;
    for (int i = 0; i < n; i++) {
      long v = in.readVarint();
      if (i > 0 && v == 0) {
        throw in.malformed("delta keys out of order");
      }
      key = i == 0 ? Varints.unzigzag(v) : key + v;
      RoaringBitmap rows = in.readBitmap();
      if (rows.isEmpty()) {
        throw in.malformed("empty delta key");
      }
      delta.put(key, rows);
    }
    int deltaRows = in.readInt(Integer.MAX_VALUE);
    RoaringBitmap set = in.readBitmap();
    if (count == 0 && n == 0 && set.isEmpty()) {
      return EMPTY;
    }
    return new RangeColumn(runs, n == 0 ? NO_KEYS : delta, NO_KEYS, deltaRows, set);
  }

  private static long[] readKeys(SnapshotIn in, int n) {
    long[] keys = new long[n];
    for (int i = 0; i < n; i++) {
      long v = in.readVarint();
      if (i > 0 && v == 0) {
        throw in.malformed("key dictionary out of order");
      }
      keys[i] = i == 0 ? Varints.unzigzag(v) : keys[i - 1] + v;
    }
    return keys;
  }

  /** Number of rows written since the last compaction (for tests and stats). */
  public int deltaRows() {
    return deltaRows;
  }

  /** Number of runs (for tests and stats). */
  int runCount() {
    return runs.length;
  }
}
