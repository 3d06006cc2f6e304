package org.segmentdsl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.segmentdsl.dsl.Conditions.all;
import static org.segmentdsl.dsl.Conditions.any;
import static org.segmentdsl.dsl.Conditions.field;
import static org.segmentdsl.dsl.Conditions.list;
import static org.segmentdsl.dsl.Conditions.not;
import static org.segmentdsl.dsl.Conditions.numberField;
import static org.segmentdsl.dsl.Conditions.tag;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.roaringbitmap.buffer.ImmutableRoaringBitmap;
import org.segmentdsl.condition.Condition;

/**
 * Writers apply random batches while readers evaluate a segment and its negation on one snapshot.
 *
 * <p>Every batch is numbered {@code N} inside its callback (so numbers follow commit order) and
 * leaves marks that only a whole batch can leave:
 *
 * <ul>
 *   <li>all {@value #GROUP_SIZE} contacts of one random group get {@code gen = N} and tag
 *       {@code b-N} (the group's previous {@code b-*} tag is removed), half by whole-contact
 *       upserts and half by incremental mutations that first write throw-away values;
 *   <li>{@value #TRANSIENTS} new contacts {@code t-N-i} with {@code born = N} are added, and once
 *       {@value #MAX_ALIVE_TRANSIENT_BATCHES} batches of them are alive the oldest batch's are
 *       removed;
 *   <li>every touched contact gets a random bucket {@code b} shown four ways at once: string field
 *       {@code plan = "p<b>"}, tag {@code k-<b>}, {@code score} in {@code [25b, 25b + 25)} and a
 *       list status (bucket 0 and 1 subscribed, 2 unsubscribed, 3 off the list).
 * </ul>
 *
 * <p>About one batch in eight makes all those changes and then ends with a bad mutation; it must
 * never be seen. Scores and generations change on about 70 rows per batch, so the number columns'
 * range bitmaps are rebuilt every few batches while readers run.
 */
class ConcurrentSnapshotTest {
  static final Schema SCHEMA = Schema.builder()
      .contactField("gen", FieldType.NUMBER)
      .contactField("born", FieldType.NUMBER)
      .contactField("score", FieldType.NUMBER)
      .contactField("plan", FieldType.STRING)
      .build();

  static final EvaluationContext CTX = EvaluationContext.at(Instant.parse("2026-11-28T12:00:00Z"));

  static final int GROUPS = 24;
  static final int GROUP_SIZE = 64;
  static final int MEMBERS = GROUPS * GROUP_SIZE;
  static final int TRANSIENTS = 8;
  static final int MAX_ALIVE_TRANSIENT_BATCHES = 6;

  static final int WRITERS = 4;
  static final int BATCHES_PER_WRITER = 150;
  static final int READERS = 4;
  /** Readers go on until the writers are done, but never fewer or more iterations than these. */
  static final int MIN_READS = 20;
  static final int MAX_READS = 20_000;
  /** Batch numbers checked on every read: the latest allocated ones. */
  static final int WINDOW = 12;

  static final Condition SEGMENT = all(
      any(tag("vip"), field("plan").eq("p1")),
      numberField("score").between(10, 80),
      list("news").subscribed(),
      not(tag("blocked")));
  static final Condition NEGATION = not(SEGMENT);

  static final long TIMEOUT_SECONDS = 60;

  private final ContactIndex index = ContactIndex.create(SCHEMA);
  private final AtomicLong batchNumbers = new AtomicLong();
  private final AtomicInteger committedBatches = new AtomicInteger();
  private final List<Long> failedBatches = new CopyOnWriteArrayList<>();
  private final CountDownLatch writersDone = new CountDownLatch(WRITERS);

  // Writer bookkeeping: only read and written inside update callbacks, which the index runs
  // one at a time under its write lock; changed only at the end of a callback that succeeds.
  private final long[] groupGen = new long[GROUPS];
  private final ArrayDeque<Long> aliveTransientBatches = new ArrayDeque<>();

  @Test
  void readersSeeWholeBatchesAndSegmentPartitionsSnapshot() throws Exception {
    populate();
    IndexSnapshot initial = index.snapshot();
    assertThat(initial.size()).isEqualTo(MEMBERS);
    check(initial, new Random(1), 0);

    ExecutorService pool = Executors.newFixedThreadPool(WRITERS + READERS);
    CyclicBarrier start = new CyclicBarrier(WRITERS + READERS);
    CountDownLatch readersReady = new CountDownLatch(READERS);
    List<Future<?>> writers = new ArrayList<>();
    List<Future<Set<Long>>> readers = new ArrayList<>();
    try {
      for (int w = 0; w < WRITERS; w++) {
        long seed = 1000 + w;
        writers.add(pool.submit(() -> {
          write(seed, start, readersReady);
          return null;
        }));
      }
      for (int r = 0; r < READERS; r++) {
        long seed = 2000 + r;
        readers.add(pool.submit(read(seed, start, readersReady)));
      }
      List<Set<Long>> versionsSeen = new ArrayList<>();
      Throwable failure = null;
      for (Future<?> f : writers) {
        failure = collect(f, failure);
      }
      for (Future<Set<Long>> f : readers) {
        failure = collect(f, failure);
        if (f.isDone() && !f.isCancelled() && failure == null) {
          versionsSeen.add(f.get());
        }
      }
      if (failure instanceof Error e) {
        throw e;
      }
      if (failure instanceof Exception e) {
        throw e;
      }

      IndexSnapshot last = index.snapshot();
      int committed = committedBatches.get();
      assertThat(committed).as("committed batches").isPositive();
      assertThat(failedBatches).as("failed batches").isNotEmpty();
      assertThat(committed + failedBatches.size()).isEqualTo(WRITERS * BATCHES_PER_WRITER);
      // every committed batch published exactly one version, a failed one none
      assertThat(last.version()).isEqualTo(initial.version() + committed);
      for (Set<Long> seen : versionsSeen) {
        // each reader read once before any writer started and once after all had finished
        assertThat(seen).contains(initial.version(), last.version());
      }
      check(last, new Random(2), batchNumbers.get());
    } finally {
      pool.shutdownNow();
      assertThat(pool.awaitTermination(TIMEOUT_SECONDS, TimeUnit.SECONDS))
          .as("threads ended").isTrue();
    }
  }

  /** Waits for a task; keeps the first failure and adds later ones to it as suppressed. */
  private static Throwable collect(Future<?> f, Throwable failure) throws InterruptedException {
    Throwable t = null;
    try {
      f.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      t = e.getCause();
    } catch (TimeoutException e) {
      f.cancel(true);
      t = new AssertionError("a reader or writer did not finish within " + TIMEOUT_SECONDS + " s");
    }
    if (t == null) {
      return failure;
    }
    if (failure == null) {
      return t;
    }
    failure.addSuppressed(t);
    return failure;
  }

  // ---------------------------------------------------------------- writers

  private void populate() {
    Random rnd = new Random(42);
    index.update(b -> {
      for (int g = 0; g < GROUPS; g++) {
        for (int m = 0; m < GROUP_SIZE; m++) {
          b.upsert(contact(member(g, m), rnd).tags("g-" + g, "b-0").field("gen", 0).build());
        }
      }
    });
  }

  private void write(long seed, CyclicBarrier start, CountDownLatch readersReady)
      throws Exception {
    try {
      start.await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      assertThat(readersReady.await(TIMEOUT_SECONDS, TimeUnit.SECONDS))
          .as("readers took their first snapshot").isTrue();
      Random rnd = new Random(seed);
      for (int i = 0; i < BATCHES_PER_WRITER; i++) {
        boolean fail = rnd.nextInt(8) == 0;
        long[] n = {-1};
        if (fail) {
          InvalidContactException e = assertThrows(InvalidContactException.class,
              () -> index.update(b -> writeBatch(b, rnd, true, n)));
          assertThat(e.field()).isEqualTo("scroe");
          assertThat(n[0]).isPositive();
          failedBatches.add(n[0]);
        } else {
          IndexSnapshot after = index.update(b -> writeBatch(b, rnd, false, n));
          committedBatches.incrementAndGet();
          // the returned snapshot includes the whole batch
          assertThat(count(after, numberField("gen").eq(n[0]))).isEqualTo(GROUP_SIZE);
          assertThat(count(after, tag("b-" + n[0]))).isEqualTo(GROUP_SIZE);
          assertThat(count(after, numberField("born").eq(n[0]))).isEqualTo(TRANSIENTS);
        }
      }
    } finally {
      writersDone.countDown();
    }
  }

  /** One batch; runs under the index's write lock. */
  private void writeBatch(IndexBatch b, Random rnd, boolean fail, long[] number) {
    long n = batchNumbers.incrementAndGet();
    number[0] = n;
    int g = rnd.nextInt(GROUPS);
    long previous = groupGen[g];
    for (int m = 0; m < GROUP_SIZE; m++) {
      String id = member(g, m);
      if (rnd.nextBoolean()) {
        if (rnd.nextInt(16) == 0) {
          b.remove(id); // removed and added back in the same batch: keeps its row
        }
        b.upsert(contact(id, rnd).tags("g-" + g, "b-" + n).field("gen", n).build());
      } else {
        int bucket = rnd.nextInt(4);
        // throw-away values first: a reader that saw them would see a broken bucket
        b.setField(id, "score", 1000.0 + n)
            .addTag(id, "k-" + ((bucket + 1) % 4))
            .setField(id, "plan", "p" + ((bucket + 2) % 4))
            .setListStatus(id, "news", ListStatus.BOUNCED);
        b.removeTag(id, "b-" + previous).addTag(id, "b-" + n).setField(id, "gen", n);
        for (int k = 0; k < 4; k++) {
          if (k != bucket) {
            b.removeTag(id, "k-" + k);
          }
        }
        b.addTag(id, "k-" + bucket)
            .setField(id, "plan", "p" + bucket)
            .setField(id, "score", score(rnd, bucket));
        switch (bucket) {
          case 0, 1 -> b.setListStatus(id, "news", ListStatus.SUBSCRIBED);
          case 2 -> b.setListStatus(id, "news", ListStatus.UNSUBSCRIBED);
          default -> b.leaveList(id, "news");
        }
        if (rnd.nextBoolean()) {
          b.addTag(id, "vip");
        } else {
          b.removeTag(id, "vip");
        }
        if (rnd.nextInt(5) == 0) {
          b.addTag(id, "blocked");
        } else {
          b.removeTag(id, "blocked");
        }
      }
    }
    for (int t = 0; t < TRANSIENTS; t++) {
      b.upsert(contact(transientId(n, t), rnd).tags("t").field("born", n).build());
    }
    Long retired = aliveTransientBatches.size() >= MAX_ALIVE_TRANSIENT_BATCHES
        ? aliveTransientBatches.peekFirst() : null;
    if (retired != null) {
      for (int t = 0; t < TRANSIENTS; t++) {
        b.remove(transientId(retired, t));
      }
    }
    if (fail) {
      b.setField(member(g, 0), "scroe", 1); // unknown field: drops the whole batch
      throw new AssertionError("setField on an unknown field did not throw");
    }
    groupGen[g] = n;
    aliveTransientBatches.addLast(n);
    if (retired != null) {
      aliveTransientBatches.removeFirst();
    }
  }

  /** A contact in a random bucket with random vip and blocked tags. */
  private static Contact.Builder contact(String id, Random rnd) {
    int bucket = rnd.nextInt(4);
    Contact.Builder c = Contact.builder(id)
        .tags("k-" + bucket)
        .field("plan", "p" + bucket)
        .field("score", score(rnd, bucket));
    if (bucket <= 1) {
      c.list("news", ListStatus.SUBSCRIBED);
    } else if (bucket == 2) {
      c.list("news", ListStatus.UNSUBSCRIBED);
    }
    if (rnd.nextBoolean()) {
      c.tags("vip");
    }
    if (rnd.nextInt(5) == 0) {
      c.tags("blocked");
    }
    return c;
  }

  /** A score in {@code [25 * bucket, 25 * bucket + 25)}. */
  private static double score(Random rnd, int bucket) {
    return 25 * bucket + rnd.nextInt(2500) / 100.0;
  }

  private static String member(int group, int m) {
    return "m-" + group + "-" + m;
  }

  private static String transientId(long batch, int t) {
    return "t-" + batch + "-" + t;
  }

  // ---------------------------------------------------------------- readers

  private Callable<Set<Long>> read(long seed, CyclicBarrier start, CountDownLatch readersReady) {
    return () -> {
      Random rnd = new Random(seed);
      Set<Long> versions = new TreeSet<>();
      long lastVersion = -1;
      start.await(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      try {
        lastVersion = readOnce(rnd, versions, lastVersion);
      } finally {
        readersReady.countDown();
      }
      for (int i = 1; i < MAX_READS && (i < MIN_READS || writersDone.getCount() > 0); i++) {
        lastVersion = readOnce(rnd, versions, lastVersion);
      }
      assertThat(writersDone.await(TIMEOUT_SECONDS, TimeUnit.SECONDS)).as("writers done").isTrue();
      readOnce(rnd, versions, lastVersion); // certainly after the last commit
      return versions;
    };
  }

  private long readOnce(Random rnd, Set<Long> versions, long lastVersion) {
    IndexSnapshot s = index.snapshot();
    assertThat(s.version()).as("snapshot versions never go back").isGreaterThanOrEqualTo(lastVersion);
    versions.add(s.version());
    // read after the snapshot was taken: no batch in it has a larger number
    check(s, rnd, batchNumbers.get());
    return s.version();
  }

  /** Everything that holds in a snapshot made of whole batches numbered at most {@code latest}. */
  private void check(IndexSnapshot s, Random rnd, long latest) {
    checkPartition(s);
    checkBuckets(s);
    checkBatches(s, rnd, latest);
  }

  /** The segment and its negation split the snapshot's contacts exactly. */
  private static void checkPartition(IndexSnapshot s) {
    SegmentResult in = s.evaluate(SEGMENT, CTX);
    SegmentResult out = s.evaluate(NEGATION, CTX);
    ImmutableRoaringBitmap inRows = in.bitmap();
    ImmutableRoaringBitmap outRows = out.bitmap();
    assertThat(ImmutableRoaringBitmap.andCardinality(inRows, outRows))
        .as("contacts both in the segment and in its negation").isZero();
    assertThat(in.count() + out.count()).as("segment + negation").isEqualTo(s.size());
    assertThat(ImmutableRoaringBitmap.or(inRows, outRows).toArray())
        .isEqualTo(s.evaluate(all(), CTX).bitmap().toArray());

    Set<String> inIds = new HashSet<>(in.ids());
    assertThat(inIds).hasSize(in.count());
    Set<String> both = new HashSet<>();
    for (String id : out.ids()) {
      if (inIds.contains(id)) {
        both.add(id);
      }
    }
    assertThat(both).as("ids in the segment and in its negation").isEmpty();
    assertThat(new HashSet<>(out.ids())).hasSize(out.count());

    // one snapshot, one answer, however the index moves on meanwhile
    assertThat(s.evaluate(SEGMENT, CTX).bitmap().toArray()).isEqualTo(inRows.toArray());
    assertThat(s.evaluate(NEGATION, CTX).count()).isEqualTo(out.count());
  }

  /** Every contact's bucket reads the same through a string field, a tag, a range and a list. */
  private static void checkBuckets(IndexSnapshot s) {
    int total = 0;
    for (int b = 0; b < 4; b++) {
      int[] plan = rows(s, field("plan").eq("p" + b));
      assertThat(rows(s, tag("k-" + b))).as("tag k-%d vs plan p%d", b, b).isEqualTo(plan);
      assertThat(rows(s, all(numberField("score").gte(25 * b), numberField("score").lt(25 * b + 25))))
          .as("score bucket %d vs plan p%d", b, b).isEqualTo(plan);
      total += plan.length;
    }
    assertThat(total).as("contacts in some bucket").isEqualTo(s.size());
    assertThat(rows(s, list("news").subscribed()))
        .isEqualTo(rows(s, field("plan").in("p0", "p1")));
    assertThat(rows(s, list("news").unsubscribed())).isEqualTo(rows(s, field("plan").eq("p2")));
    assertThat(rows(s, list("news").anyStatus()))
        .isEqualTo(rows(s, not(field("plan").eq("p3"))));
  }

  /** Batch marks are all there or not at all. */
  private void checkBatches(IndexSnapshot s, Random rnd, long latest) {
    int transients = s.size() - MEMBERS;
    assertThat(transients).as("transient contacts").isBetween(0,
        MAX_ALIVE_TRANSIENT_BATCHES * TRANSIENTS);
    assertThat(transients % TRANSIENTS).as("transient contacts added/removed by whole batches")
        .isZero();
    assertThat(count(s, tag("t"))).isEqualTo(transients);
    assertThat(count(s, numberField("born").gte(0))).isEqualTo(transients);
    assertThat(count(s, numberField("gen").gte(0))).isEqualTo(MEMBERS);
    assertThat(count(s, numberField("gen").eq(0)) % GROUP_SIZE).isZero();

    for (int g = 0; g < GROUPS; g++) {
      assertThat(count(s, tag("g-" + g))).isEqualTo(GROUP_SIZE);
      if (latest > 0) {
        // all members of a group have the same gen: any threshold splits them all or none
        long x = 1 + rnd.nextLong(latest);
        assertThat(count(s, all(tag("g-" + g), numberField("gen").gte(x))))
            .as("members of group %d with gen >= %d", g, x).isIn(0, GROUP_SIZE);
      }
    }

    // the latest allocated batch numbers, and a few older ones
    Set<Long> numbers = new TreeSet<>();
    for (long n = Math.max(1, latest - WINDOW); n <= latest; n++) {
      numbers.add(n);
    }
    for (int i = 0; i < 4 && latest > 0; i++) {
      numbers.add(1 + rnd.nextLong(latest));
    }
    long newestSeen = 0;
    for (long n : numbers) {
      int gen = count(s, numberField("gen").eq(n));
      assertThat(gen).as("contacts with gen %d", n).isIn(0, GROUP_SIZE);
      assertThat(count(s, tag("b-" + n))).as("contacts tagged b-%d", n).isEqualTo(gen);
      assertThat(count(s, all(tag("b-" + n), numberField("gen").eq(n)))).isEqualTo(gen);
      int born = count(s, numberField("born").eq(n));
      assertThat(born).as("contacts born in batch %d", n).isIn(0, TRANSIENTS);
      for (int t = 0; t < TRANSIENTS; t++) {
        assertThat(s.containsContact(transientId(n, t))).isEqualTo(born == TRANSIENTS);
      }
      if (gen > 0 || born > 0) {
        newestSeen = n;
      }
    }
    if (newestSeen > 0 && newestSeen > latest - WINDOW) {
      // the newest batch in the snapshot was overwritten by nothing: all of it is there
      assertThat(count(s, numberField("gen").eq(newestSeen))).isEqualTo(GROUP_SIZE);
      assertThat(count(s, numberField("born").eq(newestSeen))).isEqualTo(TRANSIENTS);
    }

    // batches that threw are never seen
    int failed = failedBatches.size();
    for (int i = 0; i < 3 && failed > 0; i++) {
      long n = failedBatches.get(rnd.nextInt(failed));
      assertThat(count(s, numberField("gen").eq(n))).as("gen of failed batch %d", n).isZero();
      assertThat(count(s, tag("b-" + n))).as("tag of failed batch %d", n).isZero();
      assertThat(count(s, numberField("born").eq(n))).as("born in failed batch %d", n).isZero();
      assertThat(s.containsContact(transientId(n, 0))).isFalse();
    }
  }

  private static int count(IndexSnapshot s, Condition c) {
    return s.evaluate(c, CTX).count();
  }

  private static int[] rows(IndexSnapshot s, Condition c) {
    return s.evaluate(c, CTX).bitmap().toArray();
  }
}
