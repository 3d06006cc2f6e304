package org.segmentdsl.internal.snapshot;

import org.segmentdsl.InvalidSnapshotException;

/**
 * Thrown inside the snapshot reader when the file is damaged; the public entry point turns it into
 * an {@link InvalidSnapshotException} naming the file.
 */
public final class SnapshotDamage extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final InvalidSnapshotException.Problem problem;

  public SnapshotDamage(InvalidSnapshotException.Problem problem, String detail) {
    super(detail, null, false, false);
    this.problem = problem;
  }

  /** The kind of damage. */
  public InvalidSnapshotException.Problem problem() {
    return problem;
  }

  /** The exception to give the caller, naming the file. */
  public InvalidSnapshotException toException(String file) {
    return new InvalidSnapshotException(file, problem, getMessage());
  }
}
