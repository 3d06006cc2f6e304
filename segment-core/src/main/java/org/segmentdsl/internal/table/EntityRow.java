package org.segmentdsl.internal.table;

import java.util.Map;

/**
 * A deal's or account's current state as the writer keeps it, with values normalised for their
 * types. Immutable.
 *
 * @param id the deal's or account's id
 * @param owner the owning contact's id (deals), or {@code null} (accounts)
 * @param fields value by field name
 */
public record EntityRow(String id, String owner, Map<String, Object> fields) {
  public EntityRow {
    fields = Map.copyOf(fields);
  }
}
