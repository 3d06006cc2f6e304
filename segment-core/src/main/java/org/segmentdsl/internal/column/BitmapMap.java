package org.segmentdsl.internal.column;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.roaringbitmap.RoaringBitmap;
import org.segmentdsl.Names;
import org.segmentdsl.condition.TagCondition;
import org.segmentdsl.internal.Budget;
import org.segmentdsl.internal.ReadMeter;
import org.segmentdsl.internal.WriteScope;
import org.segmentdsl.internal.snapshot.SnapshotIn;
import org.segmentdsl.internal.snapshot.SnapshotOut;

/**
 * A copy-on-write map from keys (tags, string values, list names) to the bitmap of rows that have
 * them. The keys are spread over {@value #SHARDS} hash shards, so a commit that touches a few keys
 * copies a few shards and the shard array, not every key: a string field with ten million distinct
 * values (an email address) stays cheap to update. Published instances are never changed.
 */
public final class BitmapMap<K> {
  static final int SHARDS = 256;

  private static final BitmapMap<?> EMPTY = new BitmapMap<>(new HashMap<?, ?>[SHARDS], 0);

  private final HashMap<K, RoaringBitmap>[] shards;
  private int size;
  /**
   * Each shard's {@link KeyIndex}: made on the first pattern condition that needs one, then kept
   * while the shard is (an edit copies the array and drops the entries of the shards it changes).
   * Readers of a published map fill entries concurrently: a race between immutable, equal
   * indexes, like {@link String#hashCode}'s.
   */
  private volatile KeyIndex[] indexes;

  private BitmapMap(HashMap<?, ?>[] shards, int size) {
    this(shards, size, null);
  }

  private BitmapMap(HashMap<?, ?>[] shards, int size, KeyIndex[] indexes) {
    @SuppressWarnings("unchecked") // the array only ever holds HashMap<K, RoaringBitmap>
    HashMap<K, RoaringBitmap>[] typed = (HashMap<K, RoaringBitmap>[]) shards;
    this.shards = typed;
    this.size = size;
    this.indexes = indexes;
  }

  @SuppressWarnings("unchecked") // EMPTY holds no keys, so it is a map of any key type
  public static <K> BitmapMap<K> empty() {
    return (BitmapMap<K>) EMPTY;
  }

  /**
   * A key's shard: the top bits of its hash code times the golden ratio. Not the low bits that
   * {@link HashMap} picks buckets by: every key of a shard would agree in those, so a shard would
   * use one bucket in 256 and make each a tree of a few hundred keys (measured on 50,000 account
   * rows: 12-20 ns a lookup before, 7-10 after).
   */
  private static int shard(Object key) {
    return (key.hashCode() * 0x9E3779B9) >>> (32 - Integer.numberOfTrailingZeros(SHARDS));
  }

  /** The rows with that key, or {@code null}. */
  public RoaringBitmap get(K key) {
    HashMap<K, RoaringBitmap> s = shards[shard(key)];
    RoaringBitmap rows = s == null ? null : s.get(key);
    ReadMeter.bitmap(rows);
    return rows;
  }

  /** The number of keys. */
  public int size() {
    return size;
  }

  /** Visits every key with its rows, in no particular order. */
  public void forEach(BiConsumer<? super K, ? super RoaringBitmap> action) {
    boolean metered = ReadMeter.on();
    for (HashMap<K, RoaringBitmap> s : shards) {
      if (s != null) {
        if (metered) {
          s.values().forEach(ReadMeter::bitmap);
        }
        s.forEach(action);
      }
    }
  }

  /** This map, or a shallow copy of it, that the scope may change. */
  public BitmapMap<K> edit(WriteScope scope) {
    if (scope.isFresh(this)) {
      return this;
    }
    KeyIndex[] i = indexes;
    return scope.created(new BitmapMap<>(shards.clone(), size, i == null ? null : i.clone()));
  }

  private HashMap<K, RoaringBitmap> ownShard(WriteScope scope, int i) {
    HashMap<K, RoaringBitmap> s = shards[i];
    if (s == null) {
      s = scope.created(new HashMap<>());
    } else if (!scope.isFresh(s)) {
      s = scope.created(new HashMap<>(s));
    }
    shards[i] = s;
    forgetIndexes(i);
    return s;
  }

  /** Drops the indexes of a shard about to change. */
  private void forgetIndexes(int shard) {
    KeyIndex[] i = indexes;
    if (i != null) {
      i[shard] = null;
    }
  }

  /**
   * The rows of every key that matches a pattern the way tag and string field operators do
   * ({@code ignoreCase}: both in lower case, {@link Locale#ROOT}), one bitmap per matching key. A
   * prefix or suffix is found by binary search in each shard's sorted keys, built the first time;
   * {@code contains} walks every key. Thread-safe on a published map.
   */
  public static List<RoaringBitmap> matching(BitmapMap<String> map, TagCondition.Op op,
      String pattern, boolean ignoreCase, Budget budget) {
    String p = ignoreCase ? pattern.toLowerCase(Locale.ROOT) : pattern;
    List<RoaringBitmap> hits = new ArrayList<>();
    KeyIndex[] indexes = map.indexes();
    for (int i = 0; i < SHARDS; i++) {
      HashMap<String, RoaringBitmap> s = map.shards[i];
      if (s == null || s.isEmpty()) {
        continue;
      }
      KeyIndex index = indexes[i];
      if (index == null && op == TagCondition.Op.CONTAINS) {
        // contains walks every key anyway: no need to sort them for it
        budget.tick(s.size());
        s.forEach((key, rows) -> {
          if ((ignoreCase ? key.toLowerCase(Locale.ROOT) : key).contains(p)) {
            hits.add(rows);
          }
        });
        continue;
      }
      if (index == null) {
        budget.tick(s.size());
        index = KeyIndex.of(s);
        indexes[i] = index;
      }
      index.match(op, p, ignoreCase, budget, hits);
    }
    return hits;
  }

  /**
   * For each of {@code patterns}, what {@link #matching} gives for {@code contains} it, all found
   * in one walk over the keys: a {@link SubstringSet} of the patterns reads each key once, where
   * {@link #matching} reads every key once per pattern. With {@code ignoreCase}, keys and patterns
   * are put in lower case ({@link Locale#ROOT}) as {@link #matching} puts them. Lists of equal
   * patterns may be the same list; never change them. Thread-safe on a published map.
   */
  public static List<List<RoaringBitmap>> containing(BitmapMap<String> map, List<String> patterns,
      boolean ignoreCase, Budget budget) {
    // patterns equal once in lower case share one pattern of the automaton and one list of hits
    Map<String, Integer> distinct = new LinkedHashMap<>();
    int[] distinctOf = new int[patterns.size()];
    for (int i = 0; i < patterns.size(); i++) {
      String p = ignoreCase ? patterns.get(i).toLowerCase(Locale.ROOT) : patterns.get(i);
      Integer d = distinct.get(p);
      if (d == null) {
        d = distinct.size();
        distinct.put(p, d);
      }
      distinctOf[i] = d;
    }
    SubstringSet set = new SubstringSet(List.copyOf(distinct.keySet()));
    List<List<RoaringBitmap>> found = new ArrayList<>(distinct.size());
    for (int d = 0; d < distinct.size(); d++) {
      found.add(new ArrayList<>());
    }
    for (HashMap<String, RoaringBitmap> s : map.shards) {
      if (s == null) {
        continue;
      }
      for (Map.Entry<String, RoaringBitmap> e : s.entrySet()) {
        budget.tick();
        String key = ignoreCase ? e.getKey().toLowerCase(Locale.ROOT) : e.getKey();
        RoaringBitmap rows = e.getValue();
        set.forEachIn(key, d -> found.get(d).add(rows));
      }
    }
    List<List<RoaringBitmap>> hits = new ArrayList<>(patterns.size());
    for (int d : distinctOf) {
      hits.add(found.get(d));
    }
    return hits;
  }

  private KeyIndex[] indexes() {
    KeyIndex[] a = indexes;
    if (a == null) {
      a = new KeyIndex[SHARDS];
      indexes = a;
    }
    return a;
  }

  /** Adds a row under a key. Only on a map returned by {@link #edit} with the same scope. */
  public void add(WriteScope scope, K key, int row) {
    int i = shard(key);
    RoaringBitmap b = shards[i] == null ? null : shards[i].get(key);
    RoaringBitmap changed = scope.withRow(b, row);
    if (changed != b) { // else it had the row, or the scope changed it in place
      if (b == null) {
        size++;
      }
      ownShard(scope, i).put(key, changed);
    }
  }

  /**
   * Adds the rows {@code rows[from, to)} (ascending, distinct) under a key. Only on a map
   * returned by {@link #edit} with the same scope.
   */
  public void addAll(WriteScope scope, K key, int[] rows, int from, int to) {
    int i = shard(key);
    RoaringBitmap b = shards[i] == null ? null : shards[i].get(key);
    RoaringBitmap changed = scope.withRows(b, rows, from, to);
    if (changed != b) { // else it had the rows, or the scope changed it in place
      if (b == null) {
        size++;
      }
      ownShard(scope, i).put(key, changed);
    }
  }

  /** Removes a row from a key; a key left with no rows is removed. Only on an edited map. */
  public void remove(WriteScope scope, K key, int row) {
    int i = shard(key);
    RoaringBitmap b = shards[i] == null ? null : shards[i].get(key);
    if (b == null) {
      return;
    }
    RoaringBitmap changed = scope.withoutRow(b, row);
    if (changed.isEmpty()) {
      ownShard(scope, i).remove(key);
      size--;
    } else if (changed != b) { // else it lacked the row, or the scope changed it in place
      ownShard(scope, i).put(key, changed);
    }
  }

  /** Removes a key with all its rows. Only on an edited map. */
  public void removeKey(WriteScope scope, K key) {
    int i = shard(key);
    if (shards[i] != null && shards[i].containsKey(key)) {
      ownShard(scope, i).remove(key);
      size--;
    }
  }

  /**
   * Writes the number of keys, then each key with its rows: shard by shard, each shard's keys in
   * {@code order}, so that equal maps give equal bytes whatever order their keys came in (for key
   * types whose hash codes do not change between JVMs; readers do not rely on it).
   */
  public void writeTo(SnapshotOut out, BiConsumer<SnapshotOut, K> writeKey,
      Comparator<? super K> order) {
    out.writeVarint(size);
    for (HashMap<K, RoaringBitmap> s : shards) {
      if (s == null || s.isEmpty()) {
        continue;
      }
      // only the order of bytes depends on the order of keys: the measuring pass skips the sort
      Iterable<K> keys = s.keySet();
      if (!out.counting()) {
        List<K> sorted = new ArrayList<>(s.keySet());
        sorted.sort(order);
        keys = sorted;
      }
      for (K key : keys) {
        writeKey.accept(out, key);
        out.writeBitmap(s.get(key));
      }
    }
  }

  /** Reads a map that {@link #writeTo} wrote, sharding its keys by their hash codes here. */
  public static <K> BitmapMap<K> readFrom(SnapshotIn in, Function<SnapshotIn, K> readKey) {
    int size = in.count(2); // a key and a bitmap take a byte each at least
    if (size == 0) {
      return empty();
    }
    Object[] keys = new Object[size];
    RoaringBitmap[] rows = new RoaringBitmap[size];
    int[] perShard = new int[SHARDS];
    for (int i = 0; i < size; i++) {
      keys[i] = readKey.apply(in);
      rows[i] = in.readBitmap();
      if (rows[i].isEmpty()) {
        throw in.malformed("key " + show(keys[i]) + " has no rows");
      }
      perShard[shard(keys[i])]++;
    }
    HashMap<?, ?>[] shards = new HashMap<?, ?>[SHARDS];
    for (int i = 0; i < size; i++) {
      int shard = shard(keys[i]);
      @SuppressWarnings("unchecked") // every key was read by readKey, a K
      HashMap<K, RoaringBitmap> s = (HashMap<K, RoaringBitmap>) shards[shard];
      if (s == null) {
        s = new HashMap<>((int) (perShard[shard] / 0.75f) + 1);
        shards[shard] = s;
      }
      @SuppressWarnings("unchecked") // read by readKey
      K key = (K) keys[i];
      if (s.put(key, rows[i]) != null) {
        throw in.malformed("key " + show(key) + " is repeated");
      }
    }
    return new BitmapMap<>(shards, size);
  }

  /** A key as a message shows it: a string (a string field's value) quoted and escaped. */
  private static String show(Object key) {
    return key instanceof String s ? Names.show(s) : String.valueOf(key);
  }

  @Override
  public String toString() {
    Map<K, Integer> counts = new HashMap<>();
    forEach((k, b) -> counts.put(k, b.getCardinality()));
    return counts + " in " + Arrays.stream(shards).filter(s -> s != null).count() + " shards";
  }
}
