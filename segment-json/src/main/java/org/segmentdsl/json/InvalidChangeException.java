package org.segmentdsl.json;

import java.util.Objects;
import org.segmentdsl.InvalidContactException;
import org.segmentdsl.InvalidEntityException;
import org.segmentdsl.SegmentDslException;

/**
 * A change of a change stream cannot apply at its point of the batch (a contact or account that
 * does not exist there, ...), so the whole line is rejected. A contact or account that must exist
 * and does not is found before the batch is asked (no cause); anything else the batch refuses
 * has the batch's {@link InvalidContactException} or {@link InvalidEntityException} as its cause.
 */
public final class InvalidChangeException extends SegmentDslException {
  private static final long serialVersionUID = 1L;

  private final transient ChangeLine.Rejected rejected;

  InvalidChangeException(ChangeLine.Rejected rejected, RuntimeException cause) {
    super(rejected.located(), cause);
    this.rejected = Objects.requireNonNull(rejected, "rejected");
  }

  /**
   * {@return the line as rejected: where it is and what is wrong (the message names the change)}
   * Not kept when the exception is serialized: {@code null} then.
   */
  public ChangeLine.Rejected rejected() {
    return rejected;
  }
}
