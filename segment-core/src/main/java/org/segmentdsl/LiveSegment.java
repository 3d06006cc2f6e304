package org.segmentdsl;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import org.roaringbitmap.RoaringBitmap;
import org.segmentdsl.eval.LivePlan;
import org.segmentdsl.internal.table.IndexData;
import org.segmentdsl.internal.write.Changes;

/**
 * One segment registered with {@link LiveSegments}: its key, its current membership and its
 * listeners. Thread-safe. {@link #close} unregisters it.
 */
public final class LiveSegment implements AutoCloseable {
  /**
   * Rows to re-test beyond a {@code 1/WHOLE_FRACTION} of the index are re-tested by one whole
   * evaluation: restricting every bitmap to them would cost as much, and more. Not below {@code
   * WHOLE_MIN_ROWS} contacts, where either costs little (and tests exercise the re-test).
   */
  private static final int WHOLE_FRACTION = 4;
  private static final long WHOLE_MIN_ROWS = 1 << 16;

  private final LiveSegments owner;
  private final String key;
  private final Segment segment;
  private final ZoneId zone;
  private final LivePlan plan; // under the index's write lock
  private RoaringBitmap members; // under the index's write lock
  private IndexData data; // the state members belong to; under the write lock
  private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
  private volatile boolean closed;

  LiveSegment(LiveSegments owner, String key, Segment segment, ZoneId zone, IndexData data,
      EvaluationContext context) {
    this.owner = owner;
    this.key = key;
    this.segment = segment;
    this.zone = zone;
    this.plan = LivePlan.prepare(data, segment.id(), segment.condition(), "/where", context);
    this.members = plan.evaluate(data);
    this.data = data;
  }

  /** {@return the key notifications carry} */
  public String key() {
    return key;
  }

  /** {@return the segment} */
  public Segment segment() {
    return segment;
  }

  /** {@return the zone its dates are read in} */
  public ZoneId zone() {
    return zone;
  }

  /**
   * The membership after the last step (waits for a step in progress). Equal to evaluating the
   * segment on the index at {@link LiveSegments#now()}.
   *
   * @return the members, a copy that later steps do not change
   */
  public SegmentResult members() {
    return owner.locked(() -> new SegmentResult(members.clone(), data));
  }

  /**
   * Adds a listener; it receives the notifications of the steps after this call.
   *
   * @param listener the listener, not null
   * @return a handle that removes the listener (and stops its deliveries)
   * @throws IllegalStateException if this live segment is closed
   */
  public LiveSegments.Handle addListener(SegmentListener listener) {
    Objects.requireNonNull(listener, "listener");
    Delivery d = new Delivery(listener);
    owner.locked(() -> {
      if (closed) {
        throw new IllegalStateException("live segment \"" + key + "\" is closed");
      }
      deliveries.add(d);
      return null;
    });
    return () -> {
      deliveries.remove(d);
      d.close();
    };
  }

  /** Unregisters the segment and stops all its deliveries. Calling it again does nothing. */
  @Override
  public void close() {
    if (!closed) {
      owner.remove(this);
    }
  }

  /** Waits until every listener has received what was queued for it; see LiveSegments. */
  boolean awaitIdle(long deadline) throws InterruptedException {
    for (Delivery d : deliveries) {
      if (!d.awaitIdle(deadline)) {
        return false;
      }
    }
    return true;
  }

  void closeDeliveries() {
    closed = true;
    for (Delivery d : deliveries) {
      d.close();
    }
    deliveries.clear();
  }

  /**
   * After a batch: re-tests the touched rows, unless the batch changed nothing the segment reads.
   * Under the write lock.
   *
   * @param touched the rows the batch may have changed, or null for every row
   * @param contacts {@code touched} that are contacts of {@code next} (computed once a step)
   */
  void retest(IndexData next, @Nullable RoaringBitmap touched, RoaringBitmap contacts,
      Changes changes, Instant now, long step) {
    if (plan.mayChange(changes)) {
      retestWithin(next, touched, contacts, now, step);
    } else {
      data = next;
    }
  }

  /** After {@code now} moved: re-tests the rows whose answer time may have changed. */
  void advance(IndexData current, Instant now, long step) {
    RoaringBitmap candidates =
        plan.advance(current, new EvaluationContext(now, zone, owner.savedSegments()));
    retestWithin(current, candidates, RoaringBitmap.and(candidates, current.universe()), now,
        step);
  }

  /** Re-tests {@code rows} (null: every row), {@code contacts} those that are contacts now. */
  private void retestWithin(IndexData next, RoaringBitmap rows, RoaringBitmap contacts,
      Instant now, long step) {
    boolean whole = rows == null || manyOf(contacts, next.universe());
    RoaringBitmap inside = whole ? plan.evaluate(next) : plan.evaluateWithin(next, contacts);
    RoaringBitmap was = whole ? members : RoaringBitmap.and(members, rows);
    RoaringBitmap entered = RoaringBitmap.andNot(inside, was);
    RoaringBitmap exited = RoaringBitmap.andNot(was, inside);
    if (whole) {
      members = inside;
    } else {
      members.or(entered);
      members.andNot(exited);
    }
    data = next;
    report(entered, exited, now, step);
  }

  /**
   * Whether {@code rows} are so large a share of a large index that one whole evaluation costs
   * no more than restricting every bitmap to them.
   */
  private static boolean manyOf(RoaringBitmap rows, RoaringBitmap universe) {
    long n = rows.getLongCardinality() * WHOLE_FRACTION;
    if (n <= WHOLE_MIN_ROWS) {
      return false; // decided without counting the universe: most steps touch a few rows
    }
    long size = universe.getLongCardinality();
    return size >= WHOLE_MIN_ROWS && n > size;
  }

  private void report(RoaringBitmap entered, RoaringBitmap exited, Instant now, long step) {
    if (entered.isEmpty() && exited.isEmpty() || deliveries.isEmpty()) {
      return;
    }
    IndexData at = data;
    SegmentChange change = new SegmentChange(key, segment, new RowIds(entered.toArray(), at),
        new RowIds(exited.toArray(), at), entered.toMutableRoaringBitmap(),
        exited.toMutableRoaringBitmap(), at.version(), step, now);
    Supplier<SegmentResync> resync = () -> new SegmentResync(key, segment,
        new RowIds(members.toArray(), at), members.toMutableRoaringBitmap(), at.version(), step,
        now);
    for (Delivery d : deliveries) {
      d.offer(change, resync);
    }
  }

  @Override
  public String toString() {
    return "LiveSegment{" + key + "}";
  }

  /**
   * One listener's bounded queue, drained by one task at a time on the executor: notifications
   * reach the listener in the order they were queued, and never two at once.
   */
  private final class Delivery implements Runnable {
    private final SegmentListener listener;
    private final ArrayDeque<Object> queue = new ArrayDeque<>();
    private boolean running; // a drain task is scheduled or running; guarded by this
    private boolean stopped; // guarded by this

    Delivery(SegmentListener listener) {
      this.listener = listener;
    }

    /** Queues a change, or replaces a full queue by a resync. Called under the write lock. */
    void offer(SegmentChange change, Supplier<SegmentResync> resync) {
      synchronized (this) {
        if (stopped) {
          return;
        }
        if (queue.size() >= owner.queueCapacity()) {
          queue.clear();
          queue.add(resync.get());
        } else {
          queue.add(change);
        }
        if (running) {
          return;
        }
        running = true;
      }
      try {
        owner.executor().execute(this);
      } catch (RuntimeException e) { // rejected, or any failure: not the writer's to see
        synchronized (this) {
          running = false;
        }
        owner.failed(LiveSegment.this, e);
      }
    }

    @Override
    public void run() {
      while (true) {
        Object next;
        synchronized (this) {
          next = stopped ? null : queue.poll();
          if (next == null) {
            running = false;
            notifyAll(); // awaitIdle
            return;
          }
        }
        try {
          if (next instanceof SegmentChange c) {
            listener.onChange(c);
          } else {
            listener.onResync((SegmentResync) next);
          }
        } catch (Throwable t) { // a listener's failure must not stop its later deliveries
          owner.failed(LiveSegment.this, t);
        }
      }
    }

    synchronized void close() {
      stopped = true;
      queue.clear();
      notifyAll();
    }

    /** Waits until nothing is queued or being delivered, or the deadline; true if idle. */
    synchronized boolean awaitIdle(long deadline) throws InterruptedException {
      while (running && !stopped) {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
          return false;
        }
        TimeUnit.NANOSECONDS.timedWait(this, left);
      }
      return true;
    }
  }
}
