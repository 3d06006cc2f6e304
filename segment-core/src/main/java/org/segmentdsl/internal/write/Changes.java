package org.segmentdsl.internal.write;

import java.util.HashSet;
import java.util.Set;

/**
 * What one commit changed of the contacts it touched: which tags, lists, fields and event types,
 * and whether deals or account links or fields changed; or {@linkplain #everything everything},
 * when contacts were added or removed (they may enter or leave any segment). A live segment that
 * reads none of it keeps its members without a re-test. Immutable once built.
 */
public final class Changes {
  public static final Changes NONE = new Changes(false, Set.of(), Set.of(), Set.of(), Set.of(),
      false, false);
  public static final Changes EVERYTHING = new Changes(true, Set.of(), Set.of(), Set.of(),
      Set.of(), true, true);

  private final boolean everything;
  private final Set<String> tags;
  private final Set<String> lists;
  private final Set<String> fields;
  private final Set<String> eventTypes;
  private final boolean deals;
  private final boolean accounts;

  private Changes(boolean everything, Set<String> tags, Set<String> lists, Set<String> fields,
      Set<String> eventTypes, boolean deals, boolean accounts) {
    this.everything = everything;
    this.tags = tags;
    this.lists = lists;
    this.fields = fields;
    this.eventTypes = eventTypes;
    this.deals = deals;
    this.accounts = accounts;
  }

  /** Whether any row may have changed in any way. */
  public boolean everything() {
    return everything;
  }

  /** Tags added to or removed from some touched row. */
  public Set<String> tags() {
    return tags;
  }

  /** Lists some touched row joined, left or changed status on. */
  public Set<String> lists() {
    return lists;
  }

  /** Contact fields whose value changed on some touched row. */
  public Set<String> fields() {
    return fields;
  }

  /** Types of the events recorded. */
  public Set<String> eventTypes() {
    return eventTypes;
  }

  /** Whether a deal was added, changed or removed. */
  public boolean deals() {
    return deals;
  }

  /** Whether an account link, or an account, was added, changed or removed. */
  public boolean accounts() {
    return accounts;
  }

  @Override
  public String toString() {
    return everything ? "Changes{everything}" : "Changes{tags=" + tags + ", lists=" + lists
        + ", fields=" + fields + ", events=" + eventTypes + ", deals=" + deals + ", accounts="
        + accounts + "}";
  }

  /** Collects one commit's changes. */
  static final class Builder {
    private boolean everything;
    private final Set<String> tags = new HashSet<>();
    private final Set<String> lists = new HashSet<>();
    private final Set<String> fields = new HashSet<>();
    private final Set<String> eventTypes = new HashSet<>();
    private boolean deals;
    private boolean accounts;

    void everything() {
      everything = true;
    }

    void tag(String tag) {
      tags.add(tag);
    }

    void list(String list) {
      lists.add(list);
    }

    /** The set the field diff adds changed field names to. */
    Set<String> fields() {
      return fields;
    }

    void event(String type) {
      eventTypes.add(type);
    }

    void deals() {
      deals = true;
    }

    void accounts() {
      accounts = true;
    }

    Changes build() {
      return everything ? EVERYTHING : new Changes(false, Set.copyOf(tags), Set.copyOf(lists),
          Set.copyOf(fields), Set.copyOf(eventTypes), deals, accounts);
    }
  }
}
