package io.hatchetoperator.sandbox.worker;

import io.hatchetoperator.sandbox.cluster.PodProcess;
import io.hatchetoperator.worker.Hatchet;
import io.hatchetoperator.worker.Worker;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * A pod's container running a real Java worker in-process: start = {@code startAsync()} until it listens,
 * SIGTERM = {@code shutdown()} (the runtime's drain), crash = {@code kill()}.
 */
final class WorkerPodProcess implements PodProcess {

  private static final long START_TIMEOUT_S = 30;
  private final Supplier<Hatchet> hatchets;
  private final WorkerFactory workers;
  private final String name;
  private final int slots;
  private volatile Hatchet hatchet;
  private volatile Worker worker;

  WorkerPodProcess(Supplier<Hatchet> hatchets, WorkerFactory workers, String name, int slots) {
    this.hatchets = hatchets;
    this.workers = workers;
    this.name = name;
    this.slots = slots;
  }

  @Override
  public void start() throws Exception {
    hatchet = hatchets.get();
    worker = workers.create(hatchet, name, slots);
    try {
      worker.startAsync().get(START_TIMEOUT_S, TimeUnit.SECONDS);
    } catch (Exception e) {
      kill();
      throw e;
    }
  }

  @Override
  public CompletableFuture<Void> shutdown() {
    Worker w = worker;
    if (w == null) {
      return CompletableFuture.completedFuture(null);
    }
    return w.shutdown().whenComplete((ok, error) -> closeClient());
  }

  @Override
  public void kill() {
    Worker w = worker;
    if (w != null) {
      w.kill();
    }
    closeClient();
  }

  @Override
  public int runningTasks() {
    Worker w = worker;
    return w == null ? 0 : w.runningTasks();
  }

  @Override
  public int slots() {
    return slots;
  }

  private void closeClient() {
    Hatchet h = hatchet;
    if (h != null) {
      h.close();
    }
  }
}
