package org.segmentdsl;

/**
 * A mutation of a {@link ContactIndex} was refused: the message names the contact and, where
 * there is one, the field. The index is unchanged (the whole batch).
 */
public final class InvalidContactException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final String contactId;
  private final String field;

  public InvalidContactException(String contactId, String field, String message) {
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

  /** The contact's id as given (may be null or empty when that is the problem). */
  public String contactId() {
    return contactId;
  }

  /** The field at fault, or {@code null}. */
  public String field() {
    return field;
  }
}
