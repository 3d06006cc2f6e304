package org.segmentdsl.reference;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.segmentdsl.ListStatus;

/**
 * A contact as the reference model keeps it: plain collections, field values already in the form
 * the spec compares (String, Double, LocalDate, Instant to the microsecond, Boolean, GeoPoint),
 * its events in recording order, and the id of its account ({@code null}: none). Its deals are
 * kept by the model, by deal id. Immutable; every change makes a new one.
 */
record RefContact(String id, Set<String> tags, Map<String, ListStatus> lists,
    Map<String, Object> fields, List<RefEvent> events, String account) {

  /**
   * One recorded event as the spec compares it: the time to the microsecond, properties as
   * String, Double or Boolean.
   */
  record RefEvent(String type, Instant at, Map<String, Object> props) {
    RefEvent {
      props = Collections.unmodifiableMap(new LinkedHashMap<>(props));
    }

    @Override
    public String toString() {
      StringBuilder sb = new StringBuilder(type).append('@').append(at).append('{');
      String sep = "";
      for (Map.Entry<String, Object> e : props.entrySet()) {
        sb.append(sep).append(e.getKey()).append('=').append(e.getValue() instanceof String s
            ? '"' + s + '"' : String.valueOf(e.getValue()));
        sep = ", ";
      }
      return sb.append('}').toString();
    }
  }

  RefContact {
    tags = Collections.unmodifiableSet(new LinkedHashSet<>(tags));
    lists = Collections.unmodifiableMap(new LinkedHashMap<>(lists));
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    events = List.copyOf(events);
  }

  RefContact withTags(Set<String> newTags) {
    return new RefContact(id, newTags, lists, fields, events, account);
  }

  RefContact withLists(Map<String, ListStatus> newLists) {
    return new RefContact(id, tags, newLists, fields, events, account);
  }

  RefContact withFields(Map<String, Object> newFields) {
    return new RefContact(id, tags, lists, newFields, events, account);
  }

  RefContact withEvents(List<RefEvent> newEvents) {
    return new RefContact(id, tags, lists, fields, newEvents, account);
  }

  RefContact withAccount(String newAccount) {
    return new RefContact(id, tags, lists, fields, events, newAccount);
  }
}
