package org.segmentdsl.internal;

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
  private Map<String, Object>[] props; // null when no event of the list has properties

  public int size() {
    return size;
  }

  public long micros(int i) {
    return micros[i];
  }

  /** The properties of event {@code i} (empty map if none). */
  public Map<String, Object> props(int i) {
    Map<String, Object> p = props == null ? null : props[i];
    return p == null ? Map.of() : p;
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

  void clear() {
    size = 0;
    props = null;
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

  void setProps(Map<String, Object>[] props) {
    this.props = props;
  }
}
