package org.segmentdsl;

/**
 * A signal that stops the evaluations it was given to: create one, pass it with {@link
 * EvaluationContext#withCancellation}, and call {@link #cancel} from any thread. Each evaluation
 * using it then stops at its next check with an {@link EvaluationCancelledException}; evaluations
 * check often enough (every thousand or so steps of the loops that grow with the data) that a
 * cancelled one stops within milliseconds.
 *
 * <pre>{@code
 * Cancellation stop = new Cancellation();
 * executor.submit(() -> index.evaluate(segment, ctx.withCancellation(stop)));
 * // later, on another thread:
 * stop.cancel();
 * }</pre>
 *
 * <p>Thread-safe. Once cancelled, a token stays cancelled: use a new one for new evaluations.
 */
public final class Cancellation {
  private volatile boolean cancelled;

  /** A token not yet cancelled. */
  public Cancellation() {}

  /** Cancels every evaluation that uses this token, now and from now on. */
  public void cancel() {
    cancelled = true;
  }

  /** {@return whether {@link #cancel} was called} */
  public boolean isCancelled() {
    return cancelled;
  }

  @Override
  public String toString() {
    return cancelled ? "Cancellation[cancelled]" : "Cancellation[not cancelled]";
  }
}
