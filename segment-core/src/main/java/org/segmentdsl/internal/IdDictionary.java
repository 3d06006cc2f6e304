package org.segmentdsl.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.Arrays;
import org.segmentdsl.Names;

/**
 * The permanent two-way mapping between user ids and dense row numbers. A row number, once given,
 * stays with its id for the life of the index (a contact removed and added again gets its old
 * row), so this dictionary only grows and snapshots can share it: a snapshot decides membership
 * with its own universe bitmap, never with the dictionary. Rows are written once, before the
 * snapshot that first contains them is published, and each snapshot keeps the chunk index it was
 * published with; that publication orders the writes before any reader's read.
 *
 * <p>Ids to rows: an open-addressing table of {@code int}s (row + 1 at the id's probe position,
 * linear probing, at most three quarters full) whose keys are the ids in the chunks themselves:
 * 4 to 8 bytes an id, where a {@code ConcurrentHashMap<String, Integer>} takes a 32-byte node and
 * a 16-byte {@code Integer}, two objects more per id to allocate, to keep, and to copy when a
 * large index is loaded from a snapshot file.
 *
 * <p>Written by the index writer only (under its lock); {@link #lookup} may run on any thread.
 * The writer writes an id into its chunk, then stores its slot with release semantics; a reader
 * loads the slot with acquire semantics and only then reads the chunks, so a row it finds always
 * has its id. A table that grows is filled before it is published (a volatile write); readers of
 * the old one find every id it had.
 */
public final class IdDictionary {
  private static final int SHIFT = 12;
  private static final int CHUNK = 1 << SHIFT;
  private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(int[].class);

  private volatile String[][] chunks = new String[0][];
  private volatile int[] slots;
  private int size;

  public IdDictionary() {
    this(16);
  }

  private IdDictionary(int expected) {
    slots = new int[capacityFor(expected)];
  }

  /** The smallest power of two at least 16 that holds {@code n} ids at most three quarters full. */
  private static int capacityFor(int n) {
    long needed = Math.max(16, (long) n * 4 / 3 + 1);
    if (needed > 1 << 30) {
      throw new IllegalStateException("more than " + ((1 << 30) / 4 * 3) + " ids");
    }
    return Integer.highestOneBit((int) needed - 1) << 1;
  }

  /** The first probe position of a hash code in a table of {@code length} slots. */
  private static int start(int hash, int length) {
    return (hash * 0x9E37_79B9) >>> (32 - Integer.numberOfTrailingZeros(length));
  }

  /**
   * The row of an id, or -1 if the id was never added. Decides on the slot value it loaded: a
   * second load of the same position could see a slot the writer filled meanwhile.
   */
  public int lookup(String id) {
    int[] table = slots;
    int mask = table.length - 1;
    int hash = id.hashCode();
    for (int i = start(hash, table.length); ; i = (i + 1) & mask) {
      int slot = (int) SLOT.getAcquire(table, i);
      if (slot == 0) {
        return -1;
      }
      String other = idOf(chunks, slot - 1);
      if (other.hashCode() == hash && other.equals(id)) {
        return slot - 1;
      }
    }
  }

  /**
   * The position of an id's slot in {@code table}, or of the free slot that ends its probe run
   * (where it would go). Writer only: nothing fills a slot between its probe and its use.
   */
  private int probe(int[] table, String id, int hash) {
    int mask = table.length - 1;
    for (int i = start(hash, table.length); ; i = (i + 1) & mask) {
      int slot = (int) SLOT.getAcquire(table, i);
      if (slot == 0) {
        return i;
      }
      String other = idOf(chunks, slot - 1);
      if (other.hashCode() == hash && other.equals(id)) {
        return i;
      }
    }
  }

  /** The row of an id, giving it the next row if it has none. Writer only. */
  public int assign(String id) {
    int hash = id.hashCode();
    int[] table = slots;
    int i = probe(table, id, hash);
    int slot = (int) SLOT.getAcquire(table, i);
    if (slot != 0) {
      return slot - 1;
    }
    int r = size++;
    int c = r >>> SHIFT;
    String[][] outer = chunks;
    if (c >= outer.length || outer[c] == null) {
      outer = c >= outer.length ? Arrays.copyOf(outer, Math.max(4, outer.length * 2)) : outer;
      outer[c] = new String[CHUNK];
    }
    outer[c][r & (CHUNK - 1)] = id;
    chunks = outer; // the id and its chunk before its slot
    if ((long) size * 4 > (long) table.length * 3) {
      grow();
      insert(slots, hash, r);
    } else {
      SLOT.setRelease(table, i, r + 1); // the free slot the probe found
    }
    return r;
  }

  /** Puts a row's slot at the first free probe position, with release semantics. */
  private static void insert(int[] table, int hash, int row) {
    int mask = table.length - 1;
    int i = start(hash, table.length);
    while ((int) SLOT.getAcquire(table, i) != 0) {
      i = (i + 1) & mask;
    }
    SLOT.setRelease(table, i, row + 1);
  }

  /** Doubles the table; publishes it filled. */
  private void grow() {
    int[] bigger = new int[slots.length * 2];
    String[][] c = chunks;
    for (int row = 0; row < size - 1; row++) { // the row being added goes in after
      insert(bigger, idOf(c, row).hashCode(), row);
    }
    slots = bigger;
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

  /**
   * A dictionary of the ids {@link #writeTo} wrote, each at its row again; each id must follow
   * the names rule ({@link SnapshotIn#readName}).
   *
   * @param what what the ids are, as messages call them ({@code "contact id"})
   */
  static IdDictionary readFrom(SnapshotIn in, String what) {
    int n = in.count(1);
    IdDictionary d = new IdDictionary(n);
    for (int row = 0; row < n; row++) {
      String id = in.readName(what);
      if (d.assign(id) != row) {
        throw in.malformed(what + " " + Names.quote(id) + " is given two rows");
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
