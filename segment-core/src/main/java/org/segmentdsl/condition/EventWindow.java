package org.segmentdsl.condition;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The time window of an event condition: {@link Last} ({@code now - D < t <= now}) or {@link
 * Range} ({@code from <= t < to}, either bound open). No window means every recorded event.
 *
 * <pre>{@code
 * new EventWindow.Last(TimeSpan.parse("P14D"));
 * EventWindow.Range.of(Instant.parse("2026-11-01T00:00:00Z"), null); // from 1 November on
 * }</pre>
 */
public sealed interface EventWindow permits EventWindow.Last, EventWindow.Range {

  /** {@code now - span < t <= now}. */
  record Last(TimeSpan span) implements EventWindow {
    /**
     * Checks the span.
     *
     * @param span the window's length, not null
     */
    public Last {
      Objects.requireNonNull(span, "span");
    }
  }

  /**
   * {@code from <= t < to}. Bounds are instants with an offset or bare dates (midnight in the
   * context's zone), as text; at least one is given. When both have the same form, {@code from <
   * to} is checked here; otherwise when the zone is known, at evaluation.
   *
   * @param from inclusive lower bound, or {@code null}
   * @param to exclusive upper bound, or {@code null}
   */
  record Range(Literal.@Nullable Text from, Literal.@Nullable Text to) implements EventWindow {
    /**
     * Checks the bounds.
     *
     * @param from inclusive lower bound, or {@code null}
     * @param to exclusive upper bound, or {@code null}
     * @throws IllegalArgumentException if both are null, a bound is neither an instant with an
     *     offset nor a date, is out of range, or {@code from} is not before {@code to}
     */
    public Range {
      if (from == null && to == null) {
        throw new IllegalArgumentException("a window needs from, to or both");
      }
      check("from", from);
      check("to", to);
      if (from != null && to != null) {
        Optional<LocalDate> df = from.asDate();
        Optional<LocalDate> dt = to.asDate();
        Optional<Instant> inf = from.asInstant();
        Optional<Instant> int2 = to.asInstant();
        boolean reversed = df.isPresent() && dt.isPresent() ? !df.get().isBefore(dt.get())
            : inf.isPresent() && int2.isPresent() && !inf.get().isBefore(int2.get());
        if (reversed) {
          throw new IllegalArgumentException(
              "window needs from < to, got from " + from + " and to " + to);
        }
      }
    }

    private static void check(String what, Literal.Text t) {
      if (t != null && t.isOutOfRange()) {
        throw new IllegalArgumentException(what + ": " + t.rangeProblem());
      }
      if (t != null && !t.isTemporal()) {
        throw new IllegalArgumentException(what + " must be an ISO-8601 instant with offset or a"
            + " date YYYY-MM-DD, got " + t);
      }
    }

    /**
     * Between two instants: {@code from <= t < to}.
     *
     * @param from inclusive lower bound, or {@code null} for none
     * @param to exclusive upper bound, or {@code null} for none
     * @return the window
     * @throws IllegalArgumentException if both are null or {@code from} is not before {@code to}
     */
    public static Range of(@Nullable Instant from, @Nullable Instant to) {
      return new Range(from == null ? null : (Literal.Text) Literal.of(from),
          to == null ? null : (Literal.Text) Literal.of(to));
    }

    /**
     * Between two dates, each meaning midnight at its start in the evaluation context's zone.
     *
     * @param from inclusive first day, or {@code null} for none
     * @param to exclusive end day, or {@code null} for none
     * @return the window
     * @throws IllegalArgumentException if both are null or {@code from} is not before {@code to}
     */
    public static Range of(@Nullable LocalDate from, @Nullable LocalDate to) {
      return new Range(from == null ? null : (Literal.Text) Literal.of(from),
          to == null ? null : (Literal.Text) Literal.of(to));
    }
  }
}
