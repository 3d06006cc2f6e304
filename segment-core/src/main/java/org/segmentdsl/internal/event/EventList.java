package org.segmentdsl.internal.event;

import java.util.Map;

/**
 * One contact's events of one type, decoded for reading: times as epoch microseconds in time
 * order and, if some event of the list has properties, their property maps in the same order.
 *
 * <p>A reusable buffer, not a value: {@link Events#load} fills it, and an evaluation keeps one
 * per thread and reloads it for each contact it checks, so that checking millions of candidates
 * allocates nothing. Not thread-safe.
 */
public final class EventList {
  private long[] micros = new long[16];
  private int size;
  private int[] props = new int[16]; // property map numbers, once decoded
  private byte[] encodedProps; // as the column keeps them; decoded on first use
  private Map<String, Object>[] maps; // null when no event of the list has properties

  public int size() {
    return size;
  }

  public long micros(int i) {
    return micros[i];
  }

  /** The properties of event {@code i} (empty map if none). */
  public Map<String, Object> props(int i) {
    int number = propsNumber(i);
    return number == PropertyMaps.NONE ? Map.of() : maps[number];
  }

  /**
   * The number of event {@code i}'s property map in its type's dictionary, 0 if it has none:
   * events of one type with equal numbers have equal properties, so a filter's verdict on a number
   * holds for all of them.
   */
  public int propsNumber(int i) {
    if (maps == null) {
      return PropertyMaps.NONE;
    }
    if (encodedProps != null) { // conditions without property filters never get here
      if (props.length < size) {
        props = new int[Math.max(size, props.length * 2)];
      }
      PropertyMaps.decode(encodedProps, size, props);
      encodedProps = null;
    }
    return props[i];
  }

  /** The index of the first event at or after {@code t} ({@link #size()} if none). */
  public int firstAtOrAfter(long t) {
    int lo = 0;
    int hi = size;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (micros[mid] < t) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }

  /**
   * Adds a tail's events of a type to the list {@link Events#load} decoded from the blob, after
   * the blob's at equal times; {@code columnMaps}: the column's property maps.
   */
  void addTail(EventTail tail, int typeId, Map<String, Object>[] columnMaps) {
    EventTail.Run run = tail.run(typeId);
    if (run == null) {
      return;
    }
    int n = size;
    int total = n + run.times().length;
    boolean withProps = maps != null || run.props() != null;
    int[] mainProps = null;
    if (maps != null) {
      mainProps = new int[n];
      for (int i = 0; i < n; i++) {
        mainProps[i] = propsNumber(i);
      }
    }
    long[] merged = new long[Math.max(total, micros.length)];
    int[] mergedProps = withProps ? new int[Math.max(total, props.length)] : null;
    EventTail.merge(micros, mainProps, n, run, merged, mergedProps);
    micros = merged;
    size = total;
    if (withProps) {
      props = mergedProps;
      encodedProps = null;
      maps = columnMaps;
    }
  }

  void clear() {
    size = 0;
    maps = null;
  }

  /** A buffer for at least {@code n} times. */
  long[] reserve(int n) {
    if (micros.length < n) {
      micros = new long[Math.max(n, micros.length * 2)];
    }
    return micros;
  }

  void setSize(int n) {
    size = n;
  }

  /**
   * Sets the list's property map numbers as the column keeps them ({@code encoded} null: none has
   * properties); they are decoded when first read.
   */
  void setProps(byte[] encoded, Map<String, Object>[] maps) {
    this.encodedProps = encoded;
    this.maps = encoded == null ? null : maps;
  }
}
