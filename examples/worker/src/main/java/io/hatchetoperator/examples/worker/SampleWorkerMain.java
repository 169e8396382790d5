package io.hatchetoperator.examples.worker;

import io.hatchetoperator.worker.Hatchet;
import io.hatchetoperator.worker.Worker;
import io.hatchetoperator.worker.WorkerState;
import io.hatchetoperator.worker.config.ConfigurationException;
import java.util.Locale;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Entry point of {@code sample-worker.jar}, configured only by the environment: the Hatchet client
 * variables, {@code HATCHET_WORKER_NAME} (default {@code sample-worker}), {@code HATCHET_WORKER_SLOTS}
 * (default 5), {@code HATCHET_WORKER_LOG_FORMAT} ({@code text} or {@code json}). Exits 0 after a
 * drain, 1 on bad configuration or when the worker gave up (the engine refused its token or
 * registration, or a reconnect limit set with {@code HATCHET_WORKER_MAX_RECONNECTS} ran out), 2 when it
 * was stopped at once by a second signal. The runtime itself never exits the process: this is where
 * the exit code is decided.
 */
public final class SampleWorkerMain {
  static final String NAME = "HATCHET_WORKER_NAME";
  static final String SLOTS = "HATCHET_WORKER_SLOTS";
  static final String LOG_FORMAT = "HATCHET_WORKER_LOG_FORMAT";

  private SampleWorkerMain() {}

  public static void main(String[] args) {
    Map<String, String> env = System.getenv();
    String problem = configureLogging(env);
    if (problem == null) {
      try {
        Hatchet hatchet = Hatchet.fromEnv(env);
        Worker worker = SampleWorker.create(hatchet, env.getOrDefault(NAME, SampleWorker.DEFAULT_NAME),
            slots(env.get(SLOTS)));
        System.exit(exitCode(worker.start()));
      } catch (ConfigurationException e) {
        problem = e.getMessage();
      }
    }
    LoggerFactory.getLogger(SampleWorkerMain.class).error("cannot start: {}", problem);
    System.exit(1);
  }

  /** 0 after a drain, 2 after a kill (second signal), 1 when the worker gave up. */
  static int exitCode(WorkerState end) {
    return switch (end) {
      case STOPPED -> 0;
      case KILLED -> 2;
      default -> 1;
    };
  }

  /** Picks the logback configuration before the first logger exists; returns a problem or null. */
  static String configureLogging(Map<String, String> env) {
    String format = env.getOrDefault(LOG_FORMAT, "text").toLowerCase(Locale.ROOT);
    String problem = null;
    if (!format.equals("text") && !format.equals("json")) {
      problem = LOG_FORMAT + "='" + format + "' is not a log format: set text or json";
      format = "text";
    }
    System.setProperty("logback.configurationFile", format.equals("json") ? "logback-json.xml" : "logback-text.xml");
    boolean debug = "true".equalsIgnoreCase(env.get("HATCHET_CLIENT_DEBUG"));
    System.setProperty("HATCHET_LOG_LEVEL", debug ? "DEBUG" : "INFO");
    return problem;
  }

  static int slots(String value) {
    if (value == null || value.isBlank()) {
      return 5;
    }
    try {
      int slots = Integer.parseInt(value.trim());
      if (slots >= 1) {
        return slots;
      }
    } catch (NumberFormatException e) {
      // falls through to the message below
    }
    throw new ConfigurationException(SLOTS + "='" + value
        + "' is not a positive integer: set the number of concurrent task runs, e.g. 5");
  }
}
