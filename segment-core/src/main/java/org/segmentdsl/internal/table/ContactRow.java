package org.segmentdsl.internal.table;

import java.util.Map;
import java.util.Set;
import org.segmentdsl.ListStatus;

/**
 * A contact's current state as the writer keeps it, with values normalised for their types.
 * Immutable: staging a mutation makes a new row. {@code account} is the account's id, or null.
 */
public record ContactRow(String id, Set<String> tags, Map<String, ListStatus> lists,
    Map<String, Object> fields, String account) {
  public ContactRow {
    tags = Set.copyOf(tags);
    lists = Map.copyOf(lists);
    fields = Map.copyOf(fields);
  }

  /** This row linked to another account (null: none). */
  public ContactRow withAccount(String account) {
    return new ContactRow(id, tags, lists, fields, account);
  }
}
