package dev.tuna.augment.layers.internal;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntConsumer;

/**
 * Runs per-image work of a batch on several threads: a layer draws its transformation for the whole batch first, so
 * applying it image by image in any order, on any thread, gives the same result. The calling thread takes part; the
 * others come from one shared pool of daemon threads (as many as available processors, idle ones end after a few
 * seconds). The number of threads is {@code -Dtuna.layers.threads=N} when set (1 runs everything on the calling
 * thread), else the number of available processors.
 */
public final class BatchParallel {
  /** The system property that sets the number of threads per batch. */
  public static final String PROPERTY = "tuna.layers.threads";

  private static final AtomicInteger THREAD_IDS = new AtomicInteger();

  private BatchParallel() {}

  private static final class Pool {
    static final ThreadPoolExecutor EXECUTOR = executor();

    private static ThreadPoolExecutor executor() {
      int size = Math.max(1, Runtime.getRuntime().availableProcessors());
      ThreadPoolExecutor e = new ThreadPoolExecutor(size, size, 5, TimeUnit.SECONDS, new LinkedBlockingQueue<>(),
          r -> {
            Thread t = new Thread(r, "tuna-layers-" + THREAD_IDS.incrementAndGet());
            t.setDaemon(true);
            return t;
          });
      e.allowCoreThreadTimeOut(true);
      return e;
    }
  }

  /**
   * The number of threads a batch uses: {@code -Dtuna.layers.threads} when set to a positive number, else the
   * number of available processors.
   *
   * @return at least 1
   * @throws IllegalArgumentException when the property is set but not a positive integer
   */
  public static int threads() {
    String p = System.getProperty(PROPERTY);
    if (p == null || p.isBlank()) {
      return Math.max(1, Runtime.getRuntime().availableProcessors());
    }
    int n;
    try {
      n = Integer.parseInt(p.trim());
    } catch (NumberFormatException e) {
      n = 0;
    }
    if (n < 1) {
      throw new IllegalArgumentException(PROPERTY + " must be a positive integer but was " + p);
    }
    return n;
  }

  /**
   * Calls {@code body} once for every index in {@code [0, n)} on up to {@code threads} threads, the calling thread
   * included, and returns when all calls have returned. The calls must write disjoint data.
   *
   * @param n the number of indices
   * @param threads the most threads to use
   * @param body the work of one index
   * @throws IllegalArgumentException when {@code threads} is less than 1
   */
  public static void forEach(int n, int threads, IntConsumer body) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be at least 1 but was " + threads);
    }
    int helpers = Math.min(threads, n) - 1;
    if (helpers <= 0) {
      for (int i = 0; i < n; i++) {
        body.accept(i);
      }
      return;
    }
    AtomicInteger next = new AtomicInteger();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    Runnable worker = () -> {
      try {
        for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
          body.accept(i);
        }
      } catch (RuntimeException | Error e) {
        failure.compareAndSet(null, e);
        next.set(n);
      }
    };
    // a helper works only if it claims its slot before the caller does; the caller claims the slots of helpers
    // that have not started once the indices are all taken, so it never waits for a task still in the queue
    AtomicBoolean[] claimed = new AtomicBoolean[helpers];
    CountDownLatch done = new CountDownLatch(helpers);
    for (int k = 0; k < helpers; k++) {
      AtomicBoolean slot = new AtomicBoolean();
      claimed[k] = slot;
      Pool.EXECUTOR.execute(() -> {
        if (slot.compareAndSet(false, true)) {
          try {
            worker.run();
          } finally {
            done.countDown();
          }
        }
      });
    }
    worker.run();
    for (AtomicBoolean slot : claimed) {
      if (slot.compareAndSet(false, true)) {
        done.countDown();
      }
    }
    boolean interrupted = false;
    while (true) {
      try {
        done.await();
        break;
      } catch (InterruptedException e) {
        interrupted = true; // the helpers write into the caller's arrays: wait for them all the same
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
    Throwable f = failure.get();
    if (f instanceof RuntimeException r) {
      throw r;
    }
    if (f instanceof Error err) {
      throw err;
    }
  }
}
