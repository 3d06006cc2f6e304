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

  /** {@return a condition: subscribed to the list} */
  public ListCondition subscribed() {
    return status(ListStatus.SUBSCRIBED);
  }

  /** {@return a condition: unsubscribed from the list} */
  public ListCondition unsubscribed() {
    return status(ListStatus.UNSUBSCRIBED);
  }

  /** {@return a condition: status {@link ListStatus#BOUNCED} on the list} */
  public ListCondition bounced() {
    return status(ListStatus.BOUNCED);
  }

  /** {@return a condition: status {@link ListStatus#UNCONFIRMED} on the list} */
  public ListCondition unconfirmed() {
    return status(ListStatus.UNCONFIRMED);
  }

  /** {@return a condition: any status on the list (a contact that never joined it has none)} */
  public ListCondition anyStatus() {
    return new ListCondition(list, null, null);
  }

  /**
   * That status on the list: the generic form of {@link #subscribed()} and the others.
   *
   * @param status the status, not null (use {@link #anyStatus()} for any)
   * @return the list condition
   */
  public ListCondition status(ListStatus status) {
    if (status == null) {
      throw new NullPointerException("status must not be null; use anyStatus()");
    }
    return new ListCondition(list, status, null);
  }
}
