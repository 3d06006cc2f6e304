package org.segmentdsl;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** Checks shared by {@link Deal} and {@link Account}. */
final class Entities {
  private Entities() {}

  static Map<String, Object> copyFields(String entity, String id, Map<String, Object> fields) {
    Map<String, Object> copy = new LinkedHashMap<>(Objects.requireNonNull(fields, "fields"));
    copy.forEach((k, v) -> {
      if (k == null || v == null) {
        throw new InvalidEntityException(entity, id, k, "field names and values must be non-null");
      }
    });
    return Collections.unmodifiableMap(copy);
  }

  static void put(Map<String, Object> fields, String name, Object value) {
    Objects.requireNonNull(name, "name");
    if (value == null) {
      fields.remove(name);
    } else {
      fields.put(name, value);
    }
  }
}
