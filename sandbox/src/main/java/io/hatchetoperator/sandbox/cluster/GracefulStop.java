package io.hatchetoperator.sandbox.cluster;

import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The kubelet's stop of one container: SIGTERM, wait for the grace period, then SIGKILL. Returns how many
 * tasks were still running when the grace period ended (they are killed).
 */
final class GracefulStop {

  private final PodProcess process;
  private final Duration grace;

  GracefulStop(PodProcess process, Duration grace) {
    this.process = process;
    this.grace = grace;
  }

  int run() {
    try {
      process.shutdown().get(grace.toMillis(), TimeUnit.MILLISECONDS);
      return 0;
    } catch (TimeoutException e) {
      int killed = process.runningTasks();
      process.kill();
      return killed;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      int killed = process.runningTasks();
      process.kill();
      return killed;
    } catch (ExecutionException e) {
      int killed = process.runningTasks(); // the drain failed: what still runs is killed, and counted
      process.kill();
      return killed;
    }
  }
}
