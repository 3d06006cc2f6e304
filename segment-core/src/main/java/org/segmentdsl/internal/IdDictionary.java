package org.segmentdsl.internal;

import java.util.Arrays;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The permanent two-way mapping between user ids and dense row numbers. A row number, once given,
 * stays with its id for the life of the index (a contact removed and added again gets its old
 * row), so this dictionary only grows and snapshots can share it: a snapshot decides membership
 * with its own universe bitmap, never with the dictionary. Rows are written once, before the
 * snapshot that first contains them is published, and each snapshot keeps the chunk index it was
 * published with; that publication orders the writes before any reader's read.
 *
 * <p>Written by the index writer only (under its lock); {@link #lookup} may run on any thread.
 */
public final class IdDictionary {
  private static final int SHIFT = 12;
  private static final int CHUNK = 1 << SHIFT;

  private final ConcurrentHashMap<String, Integer> rows;
  private String[][] chunks = new String[0][];
  private int size;

  public IdDictionary() {
    this(16);
  }

  private IdDictionary(int expected) {
    rows = new ConcurrentHashMap<>(expected);
  }

  /** The row of an id, or -1 if the id was never added. */
  public int lookup(String id) {
    Integer row = rows.get(id);
    return row == null ? -1 : row;
  }

  /** The row of an id, giving it the next row if it has none. Writer only. */
  public int assign(String id) {
    Integer row = rows.get(id);
    if (row != null) {
      return row;
    }
    int r = size++;
    int c = r >>> SHIFT;
    if (c >= chunks.length) {
      chunks = Arrays.copyOf(chunks, Math.max(4, chunks.length * 2));
    }
    if (chunks[c] == null) {
      chunks[c] = new String[CHUNK];
    }
    chunks[c][r & (CHUNK - 1)] = id;
    rows.put(id, r);
    return r;
  }

  /** The number of ids given a row so far. Writer only. */
  int size() {
    return size;
  }

  /** Writes the ids of rows {@code [0, n)}, in row order, read through a published chunk index. */
  static void writeTo(SnapshotOut out, String[][] chunks, int n) {
    out.writeVarint(n);
    for (int row = 0; row < n; row++) {
      out.writeString(idOf(chunks, row));
    }
  }

  /** A dictionary of the ids {@link #writeTo} wrote, each at its row again. */
  static IdDictionary readFrom(SnapshotIn in) {
    int n = in.count(1);
    IdDictionary d = new IdDictionary(Math.max(16, (int) (n / 0.75f) + 1));
    for (int row = 0; row < n; row++) {
      String id = in.readString();
      if (d.assign(id) != row) {
        throw in.malformed("id \"" + id + "\" is given two rows");
      }
    }
    return d;
  }

  /** The chunk index to publish with a snapshot. Writer only. */
  public String[][] chunks() {
    return chunks;
  }

  /** The id of a row, read through a published chunk index. */
  public static String idOf(String[][] chunks, int row) {
    return chunks[row >>> SHIFT][row & (CHUNK - 1)];
  }
}
