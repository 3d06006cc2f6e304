package org.segmentdsl;

import java.util.Locale;

/** A contact's status on one list; a contact has at most one status per list. */
public enum ListStatus {
  SUBSCRIBED,
  UNSUBSCRIBED,
  BOUNCED,
  UNCONFIRMED;

  /** The name used in JSON: {@code subscribed}, …. */
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The status named so in JSON. */
  public static ListStatus fromJsonName(String name) {
    for (ListStatus s : values()) {
      if (s.jsonName().equals(name)) {
        return s;
      }
    }
    throw new IllegalArgumentException("unknown list status " + Names.show(name)
        + "; expected subscribed, unsubscribed, bounced or unconfirmed");
  }
}
