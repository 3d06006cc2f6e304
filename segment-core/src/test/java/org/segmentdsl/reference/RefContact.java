package org.segmentdsl.reference;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.segmentdsl.ListStatus;

/**
 * A contact as the reference model keeps it: plain collections, field values already in the form
 * the spec compares (String, Double, LocalDate, Instant to the microsecond, Boolean, GeoPoint).
 * Immutable; every change makes a new one.
 */
record RefContact(String id, Set<String> tags, Map<String, ListStatus> lists,
    Map<String, Object> fields) {

  RefContact {
    tags = Collections.unmodifiableSet(new LinkedHashSet<>(tags));
    lists = Collections.unmodifiableMap(new LinkedHashMap<>(lists));
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  RefContact withTags(Set<String> newTags) {
    return new RefContact(id, newTags, lists, fields);
  }

  RefContact withLists(Map<String, ListStatus> newLists) {
    return new RefContact(id, tags, newLists, fields);
  }

  RefContact withFields(Map<String, Object> newFields) {
    return new RefContact(id, tags, lists, newFields);
  }
}
