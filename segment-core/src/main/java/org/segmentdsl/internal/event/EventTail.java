package org.segmentdsl.internal.event;

import java.util.Arrays;

/**
 * The events a busy contact recorded since its blob was last rewritten, in the order they were
 * recorded (any types, any times): appending one costs a few array writes, where rewriting the
 * contact's {@link EventBlob} costs time in proportion to all its events. {@link Events} folds a
 * tail into the blob once it grows past a fraction of the blob, so that a stream of single events
 * costs amortised constant time per event.
 *
 * <p>Each instance is an immutable view of the first {@link #size} entries of arrays that later
 * views share and extend: {@link #append} writes past every published view's end (or copies when
 * another view was extended already, after a refused batch), so readers of a snapshot never see
 * the events recorded after it. Appending is for the index writer only.
 */
final class EventTail {
  private final long[] micros;
  private final int[] types;
  private final int[] props;
  private final int size;
  /** How far the arrays are written: by this view's successors, or by a refused batch. */
  private final int[] used;

  private EventTail(long[] micros, int[] types, int[] props, int size, int[] used) {
    this.micros = micros;
    this.types = types;
    this.props = props;
    this.size = size;
    this.used = used;
  }

  /** A tail of one event. */
  static EventTail of(long micros, int typeId, int props) {
    return new EventTail(new long[4], new int[4], new int[4], 0, new int[1])
        .append(micros, typeId, props);
  }

  int size() {
    return size;
  }

  long micros(int i) {
    return micros[i];
  }

  int typeId(int i) {
    return types[i];
  }

  /** The property map number of entry {@code i} in its type's column ({@code 0}: none). */
  int props(int i) {
    return props[i];
  }

  /** The number of entries of a type. */
  int count(int typeId) {
    int n = 0;
    for (int i = 0; i < size; i++) {
      n += types[i] == typeId ? 1 : 0;
    }
    return n;
  }

  /** This tail and one more event. Writer only. */
  EventTail append(long t, int typeId, int number) {
    if (used[0] == size && size < micros.length) {
      micros[size] = t;
      types[size] = typeId;
      props[size] = number;
      used[0] = size + 1;
      return new EventTail(micros, types, props, size + 1, used);
    }
    int capacity = Math.max(4, size * 2);
    EventTail copy = new EventTail(Arrays.copyOf(micros, capacity), Arrays.copyOf(types, capacity),
        Arrays.copyOf(props, capacity), size, new int[] {size});
    return copy.append(t, typeId, number);
  }

  /** Events of one type, sorted by time: {@code props} null when none has properties. */
  record Run(long[] times, int[] props) {}

  /** This tail's events of a type sorted by time, equal times in recording order; or null. */
  Run run(int typeId) {
    int k = count(typeId);
    if (k == 0) {
      return null;
    }
    long[] t = new long[k];
    int[] p = new int[k];
    boolean sorted = true;
    boolean anyProps = false;
    for (int i = 0, j = 0; i < size; i++) {
      if (types[i] == typeId) {
        t[j] = micros[i];
        p[j] = props[i];
        sorted &= j == 0 || t[j - 1] <= t[j];
        anyProps |= p[j] != PropertyMaps.NONE;
        j++;
      }
    }
    if (!sorted) {
      Integer[] order = new Integer[k];
      for (int i = 0; i < k; i++) {
        order[i] = i;
      }
      Arrays.sort(order, (a, b) -> Long.compare(t[a], t[b])); // stable
      long[] st = new long[k];
      int[] sp = new int[k];
      for (int i = 0; i < k; i++) {
        st[i] = t[order[i]];
        sp[i] = p[order[i]];
      }
      return new Run(st, anyProps ? sp : null);
    }
    return new Run(t, anyProps ? p : null);
  }

  /**
   * Merges {@code a[0, n)} (property numbers {@code ap}, null: none) with a run recorded after
   * them into {@code out} and {@code outProps} (if not null): at equal times {@code a} first.
   */
  static void merge(long[] a, int[] ap, int n, Run b, long[] out, int[] outProps) {
    long[] bt = b.times();
    int[] bp = b.props();
    int i = 0;
    int j = 0;
    for (int k = 0; k < n + bt.length; k++) {
      if (i < n && (j >= bt.length || a[i] <= bt[j])) {
        if (outProps != null) {
          outProps[k] = ap == null ? PropertyMaps.NONE : ap[i];
        }
        out[k] = a[i++];
      } else {
        if (outProps != null) {
          outProps[k] = bp == null ? PropertyMaps.NONE : bp[j];
        }
        out[k] = bt[j++];
      }
    }
  }
}
