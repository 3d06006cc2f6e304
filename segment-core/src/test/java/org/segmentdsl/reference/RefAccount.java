package org.segmentdsl.reference;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An account as the reference model keeps it: its id and its field values in the form the spec
 * compares. Which contacts belong to it is each contact's {@link RefContact#account() link}.
 */
record RefAccount(String id, Map<String, Object> fields) {
  RefAccount {
    fields = Collections.unmodifiableMap(new LinkedHashMap<>(fields));
  }

  @Override
  public String toString() {
    return "account " + id + " " + fields;
  }
}
