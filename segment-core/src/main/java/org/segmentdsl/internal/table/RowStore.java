package org.segmentdsl.internal.table;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.IntFunction;
import org.segmentdsl.Names;
import org.segmentdsl.internal.Varints;
import org.segmentdsl.internal.snapshot.SnapshotIn;
import org.segmentdsl.internal.snapshot.SnapshotOut;

/**
 * The writer's current row of each id, by dense row number, each kept encoded by a {@link
 * RowCodec} and decoded when the writer reads it. The encoded rows sit in an arena of 1 MiB byte
 * chunks, each a varint length and the row's bytes, with a {@code long} position per row number:
 * where a byte array per row took its 16-byte header, its padding and a reference besides its
 * bytes, about 24 bytes, the arena takes the 8 of the position and a byte of length. A changed
 * row is appended; the bytes it replaced are garbage until the arena is rewritten with the live
 * rows only, when there is more garbage than live bytes (at the start of a write, so that the
 * previous write's {@link #restore} never needs rewritten positions). Chunks are never changed
 * once written, except by appending past every position handed out, so a {@link #save}d copy of
 * the positions reads the rows as they were while the writer goes on. Writes return what they
 * replaced so that a failed commit can put it back. Writer only, not thread-safe.
 *
 * <p>The positions are kept in pages of {@value #PAGE} rows, copied on write: each published
 * state holds the pages as of its commit ({@link #publish}, a {@link PublishedRows}), and the
 * next commit copies a page (and the page index) before it changes it, so that a published
 * state reads its own rows from any thread for as long as it is kept, at the cost of a page
 * copy per page a commit touches.
 */
public final class RowStore<T> {
  private static final int CHUNK_SHIFT = 20;
  private static final int CHUNK = 1 << CHUNK_SHIFT;
  /** Rewrite the arena when garbage exceeds both the live bytes and this many bytes. */
  private static final long MIN_GARBAGE = 1 << 22;
  private static final int PAGE_SHIFT = 12;
  private static final int PAGE = 1 << PAGE_SHIFT;

  /** Decodes the row encoded at {@code from} in {@code bytes}. */
  @FunctionalInterface
  interface Decoder<T> {
    T decode(String id, byte[] bytes, int from);
  }

  /** Where {@link #write} found the rows it replaced (0: none), for {@link #restore}. */
  public static final class Undo {
    private final Map<Integer, Long> positions = new HashMap<>();
  }

  private byte[][] chunks = new byte[0][];
  private int end = CHUNK; // where the next row goes in the last chunk
  /**
   * Per row number, in pages of {@value #PAGE} (null: none written): 0 for none, else its chunk's
   * index {@code << CHUNK_SHIFT | offset}, plus one.
   */
  private long[][] pages = new long[0][];
  /** Whether {@link #pages} is held by a published state: the next write copies it first. */
  private boolean pagesPublished;
  /** The pages this store wrote since it last {@linkplain #publish published}: its own. */
  private final BitSet ownPages = new BitSet();
  private int rowCount;
  private long liveBytes;
  private long garbageBytes;
  private int rewrites;

  private final Function<T, byte[]> encode;
  private final Decoder<T> decode;
  private final Function<byte[], String> problem;
  private final RowCodec codec;
  private final IntFunction<String> idOf;

  private RowStore(Function<T, byte[]> encode, Decoder<T> decode,
      Function<byte[], String> problem, RowCodec codec, IntFunction<String> idOf) {
    this.encode = encode;
    this.decode = decode;
    this.problem = problem;
    this.codec = codec;
    this.idOf = idOf;
  }

  /** A store of contact rows; {@code idOf} gives a row number's id. */
  public static RowStore<ContactRow> contacts(RowCodec codec, IntFunction<String> idOf) {
    return new RowStore<>(codec::encode, codec::decodeContact, codec::contactProblem, codec, idOf);
  }

  /** A store of deal or account rows; {@code idOf} gives a row number's id. */
  public static RowStore<EntityRow> entities(RowCodec codec, IntFunction<String> idOf) {
    return new RowStore<>(codec::encode, codec::decodeEntity, codec::entityProblem, codec, idOf);
  }

  /** The row's current value, or null. */
  public T get(int row) {
    long at = position(row);
    if (at == 0) {
      return null;
    }
    byte[] chunk = chunks[chunkOf(at)];
    return decode.decode(idOf.apply(row), chunk, start(chunk, at));
  }

  /** Whether the row has a current value. */
  public boolean has(int row) {
    return position(row) != 0;
  }

  /** One field of the row's current value, or null if the row or the field has none. */
  public Object field(int row, String name) {
    long at = position(row);
    if (at == 0) {
      return null;
    }
    byte[] chunk = chunks[chunkOf(at)];
    return codec.field(chunk, start(chunk, at), name);
  }

  private long position(int row) {
    return row >= 0 && row < rowCount ? position(pages, row) : 0;
  }

  /** A row's position in pages of positions (0: none; the row must be within the pages). */
  static long position(long[][] pages, int row) {
    long[] page = pages[row >>> PAGE_SHIFT];
    return page == null ? 0 : page[row & (PAGE - 1)];
  }

  static int chunkOf(long at) {
    return (int) ((at - 1) >>> CHUNK_SHIFT);
  }

  /** Where the row at {@code at} lies in its chunk: the offset of its bytes (after its length). */
  static int start(byte[] chunk, long at) {
    return (int) (span(chunk, at) >>> 32);
  }

  /**
   * The row at {@code at} in its chunk: the offset of its bytes (after its length) in the high
   * half, their length in the low half.
   */
  private static long span(byte[] chunk, long at) {
    Varints.Reader r = new Varints.Reader(chunk);
    r.pos = (int) ((at - 1) & (CHUNK - 1));
    int length = r.varintInt();
    return (long) r.pos << 32 | length;
  }

  /** The bytes the row at {@code at} takes in the arena, its length included. */
  private long storedLength(long at) {
    byte[] chunk = chunks[chunkOf(at)];
    long span = span(chunk, at);
    return (span >>> 32) - ((at - 1) & (CHUNK - 1)) + (int) span;
  }

  /** Appends an encoded row; returns its position. */
  private long append(byte[] row) {
    return append(row, 0, row.length);
  }

  /** Appends the encoded row {@code bytes[from, from + length)}; returns its position. */
  private long append(byte[] bytes, int from, int length) {
    int size = Varints.size(length) + length;
    if (end + size > CHUNK || chunks.length == 0) {
      chunks = Arrays.copyOf(chunks, chunks.length + 1);
      // a row longer than a chunk gets a chunk of its own, filled at once
      chunks[chunks.length - 1] = new byte[Math.max(CHUNK, size)];
      end = 0;
    }
    byte[] chunk = chunks[chunks.length - 1];
    long at = ((long) (chunks.length - 1) << CHUNK_SHIFT | end) + 1;
    end = Varints.write(chunk, end, length);
    System.arraycopy(bytes, from, chunk, end, length);
    end += length;
    if (chunk.length > CHUNK) {
      end = CHUNK; // the next row starts a new chunk
    }
    liveBytes += size;
    return at;
  }

  /** Sets a row's position, copying its page (and the page index) if a published state has it. */
  private void setPosition(int row, long at) {
    int p = row >>> PAGE_SHIFT;
    if (p >= pages.length || pagesPublished) {
      pages = Arrays.copyOf(pages, p < pages.length ? pages.length
          : Math.max(p + 1, pages.length + (pages.length >> 1) + 1));
      pagesPublished = false;
    }
    long[] page = pages[p];
    if (page == null || !ownPages.get(p)) {
      page = page == null ? new long[PAGE] : page.clone();
      pages[p] = page;
      ownPages.set(p);
    }
    page[row & (PAGE - 1)] = at;
    rowCount = Math.max(rowCount, row + 1);
  }

  /**
   * The rows as of now, for the state a commit publishes: shares the arena and the pages, which
   * this store copies before it next changes them. Writer only.
   */
  public PublishedRows publish() {
    pagesPublished = true;
    ownPages.clear();
    return new PublishedRows(chunks, pages, rowCount, codec);
  }

  /** Writes every changed row (null: removed); returns what they replaced, for {@link #restore}. */
  public Undo write(Map<Integer, T> changed) {
    if (garbageBytes > MIN_GARBAGE && garbageBytes > liveBytes) {
      rewrite();
    }
    Undo undo = new Undo();
    for (Map.Entry<Integer, T> e : changed.entrySet()) {
      int row = e.getKey();
      long before = position(row);
      undo.positions.putIfAbsent(row, before);
      if (before != 0) {
        long length = storedLength(before);
        liveBytes -= length;
        garbageBytes += length;
      }
      T value = e.getValue();
      setPosition(row, value == null ? 0 : append(encode.apply(value)));
    }
    return undo;
  }

  /** Puts back what {@link #write} replaced (what it appended stays, as garbage). */
  public void restore(Undo undo) {
    undo.positions.forEach((row, before) -> {
      long now = position(row);
      if (now != 0) {
        long length = storedLength(now);
        liveBytes -= length;
        garbageBytes += length;
      }
      if (before != 0) {
        long length = storedLength(before);
        liveBytes += length;
        garbageBytes -= length;
      }
      setPosition(row, before);
    });
  }

  /** Copies the live rows, in row order, into new chunks; the old ones are left to saved copies. */
  private void rewrite() {
    rewrites++;
    byte[][] old = chunks;
    long[][] oldPages = pages;
    chunks = new byte[0][];
    end = CHUNK;
    liveBytes = 0;
    garbageBytes = 0;
    pages = new long[oldPages.length][];
    pagesPublished = false;
    ownPages.clear();
    for (int row = 0; row < rowCount; row++) {
      long at = position(oldPages, row);
      if (at != 0) {
        byte[] chunk = old[chunkOf(at)];
        long span = span(chunk, at);
        setPosition(row, append(chunk, (int) (span >>> 32), (int) span));
      }
    }
  }

  /** How many times the arena was rewritten (for tests and stats). */
  int rewrites() {
    return rewrites;
  }

  /**
   * The rows and the codec's names as of now, for a snapshot file: the chunk index and a copy of
   * the positions (the chunks are never changed below the positions handed out, so the copy
   * stays valid while the writer goes on). Writer only.
   */
  public Saved save() {
    long[] positions = new long[rowCount];
    for (int row = 0; row < rowCount; row++) {
      positions[row] = position(pages, row);
    }
    return new Saved(chunks.clone(), positions, codec.names());
  }

  /** Rows as {@link #save} captured them; written outside the writer's lock. */
  public record Saved(byte[][] chunks, long[] positions, List<String> names) {
    /** The encoded row of a row number as saved, or null if it had none. */
    byte[] bytes(int row) {
      long at = positions[row];
      if (at == 0) {
        return null;
      }
      byte[] chunk = chunks[chunkOf(at)];
      long span = span(chunk, at);
      int from = (int) (span >>> 32);
      return Arrays.copyOfRange(chunk, from, from + (int) span);
    }

    public void writeTo(SnapshotOut out) {
      out.writeVarint(names.size());
      names.forEach(out::writeString);
      out.writeVarint(positions.length);
      for (long at : positions) { // as writeNullableByteArray of bytes(row), without the copy
        if (at == 0) {
          out.writeVarint(0);
        } else {
          byte[] chunk = chunks[chunkOf(at)];
          long span = span(chunk, at);
          out.writeVarint((int) span + 1L);
          out.writeBytes(chunk, (int) (span >>> 32), (int) span);
        }
      }
    }
  }

  /**
   * Fills an empty store with rows {@link Saved#writeTo} wrote, for at most {@code ids} rows
   * (whose ids {@code idOf} gives already). Every row is checked as the codec would read it, so
   * that a file not written by this library cannot make a later batch fail.
   */
  public void readFrom(SnapshotIn in, int ids) {
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
    for (int i = 0; i < n; i++) {
      long at = in.position();
      byte[] row = in.readNullableByteArray();
      String wrong = row == null ? null : problem.apply(row);
      if (wrong != null) {
        throw in.malformedAt(at, "row " + i + " (" + Names.quote(idOf.apply(i)) + "): " + wrong);
      }
      setPosition(i, row == null ? 0 : append(row));
    }
  }
}
