package io.hatchetoperator.worker.runtime;

import java.lang.reflect.Method;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads a worker owns: one control scheduler and the executor of task runs. On a JDK with
 * virtual threads (21+) each task run gets a virtual thread, so a run waiting for a slot costs no
 * platform thread; on 17 a fixed pool of {@code slots + spare} platform threads runs them and further
 * assignments wait in its queue without a thread. The spare threads serve cancelled or superseded runs
 * whose code has not returned yet while their slot is already given to the next run.
 */
record WorkerThreads(ScheduledExecutorService control, ExecutorService tasks, boolean virtual, boolean owned) {
  /** Platform threads beyond the slot count, for runs that ignore cancellation for a while. */
  static final int SPARE_THREADS = 8;

  WorkerThreads(String name, int slots) {
    this(Executors.newSingleThreadScheduledExecutor(named("hatchet-" + name + "-control")),
        taskExecutor("hatchet-" + name + "-task", slots));
  }

  /** With the caller's executor for task bodies ({@code injected}, never shut down here), or the default one when null. */
  WorkerThreads(String name, int slots, ExecutorService injected) {
    this(Executors.newSingleThreadScheduledExecutor(named("hatchet-" + name + "-control")),
        injected == null ? taskExecutor("hatchet-" + name + "-task", slots) : injected, injected == null);
  }

  private WorkerThreads(ScheduledExecutorService control, ExecutorService tasks) {
    this(control, tasks, true);
  }

  private WorkerThreads(ScheduledExecutorService control, ExecutorService tasks, boolean owned) {
    this(control, tasks, owned && !(tasks instanceof ThreadPoolExecutor), owned);
  }

  void close(boolean now) {
    if (now) {
      if (owned) {
        tasks.shutdownNow();
      }
      control.shutdownNow();
    } else {
      if (owned) {
        tasks.shutdown();
      }
      control.shutdown();
    }
  }

  /** Virtual threads when the JDK has them (found reflectively: the jar targets Java 17), else a bounded pool. */
  static ExecutorService taskExecutor(String prefix, int slots) {
    ExecutorService virtual = virtualThreads(prefix);
    if (virtual != null) {
      return virtual;
    }
    int threads = slots + SPARE_THREADS;
    ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), named(prefix));
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }

  private static ExecutorService virtualThreads(String prefix) {
    try {
      Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
      Class<?> builderType = Class.forName("java.lang.Thread$Builder");
      builder = builderType.getMethod("name", String.class, long.class).invoke(builder, prefix + "-", 1L);
      ThreadFactory factory = (ThreadFactory) builderType.getMethod("factory").invoke(builder);
      Method perTask = Executors.class.getMethod("newThreadPerTaskExecutor", ThreadFactory.class);
      return (ExecutorService) perTask.invoke(null, factory);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  private static ThreadFactory named(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return r -> {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }
}
