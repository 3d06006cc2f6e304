package org.segmentdsl;

import java.util.Locale;

/** A contact's status on one list; a contact has at most one status per list. */
public enum ListStatus {
  /** Subscribed to the list; JSON {@code subscribed}. */
  SUBSCRIBED,
  /** Unsubscribed from the list; JSON {@code unsubscribed}. */
  UNSUBSCRIBED,
  /** Mail to the contact on this list bounced; JSON {@code bounced}. */
  BOUNCED,
  /** On the list, the subscription not yet confirmed; JSON {@code unconfirmed}. */
  UNCONFIRMED;

  /** {@return the name used in JSON: {@code subscribed}, …} */
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The status named so in JSON.
   *
   * @param name a {@link #jsonName()}: {@code subscribed}, {@code unsubscribed}, {@code bounced}
   *     or {@code unconfirmed} (lower case)
   * @return the status
   * @throws IllegalArgumentException if {@code name} names no status
   */
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
