package org.segmentdsl.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.segmentdsl.Cancellation;
import org.segmentdsl.EvaluationCancelledException;
import org.segmentdsl.EvaluationContext;

/**
 * The limits of one evaluation ({@link EvaluationContext#deadline}, {@link
 * EvaluationContext#timeout}, {@link EvaluationContext#cancellation}), checked by the loops that
 * grow with the data. {@link #tick} is cheap enough to call on every step: it counts, and reads the
 * clock and the token only every {@value #STEPS} steps.
 *
 * <p>Not thread-safe: one evaluation, one thread; the threads that help with an evaluation each
 * take a {@link #fork}. {@link #UNLIMITED} never changes and may be shared.
 */
public final class Budget {
  private static final int STEPS = 1024;
  private static final Duration CENTURY = Duration.ofDays(36_525);
  /** "No deadline", in nanoseconds from the start. */
  private static final long NEVER = Long.MAX_VALUE;

  /** No limit: every check passes. */
  public static final Budget UNLIMITED = new Budget(false, 0, null, null);

  private final boolean hasDeadline;
  private final long deadlineNanos; // on System.nanoTime's scale
  private final String deadlineText; // what the message says passed
  private final Cancellation cancellation;
  private final boolean limited;
  private int steps;

  private Budget(boolean hasDeadline, long deadlineNanos, String deadlineText,
      Cancellation cancellation) {
    this.hasDeadline = hasDeadline;
    this.deadlineNanos = deadlineNanos;
    this.deadlineText = deadlineText;
    this.cancellation = cancellation;
    this.limited = hasDeadline || cancellation != null;
  }

  /**
   * The budget of an evaluation starting now under {@code context}'s limits; checked once at once,
   * so an evaluation past its deadline or cancelled before it starts does no work.
   *
   * @throws EvaluationCancelledException if a limit has passed already
   */
  public static Budget start(EvaluationContext context) {
    Cancellation cancellation = context.cancellation().orElse(null);
    Instant deadline = context.deadline().orElse(null);
    Duration timeout = context.timeout().orElse(null);
    if (deadline == null && timeout == null && cancellation == null) {
      return UNLIMITED;
    }
    long remaining = NEVER;
    String text = null;
    if (timeout != null) {
      remaining = cappedNanos(timeout);
      text = "its timeout of " + describe(timeout);
    }
    if (deadline != null) {
      long untilDeadline = cappedNanos(Duration.between(Clock.systemUTC().instant(), deadline));
      if (untilDeadline <= remaining) {
        remaining = untilDeadline;
        text = "its deadline " + deadline;
      }
    }
    boolean hasDeadline = remaining < NEVER;
    Budget budget = new Budget(hasDeadline, System.nanoTime() + (hasDeadline ? remaining : 0),
        text, cancellation);
    budget.check();
    return budget;
  }

  /**
   * A duration in nanoseconds, 0 if negative, {@link #NEVER} if a century or more (then the
   * difference of two {@code nanoTime} values cannot overflow).
   */
  private static long cappedNanos(Duration d) {
    if (d.isNegative()) {
      return 0;
    }
    return d.compareTo(CENTURY) >= 0 ? NEVER : d.toNanos();
  }

  /** {@code 2 s}, {@code 250 ms}, {@code 3 µs}: the unit that shows the duration exactly. */
  private static String describe(Duration d) {
    if (d.getNano() == 0) {
      return d.getSeconds() + " s";
    }
    if (d.getNano() % 1_000_000 == 0 && d.getSeconds() < Long.MAX_VALUE / 1000) {
      return d.toMillis() + " ms";
    }
    return d.toString();
  }

  /** One step of a loop that grows with the data; checks the limits every {@value #STEPS}. */
  public void tick() {
    if (limited && ++steps >= STEPS) {
      steps = 0;
      check();
    }
  }

  /**
   * A budget with the same limits (the same deadline, the same token) and a count of its own, for
   * another thread's share of the same evaluation.
   */
  public Budget fork() {
    return limited ? new Budget(hasDeadline, deadlineNanos, deadlineText, cancellation) : this;
  }

  /** {@code n} steps at once. */
  public void tick(int n) {
    if (limited) {
      steps += n;
      if (steps >= STEPS || steps < 0) {
        steps = 0;
        check();
      }
    }
  }

  /**
   * Checks the limits now.
   *
   * @throws EvaluationCancelledException if the cancellation was signalled or the deadline passed
   */
  public void check() {
    if (!limited) {
      return;
    }
    if (cancellation != null && cancellation.isCancelled()) {
      throw new EvaluationCancelledException(EvaluationCancelledException.Reason.CANCELLED,
          "evaluation was cancelled");
    }
    if (hasDeadline && System.nanoTime() - deadlineNanos >= 0) {
      throw new EvaluationCancelledException(EvaluationCancelledException.Reason.DEADLINE,
          "evaluation passed " + deadlineText);
    }
  }
}
