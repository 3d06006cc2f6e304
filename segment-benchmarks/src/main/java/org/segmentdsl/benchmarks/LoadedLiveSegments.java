package org.segmentdsl.benchmarks;

import java.time.Clock;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Consumer;
import org.segmentdsl.ContactIndex;
import org.segmentdsl.EvaluationContext;
import org.segmentdsl.LiveSegment;
import org.segmentdsl.LiveSegments;
import org.segmentdsl.Segment;
import org.segmentdsl.SegmentChange;
import org.segmentdsl.SegmentListener;
import org.segmentdsl.SegmentResult;
import org.segmentdsl.SegmentResync;

/**
 * {@value #SEGMENTS} live segments ({@link SegmentVariants}) registered on the loaded index at
 * {@link Dataset#NOW} in UTC, each with one listener on the default executor, and the
 * single-contact batches ({@link SingleContactChanges}) that {@link LiveBatchBenchmarks} applies
 * to them; kept in a static cache by size, like {@link LoadedEngines}, because registering a
 * thousand segments on ten million contacts evaluates each of them once and takes minutes.
 *
 * <p>How a benchmark knows that every listener that will be notified has been: before each batch
 * is applied to the index, {@link #prepare} applies it to a <em>shadow</em> index that holds only
 * the contacts the batches touch (added as generated, with their deals, events and accounts, a
 * thousand at a time before their first batch), with the same segments live on it and delivered
 * on the writer's thread. A segment's answer for a contact depends only on that contact's own
 * data, deals and account, so the segments the shadow reports changed, in which direction, are
 * the notifications the index's listeners must receive. Each listener counts down the batch's
 * latch; {@link #verify} then checks that exactly those notifications arrived, each naming the
 * one contact, none twice, and stops the benchmark if not. A batch that changes no segment has a
 * latch of zero.
 *
 * <p>{@link #close} detaches the live segments and puts every touched contact back as generated
 * ({@link SingleContactChanges#restore}), so the index answers every workload as before.
 */
final class LoadedLiveSegments implements AutoCloseable {
  static final int SEGMENTS = 1_000;
  static final ZoneId UTC = ZoneOffset.UTC;
  static final EvaluationContext CONTEXT = EvaluationContext.of(Dataset.NOW, UTC).sequential();
  private static final long TIMEOUT_SECONDS = 120;
  private static final int SHADOW_BATCH = 1_000;
  private static final Map<Integer, LoadedLiveSegments> BY_SIZE = new HashMap<>();

  private final Dataset data;
  private final ContactIndex index;
  private final List<Segment> segments;
  private final LiveSegments live;
  private final List<LiveSegment> registered;
  private final RegistrationReport report;
  private final SingleContactChanges changes;
  private final ContactIndex shadow = ContactIndex.create(SegmentDslEngine.SCHEMA);
  private final LiveSegments shadowLive;
  private final BitSet inShadow = new BitSet();
  private final BitSet accountsInShadow = new BitSet();
  /** Per segment, +1 (entered) or -1 (exited) in the shadow's last batch; writer's thread only. */
  private final int[] shadowChanges = new int[SEGMENTS];
  private volatile Batch current;
  private long batches;
  private long notifications;
  private long quietBatches;

  /**
   * What registering cost and what the memberships are. Heap figures are -1 when not measured.
   *
   * @param heapBytes live heap after registering minus before, listeners excluded
   * @param bitmapBytes the memberships' {@code RoaringBitmap.getSizeInBytes()}, summed
   * @param members the memberships' sizes, summed
   * @param nonTrivial segments with at least one member and not every contact
   */
  record RegistrationReport(int segments, long nanos, long heapBytes, long bitmapBytes,
      long members, int nonTrivial) {
    double heapBytesPerSegment() {
      return heapBytes / (double) segments;
    }

    double bitmapBytesPerSegment() {
      return bitmapBytes / (double) segments;
    }

    double membersPerSegment() {
      return members / (double) segments;
    }
  }

  /** How the batches applied so far went. */
  record BatchReport(long batches, long notifications, long quietBatches) {
    double notificationsPerBatch() {
      return batches == 0 ? 0 : notifications / (double) batches;
    }
  }

  private LoadedLiveSegments(Dataset data, ContactIndex index, boolean measureHeap,
      Consumer<String> progress) {
    this.data = data;
    this.index = index;
    this.segments = SegmentVariants.generate(SEGMENTS);
    this.changes = new SingleContactChanges(data);
    List<SegmentListener> listeners = new ArrayList<>(SEGMENTS);
    for (int i = 0; i < SEGMENTS; i++) {
      listeners.add(new CountingListener(i));
    }

    progress.accept(String.format("registering %,d live segments", SEGMENTS));
    long heapBefore = measureHeap ? HeapMeter.liveHeap() : -1;
    long t0 = System.nanoTime();
    live = LiveSegments.builder(index).clock(Clock.fixed(Dataset.NOW, UTC)).build();
    List<LiveSegment> list = new ArrayList<>(SEGMENTS);
    for (int i = 0; i < SEGMENTS; i++) {
      Segment s = segments.get(i);
      list.add(live.register(s.id(), s, UTC, listeners.get(i)));
    }
    long t1 = System.nanoTime();
    long heapAfter = measureHeap ? HeapMeter.liveHeap() : -1;
    registered = List.copyOf(list);

    long bitmapBytes = 0;
    long members = 0;
    int nonTrivial = 0;
    for (LiveSegment s : registered) {
      SegmentResult m = s.members();
      bitmapBytes += m.bitmap().toRoaringBitmap().getSizeInBytes();
      members += m.count();
      nonTrivial += m.count() > 0 && m.count() < index.size() ? 1 : 0;
    }
    report = new RegistrationReport(SEGMENTS, t1 - t0,
        measureHeap ? heapAfter - heapBefore : -1, bitmapBytes, members, nonTrivial);

    shadowLive = LiveSegments.builder(shadow).clock(Clock.fixed(Dataset.NOW, UTC))
        .executor(Runnable::run).build();
    for (int i = 0; i < SEGMENTS; i++) {
      int segment = i;
      Segment s = segments.get(i);
      shadowLive.register(s.id(), s, UTC, SegmentListener.of(
          change -> shadowChanges[segment] = change.entered().isEmpty() ? -1 : 1,
          resync -> {
            throw new IllegalStateException("the shadow index cannot fall behind: " + resync);
          }));
    }
  }

  /** The live segments of the loaded engines of that size, registering them on first use. */
  static synchronized LoadedLiveSegments forSize(int size) {
    LoadedLiveSegments loaded = BY_SIZE.get(size);
    if (loaded == null) {
      LoadedEngines engines = LoadedEngines.forSize(size);
      loaded = new LoadedLiveSegments(engines.data(), engines.ours().index(), false, m -> {});
      BY_SIZE.put(size, loaded);
    }
    return loaded;
  }

  /**
   * Registers the live segments on the loaded engines' index, measuring their heap, and caches
   * them for {@link #forSize}.
   */
  static synchronized LoadedLiveSegments load(LoadedEngines engines, boolean measureHeap,
      Consumer<String> progress) {
    int size = engines.data().contacts();
    release(size);
    LoadedLiveSegments loaded = new LoadedLiveSegments(engines.data(), engines.ours().index(),
        measureHeap, progress);
    BY_SIZE.put(size, loaded);
    return loaded;
  }

  /** Live segments on an index not in {@link LoadedEngines} (for tests); not cached. */
  static LoadedLiveSegments register(Dataset data, ContactIndex index) {
    return new LoadedLiveSegments(data, index, false, m -> {});
  }

  /** Closes the live segments of that size, if registered, restoring the index. */
  static synchronized void release(int size) {
    LoadedLiveSegments loaded = BY_SIZE.remove(size);
    if (loaded != null) {
      loaded.close();
    }
  }

  /** One single-contact batch and the notifications it must bring. */
  static final class Batch {
    final SingleContactChanges.Change change;
    /** Per segment: +1 must enter, -1 must exit, 0 must stay silent. */
    private final int[] expected;
    private final int expectedCount;
    private final CountDownLatch latch;
    private final AtomicIntegerArray received = new AtomicIntegerArray(SEGMENTS);
    private final AtomicLongArray versions = new AtomicLongArray(SEGMENTS);
    private final Queue<String> problems = new ConcurrentLinkedQueue<>();
    private long version = -1;

    private Batch(SingleContactChanges.Change change, int[] expected) {
      this.change = change;
      this.expected = expected;
      int n = 0;
      for (int e : expected) {
        n += e != 0 ? 1 : 0;
      }
      this.expectedCount = n;
      this.latch = new CountDownLatch(n);
    }

    void arrived(int segment, SegmentChange c) {
      List<String> one = List.of(change.contactId());
      int direction = c.entered().equals(one) && c.exited().isEmpty() ? 1
          : c.exited().equals(one) && c.entered().isEmpty() ? -1 : 0;
      if (direction == 0) {
        problems.add(c.key() + ": entered " + c.entered() + ", exited " + c.exited());
      } else if (!received.compareAndSet(segment, 0, direction)) {
        problems.add(c.key() + ": notified twice");
      } else if (expected[segment] != direction) {
        problems.add(c.key() + ": " + (direction > 0 ? "entered" : "exited") + ", expected "
            + (expected[segment] == 0 ? "nothing" : expected[segment] > 0 ? "entered"
                : "exited"));
      }
      versions.set(segment, c.version());
      latch.countDown();
    }

    void problem(String message) {
      problems.add(message);
    }

    /** +1 if segment {@code i} must enter the batch's contact, -1 exit it, 0 neither. */
    int expected(int segment) {
      return expected[segment];
    }

    /** The number of listeners this batch must notify. */
    int expectedNotifications() {
      return expectedCount;
    }
  }

  /**
   * Takes the next batch, applies it to the shadow index to learn which listeners it must
   * notify, and arms their latch. Not timed.
   */
  Batch prepare() {
    if (!inShadow.get(changes.contactOf(changes.nextStep()))) {
      addToShadow(changes.nextStep());
    }
    SingleContactChanges.Change change = changes.next();
    Arrays.fill(shadowChanges, 0);
    shadow.update(change.mutation());
    Batch batch = new Batch(change, shadowChanges.clone());
    current = batch;
    return batch;
  }

  /**
   * Adds to the shadow index, as generated, the contacts of the next {@value #SHADOW_BATCH}
   * batches from {@code step} on that it lacks, with their deals, events and accounts: in one
   * batch, so that the shadow's own live step is paid once for many.
   */
  private void addToShadow(long step) {
    shadow.update(b -> {
      for (long k = step; k < step + SHADOW_BATCH; k++) {
        int c = changes.contactOf(k);
        if (inShadow.get(c)) {
          continue;
        }
        int a = data.account[c];
        if (a >= 0 && !accountsInShadow.get(a)) {
          b.upsertAccount(SegmentDslEngine.toAccount(data, a));
          accountsInShadow.set(a);
        }
        SegmentDslEngine.addContact(b, data, c);
        inShadow.set(c);
      }
    });
  }

  /** Applies the batch to the index: the timed part, with {@link #awaitNotified}. */
  void apply(Batch batch) {
    batch.version = index.update(batch.change.mutation()).version();
  }

  /** Waits until every listener the batch must notify has been. */
  void awaitNotified(Batch batch) {
    try {
      if (!batch.latch.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        throw new IllegalStateException(batch.change + ": after " + TIMEOUT_SECONDS
            + " s, " + batch.latch.getCount() + " of " + batch.expectedCount
            + " listeners were still not notified");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted waiting for notifications", e);
    }
  }

  /**
   * Checks that exactly the expected notifications arrived, of the batch's version; counts the
   * batch.
   *
   * @throws IllegalStateException naming the batch and what went wrong
   */
  void verify(Batch batch) {
    awaitNotified(batch);
    for (int i = 0; i < SEGMENTS; i++) {
      if (batch.expected[i] != 0 && batch.versions.get(i) != batch.version) {
        batch.problem(segments.get(i).id() + ": notified at version " + batch.versions.get(i)
            + ", the batch made version " + batch.version);
      }
    }
    if (!batch.problems.isEmpty()) {
      throw new IllegalStateException(batch.change + ": wrong notifications: "
          + String.join("; ", batch.problems));
    }
    synchronized (this) {
      batches++;
      notifications += batch.expectedCount;
      quietBatches += batch.expectedCount == 0 ? 1 : 0;
    }
  }

  /** Applies the next batch and waits for its notifications, checked (not timed: for setups). */
  Batch applyNext() {
    Batch batch = prepare();
    apply(batch);
    verify(batch);
    return batch;
  }

  Dataset data() {
    return data;
  }

  ContactIndex index() {
    return index;
  }

  List<Segment> segments() {
    return segments;
  }

  List<LiveSegment> registered() {
    return registered;
  }

  RegistrationReport report() {
    return report;
  }

  synchronized BatchReport batchReport() {
    return new BatchReport(batches, notifications, quietBatches);
  }

  /** Detaches the live segments from the index and puts the touched contacts back. */
  @Override
  public void close() {
    live.close();
    shadowLive.close();
    changes.restore(index);
  }

  /** Segment {@code i}'s listener: tells the current batch what arrived. */
  private final class CountingListener implements SegmentListener {
    private final int segment;

    CountingListener(int segment) {
      this.segment = segment;
    }

    @Override
    public void onChange(SegmentChange change) {
      Batch batch = current;
      if (batch == null) {
        throw new IllegalStateException(change.key() + " notified outside any batch");
      }
      batch.arrived(segment, change);
    }

    @Override
    public void onResync(SegmentResync resync) {
      Batch batch = current;
      if (batch != null) {
        batch.problem(resync.key() + ": resynchronised; no listener should fall behind here");
        batch.latch.countDown();
      }
    }
  }
}
