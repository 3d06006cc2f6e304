package org.segmentdsl.internal;

import java.util.Arrays;
import java.util.Map;

/**
 * One contact's events of one type, sorted by time: the times as epoch microseconds in a
 * {@code long[]} (8 bytes an event) and, only if some event has properties, their property maps
 * in a parallel array. Immutable: recording an event makes a new list.
 */
public final class EventList {
  private final long[] micros;
  private final Map<String, Object>[] props; // null when no event of the list has properties

  private EventList(long[] micros, Map<String, Object>[] props) {
    this.micros = micros;
    this.props = props;
  }

  static final EventList EMPTY = new EventList(new long[0], null);

  public int size() {
    return micros.length;
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
    int hi = micros.length;
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

  /** This list with one more event, kept in time order (after equal times). */
  @SuppressWarnings("unchecked") // generic array of maps, written only with maps
  EventList with(long t, Map<String, Object> p) {
    int at = firstAtOrAfter(t == Long.MAX_VALUE ? t : t + 1);
    long[] m = new long[micros.length + 1];
    System.arraycopy(micros, 0, m, 0, at);
    m[at] = t;
    System.arraycopy(micros, at, m, at + 1, micros.length - at);
    Map<String, Object>[] ps = null;
    if (props != null || !p.isEmpty()) {
      ps = new Map[m.length];
      if (props != null) {
        System.arraycopy(props, 0, ps, 0, at);
        System.arraycopy(props, at, ps, at + 1, micros.length - at);
      }
      ps[at] = p.isEmpty() ? null : p;
    }
    return new EventList(m, ps);
  }

  /** The events at or after {@code t}. */
  EventList from(int first) {
    if (first == 0) {
      return this;
    }
    return new EventList(Arrays.copyOfRange(micros, first, micros.length),
        props == null ? null : Arrays.copyOfRange(props, first, props.length));
  }
}
