package org.segmentdsl;

import org.jspecify.annotations.Nullable;

/**
 * A deal or account mutation of a {@link ContactIndex} was refused: the message names the deal or
 * account and, where there is one, the field. The index is unchanged (the whole batch).
 */
public final class InvalidEntityException extends SegmentDslException {
  private static final long serialVersionUID = 1L;

  /** {@code "deal"} or {@code "account"}. */
  private final String entity;
  /** The deal's or account's id as given. */
  private final String id;
  /** The field at fault, or {@code null}. */
  private final String field;

  /**
   * @param entity {@code "deal"} or {@code "account"}
   * @param id the deal's or account's id as given
   * @param field the field at fault, or {@code null}
   * @param message what is wrong
   */
  public InvalidEntityException(String entity, @Nullable String id, @Nullable String field,
      String message) {
    super(describe(entity, id, field, message));
    this.entity = entity;
    this.id = id;
    this.field = field;
  }

  private static String describe(String entity, String id, String field, String message) {
    StringBuilder sb = new StringBuilder(entity).append(' ');
    sb.append(id == null ? "(no id)" : Names.showName(id));
    if (field != null) {
      sb.append(", field ").append(Names.showName(field));
    }
    return sb.append(": ").append(message).toString();
  }

  /** {@return {@code "deal"} or {@code "account"}} */
  public String entity() {
    return entity;
  }

  /**
   * {@return the deal's or account's id as given (may be null or empty when that is the problem)}
   */
  public @Nullable String id() {
    return id;
  }

  /** {@return the field at fault, or {@code null}} */
  public @Nullable String field() {
    return field;
  }
}
