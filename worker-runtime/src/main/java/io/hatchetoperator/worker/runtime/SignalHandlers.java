package io.hatchetoperator.worker.runtime;

import io.hatchetoperator.worker.Worker;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;

/**
 * SIGTERM/SIGINT handling for a worker started in blocking mode: the first signal starts the
 * graceful drain, a second one kills the worker at once (it reports nothing more; the engine
 * reassigns its tasks), which ends {@code start()} with {@link io.hatchetoperator.worker.WorkerState#KILLED}.
 * Replaces the JVM's default handling, so the drain is not cut short by the JVM's own shutdown; the
 * caller's {@code main} decides whether and how the process exits.
 */
final class SignalHandlers {
  private static final Logger LOG = LoggerFactory.getLogger(SignalHandlers.class);

  private SignalHandlers() {}

  static void install(Worker worker) {
    AtomicBoolean received = new AtomicBoolean();
    for (String name : new String[] {"TERM", "INT"}) {
      try {
        Signal.handle(new Signal(name), signal -> {
          if (received.compareAndSet(false, true)) {
            LOG.info("received SIG{}: draining worker '{}' (send it again to stop at once)", name, worker.name());
            worker.shutdown();
          } else {
            LOG.warn("received SIG{} again: stopping worker '{}' now", name, worker.name());
            worker.kill();
          }
        });
      } catch (IllegalArgumentException e) {
        LOG.warn("cannot handle SIG{} on this platform: {}", name, e.getMessage());
      }
    }
  }
}
