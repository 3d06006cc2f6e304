package org.segmentdsl.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import org.segmentdsl.internal.Budget;
import org.segmentdsl.internal.ReadMeter;

/**
 * A loop over many rows split into chunks that the calling thread and a pool's threads take in
 * turn. The calling thread takes chunks too and waits only for chunks another thread has taken
 * (and is working on), never for a thread to start: a busy pool, a pool of one thread, or a pool
 * that refuses work leave the loop on the calling thread at its own speed.
 *
 * <p>Each thread gets one {@link Worker} for all the chunks it takes, made from a {@link
 * Budget#fork} of the evaluation's budget (the calling thread's from the budget itself), so state
 * that is not thread-safe (an event decoder, a memo of property verdicts) is never shared. The
 * first exception any thread throws (a passed deadline, a cancellation) stops the others at their
 * next chunk and is rethrown on the calling thread.
 */
final class Chunks {
  /** Below this many rows the loop runs on the calling thread: handing out costs more. */
  static final int MIN_ROWS = 16_384;
  /** Rows per chunk: a few milliseconds of decoding events, at most. */
  static final int CHUNK_ROWS = 4_096;

  private Chunks() {}

  /** One thread's share: runs chunks {@code [from, to)} of the rows, one after another. */
  interface Worker<R> {
    R run(int from, int to);
  }

  /**
   * The results of every chunk of {@code rows} rows, in the rows' order. With no pool or fewer than
   * {@link #MIN_ROWS} rows (or while {@link ReadMeter} measures this thread), one chunk of all of
   * them, on this thread.
   */
  static <R> List<R> map(ForkJoinPool pool, Budget budget, int rows,
      Function<Budget, Worker<R>> workers) {
    int chunks = (rows + CHUNK_ROWS - 1) / CHUNK_ROWS;
    if (pool == null || rows < MIN_ROWS || chunks < 2 || ReadMeter.isMeasuring()) {
      return List.of(workers.apply(budget).run(0, rows));
    }
    Object[] results = new Object[chunks];
    AtomicInteger next = new AtomicInteger();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    CountDownLatch finished = new CountDownLatch(chunks);
    class Share implements Runnable {
      private final Budget own;

      Share(Budget own) {
        this.own = own;
      }

      @Override
      public void run() {
        Worker<R> worker = null;
        for (int c; (c = next.getAndIncrement()) < chunks; ) {
          try {
            if (failure.get() == null) {
              if (worker == null) {
                worker = workers.apply(own);
              }
              results[c] = worker.run(c * CHUNK_ROWS, Math.min(rows, (c + 1) * CHUNK_ROWS));
            }
          } catch (Throwable t) {
            failure.compareAndSet(null, t);
          } finally {
            finished.countDown();
          }
        }
      }
    }
    int helpers = Math.min(pool.getParallelism(), chunks - 1);
    try {
      for (int i = 0; i < helpers; i++) {
        pool.execute(new Share(budget.fork()));
      }
    } catch (RejectedExecutionException e) {
      // a pool shut down or full: the calling thread takes what no helper does
    }
    new Share(budget).run();
    awaitUninterruptibly(finished); // every chunk is taken: wait for those still being worked on
    Throwable t = failure.get();
    if (t instanceof RuntimeException r) {
      throw r;
    }
    if (t instanceof Error e) {
      throw e;
    }
    @SuppressWarnings("unchecked")
    List<R> list = (List<R>) new ArrayList<>(Arrays.asList(results));
    return list;
  }

  private static void awaitUninterruptibly(CountDownLatch latch) {
    boolean interrupted = false;
    while (true) {
      try {
        latch.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
