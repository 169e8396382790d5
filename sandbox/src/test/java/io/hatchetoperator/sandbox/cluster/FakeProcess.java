package io.hatchetoperator.sandbox.cluster;

import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/** A test double of a pod's process: records its life, holds a settable number of running tasks. */
final class FakeProcess implements PodProcess {

  final PodLaunch launch;
  final AtomicInteger running = new AtomicInteger();
  final CompletableFuture<Void> exited = new CompletableFuture<>();
  volatile boolean started;
  volatile boolean terminated;
  volatile boolean killed;

  FakeProcess(PodLaunch launch) {
    this.launch = launch;
  }

  Map<String, String> env() {
    return launch.env();
  }

  @Override public void start() {
    started = true;
  }

  @Override public CompletableFuture<Void> shutdown() {
    terminated = true;
    if (running.get() == 0) {
      exited.complete(null);
    }
    return exited;
  }

  @Override public void kill() {
    killed = true;
    exited.complete(null);
  }

  @Override public int runningTasks() {
    return running.get();
  }

  @Override public int slots() {
    return 5;
  }
}
