package org.segmentdsl.json;

import java.util.Objects;
import org.segmentdsl.InvalidContactException;
import org.segmentdsl.InvalidEntityException;

/**
 * An index batch refused a change of a change stream at its point of the batch (a contact or
 * account that does not exist there, ...), so the whole line is rejected. The cause is the
 * batch's {@link InvalidContactException} or {@link InvalidEntityException}.
 */
public final class InvalidChangeException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final transient ChangeLine.Rejected rejected;

  InvalidChangeException(ChangeLine.Rejected rejected, RuntimeException cause) {
    super(rejected.located(), cause);
    this.rejected = Objects.requireNonNull(rejected, "rejected");
  }

  /** The line as rejected: where it is and what is wrong (the message names the change). */
  public ChangeLine.Rejected rejected() {
    return rejected;
  }
}
