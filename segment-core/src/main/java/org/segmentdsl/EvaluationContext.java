package org.segmentdsl;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ForkJoinPool;

/**
 * The instant and time zone a segment is evaluated at, the saved segments its references resolve
 * against, and the limits that stop an evaluation that runs too long. {@code today} is the
 * calendar date of {@code now} in {@code zone}; a bare date used as an instant means midnight of
 * that date in {@code zone}.
 *
 * <pre>{@code
 * EvaluationContext ctx = EvaluationContext.of(Instant.parse("2026-11-28T12:00:00Z"),
 *     ZoneId.of("America/New_York"))
 *     .withTimeout(Duration.ofSeconds(2));
 * }</pre>
 *
 * <h2>Limits</h2>
 *
 * Work grows with the data, so an evaluation ({@code evaluate} or {@code explain} of a {@link
 * ContactIndex} or {@link IndexSnapshot}) can be bounded: by a {@linkplain #withDeadline deadline}
 * (an instant), a {@linkplain #withTimeout timeout} (a duration from the start of each evaluation
 * using this context), a {@linkplain #withCancellation cancellation} token, or any of them
 * together. When one passes the evaluation throws an {@link EvaluationCancelledException} that
 * says which; it checks them every thousand or so steps of its loops, so it stops within
 * milliseconds. By default there is no limit. {@link LiveSegments} ignore the limits: their
 * updates run under the index's write lock and must finish.
 *
 * <h2>Threads</h2>
 *
 * An evaluation runs on the calling thread, and splits its largest loops (the contacts whose
 * events it must decode, when there are tens of thousands) into chunks that the threads of a
 * {@link ForkJoinPool} take too: by default the {@linkplain ForkJoinPool#commonPool() common
 * pool}, or the one given to {@link #withPool}; {@link #sequential} keeps all the work on the
 * calling thread. The calling thread takes chunks itself and never waits for a chunk no thread
 * has taken, so a busy or small pool slows an evaluation down to one thread's speed, never
 * further; the answer is the same either way. The limits hold in every thread.
 *
 * <p>An immutable value (equal when all its parts are equal); thread-safe.
 */
public final class EvaluationContext {
  private final Instant now;
  private final ZoneId zone;
  private final SegmentRegistry segments;
  private final Instant deadline; // null: none
  private final Duration timeout; // null: none
  private final Cancellation cancellation; // null: none
  private final ForkJoinPool pool; // null: the calling thread alone

  /**
   * At {@code now} in {@code zone}, resolving references against {@code segments}, without limits.
   *
   * @param now the instant "now" means, not null
   * @param zone the zone dates are read in, not null
   * @param segments the saved segments that {@code inSegment(id)} references resolve against,
   *     not null
   */
  public EvaluationContext(Instant now, ZoneId zone, SegmentRegistry segments) {
    this(now, zone, segments, null, null, null, ForkJoinPool.commonPool());
  }

  /**
   * At {@code now} in {@code zone}, without saved segments, without limits.
   *
   * @param now the instant "now" means, not null
   * @param zone the zone dates are read in, not null
   */
  public EvaluationContext(Instant now, ZoneId zone) {
    this(now, zone, SegmentRegistry.empty());
  }

  private EvaluationContext(Instant now, ZoneId zone, SegmentRegistry segments, Instant deadline,
      Duration timeout, Cancellation cancellation, ForkJoinPool pool) {
    this.now = Objects.requireNonNull(now, "now");
    this.zone = Objects.requireNonNull(zone, "zone");
    this.segments = Objects.requireNonNull(segments, "segments");
    this.deadline = deadline;
    this.timeout = timeout;
    this.cancellation = cancellation;
    this.pool = pool;
  }

  /**
   * At {@code now} in {@code zone}, without saved segments, without limits.
   *
   * @param now the instant "now" means, not null
   * @param zone the zone dates are read in, not null
   * @return the context
   */
  public static EvaluationContext of(Instant now, ZoneId zone) {
    return new EvaluationContext(now, zone);
  }

  /**
   * At {@code now} in UTC, without saved segments, without limits.
   *
   * @param now the instant "now" means, not null
   * @return the context
   */
  public static EvaluationContext at(Instant now) {
    return new EvaluationContext(now, ZoneOffset.UTC);
  }

  /** {@return a context at the current time of the system clock, in UTC} */
  public static EvaluationContext current() {
    return new EvaluationContext(Clock.systemUTC().instant(), ZoneOffset.UTC);
  }

  /** {@return the instant "now" means} */
  public Instant now() {
    return now;
  }

  /** {@return the zone dates are read in} */
  public ZoneId zone() {
    return zone;
  }

  /** {@return the saved segments that {@code inSegment(id)} references resolve against} */
  public SegmentRegistry segments() {
    return segments;
  }

  /** {@return the instant evaluations must stop by, if one was set} */
  public Optional<Instant> deadline() {
    return Optional.ofNullable(deadline);
  }

  /** {@return how long each evaluation may run, from its start, if a timeout was set} */
  public Optional<Duration> timeout() {
    return Optional.ofNullable(timeout);
  }

  /** {@return the token that cancels evaluations, if one was set} */
  public Optional<Cancellation> cancellation() {
    return Optional.ofNullable(cancellation);
  }

  /**
   * The pool whose threads help with an evaluation's largest loops; empty if it runs on the
   * calling thread alone. By default the common pool.
   *
   * @return the pool, or empty
   */
  public Optional<ForkJoinPool> pool() {
    return Optional.ofNullable(pool);
  }

  /**
   * This context in another zone.
   *
   * @param zone the zone dates are read in, not null
   * @return a context that differs from this one only in the zone
   */
  public EvaluationContext withZone(ZoneId zone) {
    return new EvaluationContext(now, zone, segments, deadline, timeout, cancellation, pool);
  }

  /**
   * This context with the saved segments that references resolve against.
   *
   * @param segments the saved segments, not null
   * @return a context that differs from this one only in the saved segments
   */
  public EvaluationContext withSegments(SegmentRegistry segments) {
    return new EvaluationContext(now, zone, segments, deadline, timeout, cancellation, pool);
  }

  /**
   * This context with a deadline: an evaluation still running at {@code deadline} (read on the
   * system clock, not {@link #now}) stops with an {@link EvaluationCancelledException}; one that
   * starts after it stops at once.
   *
   * @param deadline the instant evaluations must stop by, not null
   * @return this context with that deadline (replacing any earlier one)
   */
  public EvaluationContext withDeadline(Instant deadline) {
    return new EvaluationContext(now, zone, segments, Objects.requireNonNull(deadline, "deadline"),
        timeout, cancellation, pool);
  }

  /**
   * This context with a timeout: each evaluation using it that runs longer than {@code timeout}
   * from its start stops with an {@link EvaluationCancelledException}.
   *
   * @param timeout how long each evaluation may run, from its start, not null
   * @return this context with that timeout (replacing any earlier one)
   * @throws IllegalArgumentException if {@code timeout} is negative
   */
  public EvaluationContext withTimeout(Duration timeout) {
    if (Objects.requireNonNull(timeout, "timeout").isNegative()) {
      throw new IllegalArgumentException("timeout must not be negative, got " + timeout);
    }
    return new EvaluationContext(now, zone, segments, deadline, timeout, cancellation, pool);
  }

  /**
   * This context with a cancellation token: once {@link Cancellation#cancel} is called, each
   * evaluation using it stops with an {@link EvaluationCancelledException}.
   *
   * @param cancellation the token, not null
   * @return this context with that token (replacing any earlier one)
   */
  public EvaluationContext withCancellation(Cancellation cancellation) {
    return new EvaluationContext(now, zone, segments, deadline, timeout,
        Objects.requireNonNull(cancellation, "cancellation"), pool);
  }

  /**
   * This context with the pool whose threads help with an evaluation's largest loops (see
   * Threads, above).
   *
   * @param pool the pool, not null
   * @return this context with that pool
   */
  public EvaluationContext withPool(ForkJoinPool pool) {
    return new EvaluationContext(now, zone, segments, deadline, timeout, cancellation,
        Objects.requireNonNull(pool, "pool"));
  }

  /** {@return this context with every evaluation on the calling thread alone} */
  public EvaluationContext sequential() {
    return new EvaluationContext(now, zone, segments, deadline, timeout, cancellation, null);
  }

  /** {@return the calendar date of {@code now} in {@code zone}} */
  public LocalDate today() {
    return LocalDate.ofInstant(now, zone);
  }

  /**
   * {@return midnight at the start of {@code date} in {@code zone}} On a day that starts with a
   * daylight-saving gap, that is the first instant of the day.
   *
   * @param date the date, not null
   */
  public Instant startOf(LocalDate date) {
    return date.atStartOfDay(zone).toInstant();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EvaluationContext c && now.equals(c.now) && zone.equals(c.zone)
        && segments.equals(c.segments) && Objects.equals(deadline, c.deadline)
        && Objects.equals(timeout, c.timeout) && Objects.equals(cancellation, c.cancellation)
        && pool == c.pool;
  }

  @Override
  public int hashCode() {
    return Objects.hash(now, zone, segments, deadline, timeout, cancellation,
        System.identityHashCode(pool));
  }

  @Override
  public String toString() {
    return "EvaluationContext[now=" + now + ", zone=" + zone + ", segments=" + segments
        + (deadline == null ? "" : ", deadline=" + deadline)
        + (timeout == null ? "" : ", timeout=" + timeout)
        + (cancellation == null ? "" : ", " + cancellation)
        + (pool == null ? ", sequential" : pool == ForkJoinPool.commonPool() ? "" : ", " + pool)
        + "]";
  }
}
