package io.hatchetoperator.worker.runtime;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/** The threads a worker owns: one control scheduler and a pool for task runs. */
record WorkerThreads(ScheduledExecutorService control, ExecutorService tasks) {
  WorkerThreads(String name) {
    this(Executors.newSingleThreadScheduledExecutor(named("hatchet-" + name + "-control")),
        Executors.newCachedThreadPool(named("hatchet-" + name + "-task")));
  }

  void close(boolean now) {
    if (now) {
      tasks.shutdownNow();
      control.shutdownNow();
    } else {
      tasks.shutdown();
      control.shutdown();
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
