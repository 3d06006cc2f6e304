package org.segmentdsl.internal.column;

import java.util.Arrays;
import org.segmentdsl.internal.WriteScope;

/**
 * A copy-on-write array of doubles by row, in chunks of {@value #CHUNK}: a commit copies the
 * chunks it writes and the chunk index, not the whole array. Holds the coordinates that geo
 * conditions refine their candidates with.
 */
public final class ChunkedDoubles {
  static final int SHIFT = 12;
  static final int CHUNK = 1 << SHIFT;

  private static final ChunkedDoubles EMPTY = new ChunkedDoubles(new double[0][]);

  private double[][] chunks;

  private ChunkedDoubles(double[][] chunks) {
    this.chunks = chunks;
  }

  public static ChunkedDoubles empty() {
    return EMPTY;
  }

  /** The value at a row (0 if never written). */
  public double get(int row) {
    int c = row >>> SHIFT;
    return c < chunks.length && chunks[c] != null ? chunks[c][row & (CHUNK - 1)] : 0.0;
  }

  /** This array, or a copy of its chunk index, that the scope may change. */
  public ChunkedDoubles edit(WriteScope scope) {
    return scope.isFresh(this) ? this : scope.created(new ChunkedDoubles(chunks.clone()));
  }

  /** Writes a row. Only on an array returned by {@link #edit} with the same scope. */
  public void set(WriteScope scope, int row, double value) {
    int c = row >>> SHIFT;
    if (c >= chunks.length) {
      chunks = Arrays.copyOf(chunks, Math.max(c + 1, chunks.length * 2));
    }
    double[] chunk = chunks[c];
    if (chunk == null) {
      chunk = scope.created(new double[CHUNK]);
    } else if (!scope.isFresh(chunk)) {
      chunk = scope.created(chunk.clone());
    }
    chunk[row & (CHUNK - 1)] = value;
    chunks[c] = chunk;
  }
}
