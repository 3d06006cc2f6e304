package org.segmentdsl.dsl;

import com.google.errorprone.annotations.CheckReturnValue;
import org.segmentdsl.ListStatus;
import org.segmentdsl.condition.ListCondition;

/**
 * Conditions on a contact's status on one list.
 *
 * <pre>{@code
 * list("newsletter").subscribed()
 * list("newsletter").anyStatus()
 * }</pre>
 */
@CheckReturnValue
public final class ListBuilder {
  private final String list;

  ListBuilder(String list) {
    this.list = list;
    new ListCondition(list, null, null); // checks the name where it is given
  }

  public ListCondition subscribed() {
    return status(ListStatus.SUBSCRIBED);
  }

  public ListCondition unsubscribed() {
    return status(ListStatus.UNSUBSCRIBED);
  }

  public ListCondition bounced() {
    return status(ListStatus.BOUNCED);
  }

  public ListCondition unconfirmed() {
    return status(ListStatus.UNCONFIRMED);
  }

  /** Any status on the list. */
  public ListCondition anyStatus() {
    return new ListCondition(list, null, null);
  }

  public ListCondition status(ListStatus status) {
    if (status == null) {
      throw new NullPointerException("status must not be null; use anyStatus()");
    }
    return new ListCondition(list, status, null);
  }
}
