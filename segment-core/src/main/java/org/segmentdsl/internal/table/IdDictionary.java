package org.segmentdsl.internal.table;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.segmentdsl.Names;
import org.segmentdsl.internal.snapshot.SnapshotIn;
import org.segmentdsl.internal.snapshot.SnapshotOut;

/**
 * The permanent two-way mapping between user ids and dense row numbers. A row number, once given,
 * stays with its id for the life of the index (a contact removed and added again gets its old
 * row), so this dictionary only grows and snapshots can share it: a snapshot decides membership
 * with its own universe bitmap, never with the dictionary. Rows are written once, before the
 * snapshot that first contains them is published, and each snapshot keeps the {@link Ids} view it
 * was published with; that publication orders the writes before any reader's read.
 *
 * <p>Rows to ids: the ids' characters in an arena of 1 MiB byte chunks, each id a varint header
 * ({@code length << 1 | wide}) then one byte a UTF-16 unit when every unit is below 256 (ISO
 * 8859-1, nearly every id), else two; and per row the position of its id, a {@code long} in
 * chunks of 4,096 rows. Ids to rows: an open-addressing table of {@code int}s (row + 1 at the
 * id's probe position, linear probing, at most three quarters full) whose keys are the ids in the
 * arena, compared character by character. An id of 10 Latin-1 characters so takes about 24 bytes
 * (11 in the arena, 8 for its position, 4 to 8 in the table), where a {@code String} with its
 * array and a reference to it took about 70; {@link Ids#idOf} makes the {@code String} when one is
 * asked for.
 *
 * <p>Written by the index writer only (under its lock); {@link #lookup} may run on any thread.
 * The writer writes an id into the arena and its position, then stores its slot with release
 * semantics; a reader loads the slot with acquire semantics and only then reads the position and
 * the arena, so a row it finds always has its id. A table that grows is filled before it is
 * published (a volatile write); readers of the old one find every id it had.
 */
public final class IdDictionary {
  private static final int SHIFT = 12;
  private static final int CHUNK = 1 << SHIFT;
  /** Bytes of an arena chunk; the longest id (3 header bytes, 2 bytes a unit) fits many times. */
  private static final int DATA_SHIFT = 20;
  private static final int DATA_CHUNK = 1 << DATA_SHIFT;
  private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(int[].class);

  /**
   * The ids of rows as of one publication: read {@link #idOf} only for rows assigned before it
   * (the writer goes on appending past them in the same chunks).
   *
   * @param data the arena's chunks
   * @param positions per row, its id's arena chunk ({@code >>> DATA_SHIFT}) and offset in it
   */
  public record Ids(byte[][] data, long[][] positions) {
    /** The user id of a row assigned before this view was taken. */
    public String idOf(int row) {
      long at = positions[row >>> SHIFT][row & (CHUNK - 1)];
      byte[] chunk = data[(int) (at >>> DATA_SHIFT)];
      long header = header(chunk, (int) (at & (DATA_CHUNK - 1)));
      int p = (int) header;
      int units = (int) (header >>> 33);
      if ((header & 1L << 32) == 0) {
        return new String(chunk, p, units, StandardCharsets.ISO_8859_1);
      }
      char[] chars = new char[units];
      for (int i = 0; i < units; i++, p += 2) {
        chars[i] = (char) ((chunk[p] & 0xFF) << 8 | chunk[p + 1] & 0xFF);
      }
      return new String(chars);
    }

    /**
     * The header of the id at {@code p} ({@code length << 1 | wide}) in the high half, the position
     * of its first unit in the low half.
     */
    private static long header(byte[] chunk, int p) {
      int b = chunk[p++] & 0xFF;
      int header = b & 0x7F;
      for (int shift = 7; (b & 0x80) != 0; shift += 7) {
        b = chunk[p++] & 0xFF;
        header |= (b & 0x7F) << shift;
      }
      return (long) header << 32 | p;
    }

    /** Whether the id of a row assigned before this view was taken is {@code id}. */
    boolean is(int row, String id) {
      long at = positions[row >>> SHIFT][row & (CHUNK - 1)];
      byte[] chunk = data[(int) (at >>> DATA_SHIFT)];
      long header = header(chunk, (int) (at & (DATA_CHUNK - 1)));
      if (header >>> 33 != id.length()) {
        return false;
      }
      int p = (int) header;
      boolean wide = (header & 1L << 32) != 0;
      for (int i = 0; i < id.length(); i++) {
        int c = wide ? (chunk[p + 2 * i] & 0xFF) << 8 | chunk[p + 2 * i + 1] & 0xFF
            : chunk[p + i] & 0xFF;
        if (c != id.charAt(i)) {
          return false;
        }
      }
      return true;
    }
  }

  private volatile Ids ids = new Ids(new byte[0][], new long[0][]);
  private volatile int[] slots;
  private int size;
  /** Where the next id goes in the arena's last chunk. */
  private int dataEnd = DATA_CHUNK;

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
    for (int i = start(id.hashCode(), table.length); ; i = (i + 1) & mask) {
      int slot = (int) SLOT.getAcquire(table, i);
      if (slot == 0) {
        return -1;
      }
      if (ids.is(slot - 1, id)) {
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
    Ids view = ids;
    for (int i = start(hash, table.length); ; i = (i + 1) & mask) {
      int slot = (int) SLOT.getAcquire(table, i);
      if (slot == 0 || view.is(slot - 1, id)) {
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
    ids = append(ids, r, id); // the id and its position before its slot
    if ((long) size * 4 > (long) table.length * 3) {
      grow();
      insert(slots, hash, r);
    } else {
      SLOT.setRelease(table, i, r + 1); // the free slot the probe found
    }
    return r;
  }

  /** Writes row {@code r}'s id into the arena and its position; returns the view to publish. */
  private Ids append(Ids view, int r, String id) {
    boolean wide = false;
    for (int k = 0; k < id.length() && !wide; k++) {
      wide = id.charAt(k) > 0xFF;
    }
    int header = id.length() << 1 | (wide ? 1 : 0);
    int bytes = (header < 1 << 7 ? 1 : header < 1 << 14 ? 2 : 3)
        + id.length() * (wide ? 2 : 1);
    byte[][] data = view.data();
    if (dataEnd + bytes > DATA_CHUNK) {
      data = Arrays.copyOf(data, data.length + 1);
      data[data.length - 1] = new byte[DATA_CHUNK];
      dataEnd = 0;
    }
    byte[] chunk = data[data.length - 1];
    long at = (long) (data.length - 1) << DATA_SHIFT | dataEnd;
    int p = dataEnd;
    for (int h = header; ; h >>>= 7) {
      if (h < 0x80) {
        chunk[p++] = (byte) h;
        break;
      }
      chunk[p++] = (byte) (h & 0x7F | 0x80);
    }
    for (int k = 0; k < id.length(); k++) {
      char c = id.charAt(k);
      if (wide) {
        chunk[p++] = (byte) (c >>> 8);
      }
      chunk[p++] = (byte) c;
    }
    dataEnd = p;
    long[][] positions = view.positions();
    int c = r >>> SHIFT;
    if (c >= positions.length || positions[c] == null) {
      positions = c >= positions.length
          ? Arrays.copyOf(positions, Math.max(4, positions.length * 2)) : positions;
      positions[c] = new long[CHUNK];
    }
    positions[c][r & (CHUNK - 1)] = at;
    return data == view.data() && positions == view.positions() ? view : new Ids(data, positions);
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
    Ids view = ids;
    for (int row = 0; row < size - 1; row++) { // the row being added goes in after
      insert(bigger, view.idOf(row).hashCode(), row);
    }
    slots = bigger;
  }

  /** The number of ids given a row so far. Writer only. */
  public int size() {
    return size;
  }

  /** Writes the ids of rows {@code [0, n)}, in row order, read through a published view. */
  public static void writeTo(SnapshotOut out, Ids ids, int n) {
    out.writeVarint(n);
    for (int row = 0; row < n; row++) {
      out.writeString(ids.idOf(row));
    }
  }

  /**
   * A dictionary of the ids {@link #writeTo} wrote, each at its row again; each id must follow
   * the names rule ({@link SnapshotIn#readName}).
   *
   * @param what what the ids are, as messages call them ({@code "contact id"})
   */
  public static IdDictionary readFrom(SnapshotIn in, String what) {
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

  /** The view of the ids to publish with a snapshot. Writer only. */
  public Ids ids() {
    return ids;
  }
}
