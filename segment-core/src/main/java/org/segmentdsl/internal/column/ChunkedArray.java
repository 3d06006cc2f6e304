package org.segmentdsl.internal.column;

import java.util.Arrays;
import java.util.function.BiConsumer;
import java.util.function.Function;
import org.segmentdsl.internal.WriteScope;
import org.segmentdsl.internal.snapshot.SnapshotIn;
import org.segmentdsl.internal.snapshot.SnapshotOut;

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

  /**
   * Writes the number of chunks, then per chunk whether it exists and, if it does, its {@value
   * #CHUNK} elements through {@code writeElement}, which must write null too.
   */
  public void writeTo(SnapshotOut out, BiConsumer<SnapshotOut, T> writeElement) {
    out.writeVarint(chunks.length);
    for (Object[] chunk : chunks) {
      out.writeBoolean(chunk != null);
      if (chunk != null) {
        for (Object element : chunk) {
          @SuppressWarnings("unchecked") // only set() writes, with a T
          T t = (T) element;
          writeElement.accept(out, t);
        }
      }
    }
  }

  /** Reads an array that {@link #writeTo} wrote; {@code readElement} reads null too. */
  public static <T> ChunkedArray<T> readFrom(SnapshotIn in, Function<SnapshotIn, T> readElement) {
    int n = in.count(1);
    if (n == 0) {
      return empty();
    }
    Object[][] chunks = new Object[n][];
    for (int c = 0; c < n; c++) {
      if (in.readBoolean()) {
        if (in.remaining() < CHUNK) { // each element takes a byte at least
          throw in.malformed("a chunk of " + CHUNK + " elements does not fit");
        }
        Object[] chunk = new Object[CHUNK];
        for (int i = 0; i < CHUNK; i++) {
          chunk[i] = readElement.apply(in);
        }
        chunks[c] = chunk;
      }
    }
    return new ChunkedArray<>(chunks);
  }
}
