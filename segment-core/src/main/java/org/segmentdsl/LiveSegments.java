package org.segmentdsl;

import java.lang.System.Logger.Level;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;
import org.roaringbitmap.RoaringBitmap;
import org.segmentdsl.internal.table.IndexData;
import org.segmentdsl.internal.write.Changes;

/**
 * Segments that stay current as a {@link ContactIndex} changes and as time passes, and tell
 * listeners which contacts entered and left them: what starts and stops automations.
 *
 * <pre>{@code
 * LiveSegments live = LiveSegments.builder(index).segments(saved).build();
 * LiveSegment carts = live.register(abandonedCart, ZoneId.of("Europe/Paris"),
 *     SegmentListener.of(
 *         change -> change.entered().forEach(mailer::sendCartReminder),
 *         resync -> mailer.reconcileCartReminders(resync.members())));
 * index.update(batch -> batch.record(Event.of("c-1", "checkout_started", Instant.now())));
 * live.tickEvery(Duration.ofMinutes(1)); // time alone moves contacts out of "in the last day"
 * }</pre>
 *
 * <h2>What is reported</h2>
 *
 * <p>Every <em>step</em> (a committed {@link ContactIndex#update batch}, a {@link
 * ContactIndex#dropEventsBefore drop of old events}, or an advance of time) recomputes each live
 * segment's membership as if the segment were evaluated from scratch on the new state at {@link
 * #now()} in its zone, and each of its listeners receives one {@link SegmentChange} with the
 * contacts that entered and exited, if any did. Registering reports nothing; a step that changes
 * nothing, and a batch that is refused, report nothing. A contact removed while a member exits; a
 * contact removed and added back in one batch is judged by its membership before and after the
 * batch. {@link ContactIndex#compact} is not a step: it changes no answer.
 *
 * <h2>Time</h2>
 *
 * <p>{@code now} starts at the {@linkplain Builder#clock clock}'s instant and moves only by {@link
 * #advanceTo} (deterministic: tests and replays), {@link #tick} (to the clock's instant) or {@link
 * #tickEvery} (a tick on a schedule). It never moves backwards. Batches are evaluated at the
 * current {@code now}; an advance reports the contacts that time alone moved: windows such as
 * {@code inLast}, {@code olderThan}, {@code inNext}, event windows {@code last}, and {@code
 * anniversary} when the day changes in the segment's zone.
 *
 * <h2>Cost</h2>
 *
 * <p>After a batch only the contacts it touched are tested again: the contacts it changed, added,
 * removed or recorded events of, the owners (before and after) of the deals it changed, and the
 * contacts of the accounts it changed; segments that reference others are tested on the same
 * contacts, since a referenced segment can change only there. A single-contact batch therefore
 * costs about the same whatever the size of the index. An advance of time tests only the contacts
 * with a value or an event between a window's old and new edge (event windows are resolved to
 * UTC days, so a short advance still tests the contacts with events on the edge days). A drop of
 * old events re-evaluates every live segment in full.
 *
 * <p>Live segments take no {@linkplain EvaluationContext#withDeadline deadline}, timeout or
 * {@linkplain EvaluationContext#withCancellation cancellation}: their steps run under the index's
 * write lock and must complete, or the segments would miss changes. Bound the work by the
 * segments registered instead; a segment too costly to keep live can be evaluated on demand with
 * limits.
 *
 * <h2>Delivery and thread safety</h2>
 *
 * <p>All methods are thread-safe. Steps are computed by the thread that commits the batch or
 * advances time, under the index's write lock, so they follow the commit order; notifications are
 * then queued per listener and delivered asynchronously by the {@linkplain Builder#executor
 * executor}, one at a time per listener, in step order, exactly once. A listener that is slow,
 * blocks or throws never delays writers or other listeners (with the default executor, which
 * gives a blocked listener a thread of its own). A listener whose queue holds {@linkplain
 * Builder#queueCapacity capacity} notifications when the next arrives has them replaced by one
 * {@link SegmentResync} with the whole membership, so it never misses a change silently and never
 * holds an unbounded backlog. Closing a {@link LiveSegment} or a listener's {@link Handle} stops
 * its deliveries (a call in progress completes); {@link #close} detaches everything from the
 * index.
 */
public final class LiveSegments implements AutoCloseable {
  private static final System.Logger LOG = System.getLogger(LiveSegments.class.getName());
  private static final AtomicInteger THREADS = new AtomicInteger();

  private final ContactIndex index;
  private final Clock clock;
  private final SegmentRegistry segments;
  private final int queueCapacity;
  private final Executor executor;
  private final ExecutorService ownedExecutor;
  private final BiConsumer<? super LiveSegment, ? super Throwable> errorHandler;
  /** In registration order; written under the index's write lock. */
  private final List<LiveSegment> live = new CopyOnWriteArrayList<>();
  private volatile Instant now;
  private long step; // under the write lock
  private volatile boolean closed;
  private ScheduledExecutorService ticker; // guarded by this

  private LiveSegments(Builder b) {
    this.index = b.index;
    this.clock = b.clock;
    this.segments = b.segments;
    this.queueCapacity = b.queueCapacity;
    this.errorHandler = b.errorHandler;
    if (b.executor == null) {
      ExecutorService pool = Executors.newCachedThreadPool(daemon("segment-live-delivery-"));
      this.ownedExecutor = pool;
      this.executor = pool;
    } else {
      this.ownedExecutor = null;
      this.executor = b.executor;
    }
    this.now = clock.instant();
  }

  /**
   * Live segments on {@code index}, to configure.
   *
   * @param index the index, not null
   * @return a builder with the defaults
   */
  public static Builder builder(ContactIndex index) {
    return new Builder(index);
  }

  /**
   * Live segments on {@code index} with the defaults: the UTC system clock, no saved segments.
   *
   * @param index the index, not null
   * @return the live segments, attached to the index
   */
  public static LiveSegments on(ContactIndex index) {
    return builder(index).build();
  }

  /** How live segments are set up. */
  public static final class Builder {
    private final ContactIndex index;
    private Clock clock = Clock.systemUTC();
    private SegmentRegistry segments = SegmentRegistry.empty();
    private int queueCapacity = 1024;
    private Executor executor;
    private BiConsumer<? super LiveSegment, ? super Throwable> errorHandler =
        (segment, error) -> LOG.log(Level.WARNING,
            "listener of live segment \"" + segment.key() + "\" failed", error);

    private Builder(ContactIndex index) {
      this.index = Objects.requireNonNull(index, "index");
    }

    /**
     * Where {@code now} starts and where {@link #tick} takes it; default the UTC system clock.
     *
     * @param clock the clock, not null
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * The saved segments that references ({@code inSegment(id)}) resolve against; default none.
     *
     * @param segments the saved segments, not null
     * @return this builder
     */
    public Builder segments(SegmentRegistry segments) {
      this.segments = Objects.requireNonNull(segments, "segments");
      return this;
    }

    /**
     * How many notifications a listener may have waiting before they are replaced by a {@link
     * SegmentResync}; default 1024.
     *
     * @param capacity the most notifications waiting per listener, at least 1
     * @return this builder
     * @throws IllegalArgumentException if {@code capacity} is less than 1
     */
    public Builder queueCapacity(int capacity) {
      if (capacity < 1) {
        throw new IllegalArgumentException("queue capacity must be at least 1, got " + capacity);
      }
      this.queueCapacity = capacity;
      return this;
    }

    /**
     * Runs the deliveries; default a pool of daemon threads that grows as listeners block, owned
     * and shut down by {@link LiveSegments#close}. A direct executor ({@code Runnable::run})
     * delivers on the writer's thread before {@code update} or {@code advanceTo} returns: handy
     * for tools and tests, but then a slow listener slows the writers, and a listener must not
     * write to the index.
     *
     * @param executor the executor, not null; not shut down by {@link LiveSegments#close}
     * @return this builder
     */
    public Builder executor(Executor executor) {
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /**
     * Told when a listener throws; default a warning through {@link System.Logger}.
     *
     * @param handler receives the live segment whose listener threw and what it threw, not null
     * @return this builder
     */
    public Builder errorHandler(BiConsumer<? super LiveSegment, ? super Throwable> handler) {
      this.errorHandler = Objects.requireNonNull(handler, "handler");
      return this;
    }

    /**
     * Attaches the live segments to the index.
     *
     * @return the live segments, with {@code now} at the clock's instant and no segment yet
     */
    public LiveSegments build() {
      LiveSegments live = new LiveSegments(this);
      index.attach(live);
      return live;
    }
  }

  /** Something to stop: a listener, or a tick schedule. */
  public interface Handle extends AutoCloseable {
    /** Stops it; calling it again does nothing. */
    @Override
    void close();
  }

  /** {@return the index} */
  public ContactIndex index() {
    return index;
  }

  /** {@return the instant the memberships are computed at} */
  public Instant now() {
    return now;
  }

  /** {@return the saved segments references resolve against} */
  public SegmentRegistry savedSegments() {
    return segments;
  }

  /** {@return the live segments, in registration order (a copy)} */
  public List<LiveSegment> segments() {
    return List.copyOf(live);
  }

  /**
   * Registers a segment under its id: see {@link #register(String, Segment, ZoneId,
   * SegmentListener...)}.
   *
   * @param segment the segment, not null, with an id
   * @param zone the zone its dates are read in, not null
   * @param listeners its first listeners, none null
   * @return the live segment
   * @throws IllegalArgumentException if the segment has no id, or its id is taken as a key
   * @throws InvalidSegmentException if the segment does not fit the schema or references an
   *     unknown segment
   */
  public LiveSegment register(Segment segment, ZoneId zone, SegmentListener... listeners) {
    Objects.requireNonNull(segment, "segment");
    if (segment.id() == null) {
      throw new IllegalArgumentException("a segment without an id needs a key: use "
          + "register(key, segment, zone, listeners...)");
    }
    return register(segment.id(), segment, zone, listeners);
  }

  /**
   * Registers a segment, evaluated in {@code zone} at {@link #now()}, with its first listeners.
   * Computes its membership and reports nothing: the first notification follows the first step
   * that changes it.
   *
   * @param key the name notifications carry; unique among these live segments
   * @param segment the segment, not null
   * @param zone the zone its dates are read in, not null
   * @param listeners its first listeners, none null
   * @return the live segment
   * @throws InvalidSegmentException if the segment does not fit the schema or references an
   *     unknown segment
   * @throws IllegalArgumentException if the key is taken
   * @throws IllegalStateException if these live segments are closed, or the call comes from
   *     inside an update batch
   */
  public LiveSegment register(String key, Segment segment, ZoneId zone,
      SegmentListener... listeners) {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(segment, "segment");
    Objects.requireNonNull(zone, "zone");
    for (SegmentListener l : listeners) {
      Objects.requireNonNull(l, "listener");
    }
    return index.exclusive(false, () -> {
      checkOpen();
      for (LiveSegment s : live) {
        if (s.key().equals(key)) {
          throw new IllegalArgumentException("a live segment \"" + key + "\" is registered");
        }
      }
      IndexData data = index.snapshot().data();
      LiveSegment s = new LiveSegment(this, key, segment, zone, data,
          new EvaluationContext(now, zone, segments));
      for (SegmentListener l : listeners) {
        s.addListener(l);
      }
      live.add(s);
      return s;
    });
  }

  /**
   * Moves {@code now} to {@code instant} and reports the contacts that time alone moved in or
   * out. Advancing to the current {@code now} is a step that changes nothing.
   *
   * @param instant the new {@code now}, not null
   * @throws IllegalArgumentException if {@code instant} is before {@link #now()}
   * @throws IllegalStateException if these live segments are closed
   */
  public void advanceTo(Instant instant) {
    Objects.requireNonNull(instant, "instant");
    advance(instant, false);
  }

  /**
   * Advances to the clock's instant; does nothing if the clock is behind {@link #now()} (a clock
   * set back must not move time backwards).
   */
  public void tick() {
    advance(clock.instant(), true);
  }

  private void advance(Instant instant, boolean ignoreEarlier) {
    index.exclusive(false, () -> {
      checkOpen();
      if (instant.isBefore(now)) {
        if (ignoreEarlier) {
          return null;
        }
        throw new IllegalArgumentException("time cannot go backwards: now is " + now
            + ", asked for " + instant);
      }
      step++;
      if (instant.equals(now)) {
        return null;
      }
      now = instant;
      IndexData data = index.snapshot().data();
      for (LiveSegment s : live) {
        s.advance(data, instant, step);
      }
      return null;
    });
  }

  /**
   * {@linkplain #tick Ticks} every {@code period} on a daemon thread, until the handle or these
   * live segments are closed. A tick that throws is logged as a warning (System.Logger) and the
   * schedule goes on.
   *
   * @param period the time between ticks, positive
   * @return a handle that stops the schedule
   * @throws IllegalArgumentException if {@code period} is zero or negative
   * @throws IllegalStateException if these live segments are closed
   */
  public synchronized Handle tickEvery(Duration period) {
    Objects.requireNonNull(period, "period");
    if (period.isNegative() || period.isZero()) {
      throw new IllegalArgumentException("the tick period must be positive, got " + period);
    }
    checkOpen();
    if (ticker == null) {
      ticker = Executors.newSingleThreadScheduledExecutor(daemon("segment-live-ticker-"));
    }
    long nanos = period.toNanos();
    ScheduledFuture<?> f = ticker.scheduleAtFixedRate(() -> {
      try {
        tick();
      } catch (RuntimeException | Error e) { // a scheduled executor would end the schedule
        if (!closed) {
          LOG.log(Level.WARNING, "live segments: a scheduled tick failed", e);
        }
      }
    }, nanos, nanos, TimeUnit.NANOSECONDS);
    return () -> f.cancel(false);
  }

  /**
   * Waits until every listener has received every notification of the steps completed so far
   * (or a resync in their place), or until the timeout: for an orderly shutdown, or to read what
   * listeners did. Steps that other threads complete meanwhile may be waited for too.
   *
   * @param timeout how long to wait at most, not null
   * @return true if all was delivered, false if the timeout passed first
   * @throws InterruptedException if the waiting thread is interrupted
   */
  public boolean awaitDelivered(Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (LiveSegment s : live) {
      if (!s.awaitIdle(deadline)) {
        return false;
      }
    }
    return true;
  }

  /**
   * Detaches from the index: no more steps, no more deliveries (calls in progress complete), the
   * tick schedules and the default executor stop. Calling it again does nothing.
   */
  @Override
  public void close() {
    index.exclusive(true, () -> {
      if (!closed) {
        closed = true;
        index.detach(this);
        for (LiveSegment s : live) {
          s.closeDeliveries();
        }
        live.clear();
      }
      return null;
    });
    synchronized (this) {
      if (ticker != null) {
        ticker.shutdownNow();
      }
    }
    if (ownedExecutor != null) {
      ownedExecutor.shutdown();
    }
  }

  private void checkOpen() {
    if (closed) {
      throw new IllegalStateException("these live segments are closed");
    }
  }

  /**
   * A batch was published: {@code touched} are the rows it may have changed (null: any row), and
   * {@code changes} what it changed of them.
   */
  void committed(IndexData data, RoaringBitmap touched, Changes changes) {
    if (closed) {
      return;
    }
    step++;
    if (touched != null && touched.isEmpty()) {
      return;
    }
    RoaringBitmap contacts = touched == null ? null : RoaringBitmap.and(touched, data.universe());
    for (LiveSegment s : live) {
      s.retest(data, touched, contacts, changes, now, step);
    }
  }

  /** Unregisters; under the write lock. */
  void remove(LiveSegment segment) {
    index.exclusive(true, () -> {
      live.remove(segment);
      segment.closeDeliveries();
      return null;
    });
  }

  <T> T locked(java.util.function.Supplier<T> action) {
    return index.exclusive(true, action);
  }

  int queueCapacity() {
    return queueCapacity;
  }

  Executor executor() {
    return executor;
  }

  void failed(LiveSegment segment, Throwable error) {
    try {
      errorHandler.accept(segment, error);
    } catch (Throwable e) { // escaping, it would stop the listener's deliveries for good
      LOG.log(Level.WARNING, "the error handler of live segments failed", e);
    }
  }

  private static ThreadFactory daemon(String prefix) {
    return r -> {
      Thread t = new Thread(r, prefix + THREADS.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  @Override
  public String toString() {
    List<String> keys = new ArrayList<>();
    live.forEach(s -> keys.add(s.key()));
    return "LiveSegments{now=" + now + ", segments=" + keys + "}";
  }
}
