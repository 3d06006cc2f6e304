package org.segmentdsl.internal;

import java.util.Arrays;

/**
 * A copy-on-write array of objects by row, in chunks of {@value #CHUNK}: a commit copies the
 * chunks it writes and the chunk index, not the whole array.
 */
public final class ChunkedArray<T> {
  static final int SHIFT = 12;
  static final int CHUNK = 1 << SHIFT;

  private static final ChunkedArray<?> EMPTY = new ChunkedArray<>(new Object[0][]);

  private Object[][] chunks;

  private ChunkedArray(Object[][] chunks) {
    this.chunks = chunks;
  }

  @SuppressWarnings("unchecked") // holds no element
  public static <T> ChunkedArray<T> empty() {
    return (ChunkedArray<T>) EMPTY;
  }

  /** The element at a row, or null. */
  @SuppressWarnings("unchecked") // only set() writes, with a T
  public T get(int row) {
    int c = row >>> SHIFT;
    return c < chunks.length && chunks[c] != null ? (T) chunks[c][row & (CHUNK - 1)] : null;
  }

  /** This array, or a copy of its chunk index, that the scope may change. */
  public ChunkedArray<T> edit(WriteScope scope) {
    return scope.isFresh(this) ? this : scope.created(new ChunkedArray<>(chunks.clone()));
  }

  /** Writes a row. Only on an array returned by {@link #edit} with the same scope. */
  public void set(WriteScope scope, int row, T value) {
    int c = row >>> SHIFT;
    if (c >= chunks.length) {
      chunks = Arrays.copyOf(chunks, Math.max(c + 1, chunks.length * 2));
    }
    Object[] chunk = chunks[c];
    if (chunk == null) {
      chunk = scope.created(new Object[CHUNK]);
    } else if (!scope.isFresh(chunk)) {
      chunk = scope.created(chunk.clone());
    }
    chunk[row & (CHUNK - 1)] = value;
    chunks[c] = chunk;
  }
}
