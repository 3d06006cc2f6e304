package org.segmentdsl;

import org.jspecify.annotations.Nullable;

/**
 * A mutation of a {@link ContactIndex} was refused: the message names the contact and, where
 * there is one, the field. The index is unchanged (the whole batch).
 */
public final class InvalidContactException extends SegmentDslException {
  private static final long serialVersionUID = 1L;

  /** The contact's id as given. */
  private final String contactId;
  /** The field at fault, or {@code null}. */
  private final String field;

  /**
   * @param contactId the contact's id as given, or {@code null} if it has none
   * @param field the field at fault, or {@code null}
   * @param message what is wrong
   */
  public InvalidContactException(@Nullable String contactId, @Nullable String field,
      String message) {
    super(describe(contactId, field, message));
    this.contactId = contactId;
    this.field = field;
  }

  private static String describe(String contactId, String field, String message) {
    StringBuilder sb = new StringBuilder("contact ");
    sb.append(contactId == null ? "(no id)" : Names.showName(contactId));
    if (field != null) {
      sb.append(", field ").append(Names.showName(field));
    }
    return sb.append(": ").append(message).toString();
  }

  /** {@return the contact's id as given (may be null or empty when that is the problem)} */
  public @Nullable String contactId() {
    return contactId;
  }

  /** {@return the field at fault, or {@code null}} */
  public @Nullable String field() {
    return field;
  }
}
