package org.segmentdsl;

/**
 * An evaluation stopped before its end because its {@linkplain EvaluationContext#withDeadline
 * deadline} or {@linkplain EvaluationContext#withTimeout timeout} passed, or its {@linkplain
 * EvaluationContext#withCancellation cancellation} was signalled. Nothing of the evaluation is
 * kept: the index and its snapshots are as they were, and the same evaluation may be run again.
 */
public final class EvaluationCancelledException extends SegmentDslException {
  private static final long serialVersionUID = 1L;

  /** Which limit stopped the evaluation. */
  public enum Reason {
    /** The deadline, or the timeout, passed. */
    DEADLINE,
    /** The cancellation token was cancelled. */
    CANCELLED
  }

  /** Which limit stopped the evaluation. */
  private final Reason reason;

  /**
   * @param reason which limit passed
   * @param message what passed, in words: "evaluation passed its deadline 2026-12-04T05:00:00Z"
   */
  public EvaluationCancelledException(Reason reason, String message) {
    super(message);
    this.reason = java.util.Objects.requireNonNull(reason, "reason");
  }

  /** {@return which limit stopped the evaluation} */
  public Reason reason() {
    return reason;
  }
}
