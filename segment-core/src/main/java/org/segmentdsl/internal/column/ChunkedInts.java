package org.segmentdsl.internal.column;

import java.util.Arrays;
import org.segmentdsl.internal.WriteScope;
import org.segmentdsl.internal.snapshot.SnapshotIn;
import org.segmentdsl.internal.snapshot.SnapshotOut;

/**
 * A copy-on-write array of ints by row, in chunks of {@value #CHUNK}: a commit copies the chunks
 * it writes and the chunk index, not the whole array. Holds each deal's owning contact row.
 */
public final class ChunkedInts {
  public static final int SHIFT = 12;
  static final int CHUNK = 1 << SHIFT;

  private static final ChunkedInts EMPTY = new ChunkedInts(new int[0][]);

  private int[][] chunks;

  private ChunkedInts(int[][] chunks) {
    this.chunks = chunks;
  }

  public static ChunkedInts empty() {
    return EMPTY;
  }

  /** The value at a row (0 if never written). */
  public int get(int row) {
    int c = row >>> SHIFT;
    return c < chunks.length && chunks[c] != null ? chunks[c][row & (CHUNK - 1)] : 0;
  }

  /** How many chunks of {@value #CHUNK} rows there are room for (some may be missing). */
  public int chunkCount() {
    return chunks.length;
  }

  /** Chunk {@code c}: rows {@code c << SHIFT} onwards; null if none was written. Never change it. */
  public int[] chunk(int c) {
    return chunks[c];
  }

  /** This array, or a copy of its chunk index, that the scope may change. */
  public ChunkedInts edit(WriteScope scope) {
    return scope.isFresh(this) ? this : scope.created(new ChunkedInts(chunks.clone()));
  }

  /** Writes a row. Only on an array returned by {@link #edit} with the same scope. */
  public void set(WriteScope scope, int row, int value) {
    int c = row >>> SHIFT;
    if (c >= chunks.length) {
      chunks = Arrays.copyOf(chunks, Math.max(c + 1, chunks.length * 2));
    }
    int[] chunk = chunks[c];
    if (chunk == null) {
      chunk = scope.created(new int[CHUNK]);
    } else if (!scope.isFresh(chunk)) {
      chunk = scope.created(chunk.clone());
    }
    chunk[row & (CHUNK - 1)] = value;
    chunks[c] = chunk;
  }

  /**
   * Writes the number of chunks, then per chunk whether it exists and, if it does, its {@value
   * #CHUNK} values as varints.
   */
  public void writeTo(SnapshotOut out) {
    out.writeVarint(chunks.length);
    for (int[] chunk : chunks) {
      out.writeBoolean(chunk != null);
      if (chunk != null) {
        for (int v : chunk) {
          out.writeVarint(Integer.toUnsignedLong(v));
        }
      }
    }
  }

  /** Reads an array that {@link #writeTo} wrote. */
  public static ChunkedInts readFrom(SnapshotIn in) {
    int n = in.count(1);
    if (n == 0) {
      return empty();
    }
    int[][] chunks = new int[n][];
    for (int c = 0; c < n; c++) {
      if (in.readBoolean()) {
        if (in.remaining() < CHUNK) {
          throw in.malformed("a chunk of " + CHUNK + " values does not fit");
        }
        int[] chunk = new int[CHUNK];
        for (int i = 0; i < CHUNK; i++) {
          long v = in.readVarint();
          if (v > 0xFFFF_FFFFL) {
            throw in.malformed("value " + v + " is not an int");
          }
          chunk[i] = (int) v;
        }
        chunks[c] = chunk;
      }
    }
    return new ChunkedInts(chunks);
  }
}
