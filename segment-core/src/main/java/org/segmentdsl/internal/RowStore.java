package org.segmentdsl.internal;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.segmentdsl.Names;

/**
 * The writer's current row of each id, by dense row number, each kept encoded by a {@link
 * RowCodec} and decoded when the writer reads it. Writes return what they replaced so that a
 * failed commit can put it back. Writer only, not thread-safe.
 */
final class RowStore<T> {
  private final ArrayList<byte[]> rows = new ArrayList<>();
  private final Function<T, byte[]> encode;
  private final BiFunction<String, byte[], T> decode;
  private final Function<byte[], String> problem;
  private final RowCodec codec;
  private final IntFunction<String> idOf;

  private RowStore(Function<T, byte[]> encode, BiFunction<String, byte[], T> decode,
      Function<byte[], String> problem, RowCodec codec, IntFunction<String> idOf) {
    this.encode = encode;
    this.decode = decode;
    this.problem = problem;
    this.codec = codec;
    this.idOf = idOf;
  }

  /** A store of contact rows; {@code idOf} gives a row number's id. */
  static RowStore<ContactRow> contacts(RowCodec codec, IntFunction<String> idOf) {
    return new RowStore<>(codec::encode, codec::decodeContact, codec::contactProblem, codec, idOf);
  }

  /** A store of deal or account rows; {@code idOf} gives a row number's id. */
  static RowStore<EntityRow> entities(RowCodec codec, IntFunction<String> idOf) {
    return new RowStore<>(codec::encode, codec::decodeEntity, codec::entityProblem, codec, idOf);
  }

  /** The row's current value, or null. */
  T get(int row) {
    byte[] bytes = bytes(row);
    return bytes == null ? null : decode.apply(idOf.apply(row), bytes);
  }

  /** Whether the row has a current value. */
  boolean has(int row) {
    return bytes(row) != null;
  }

  /** One field of the row's current value, or null if the row or the field has none. */
  Object field(int row, String name) {
    byte[] bytes = bytes(row);
    return bytes == null ? null : codec.field(bytes, name);
  }

  private byte[] bytes(int row) {
    return row >= 0 && row < rows.size() ? rows.get(row) : null;
  }

  /** Writes every changed row (null: removed); returns what they replaced, for {@link #restore}. */
  Map<Integer, byte[]> write(Map<Integer, T> changed) {
    Map<Integer, byte[]> replaced = new HashMap<>();
    for (Map.Entry<Integer, T> e : changed.entrySet()) {
      int row = e.getKey();
      while (rows.size() <= row) {
        rows.add(null);
      }
      T value = e.getValue();
      replaced.put(row, rows.set(row, value == null ? null : encode.apply(value)));
    }
    return replaced;
  }

  /**
   * The rows and the codec's names as of now, for a snapshot file: a copy of the row references
   * (rows are never changed in place, so the copy stays valid while the writer goes on). Writer
   * only.
   */
  Saved save() {
    return new Saved(rows.toArray(new byte[0][]), codec.names());
  }

  /** Rows as {@link #save} captured them; written outside the writer's lock. */
  record Saved(byte[][] rows, List<String> names) {
    void writeTo(SnapshotOut out) {
      out.writeVarint(names.size());
      names.forEach(out::writeString);
      out.writeVarint(rows.length);
      for (byte[] row : rows) {
        out.writeNullableByteArray(row);
      }
    }
  }

  /**
   * Fills an empty store with rows {@link Saved#writeTo} wrote, for at most {@code ids} rows
   * (whose ids {@code idOf} gives already). Every row is checked as the codec would read it, so
   * that a file not written by this library cannot make a later batch fail.
   */
  void readFrom(SnapshotIn in, int ids) {
    int names = in.count(1);
    List<String> list = new ArrayList<>(names);
    for (int i = 0; i < names; i++) {
      list.add(in.readName("tag or list name"));
    }
    codec.restoreNames(list);
    int n = in.count(1);
    if (n > ids) {
      throw in.malformed(n + " rows for " + ids + " ids");
    }
    rows.ensureCapacity(n);
    for (int i = 0; i < n; i++) {
      long at = in.position();
      byte[] row = in.readNullableByteArray();
      String wrong = row == null ? null : problem.apply(row);
      if (wrong != null) {
        throw in.malformedAt(at, "row " + i + " (" + Names.quote(idOf.apply(i)) + "): " + wrong);
      }
      rows.add(row);
    }
  }

  /** Puts back what {@link #write} replaced. */
  void restore(Map<Integer, byte[]> replaced) {
    replaced.forEach(rows::set);
  }
}
