package org.segmentdsl.reference;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A deal as the reference model keeps it: its id, the id of the contact that owns it, and its
 * field values in the form the spec compares (as {@link RefContact} keeps contact fields).
 */
record RefDeal(String id, String owner, Map<String, Object> fields) {
  RefDeal {
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  @Override
  public String toString() {
    return "deal " + id + " of " + owner + " " + fields;
  }
}
