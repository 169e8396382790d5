package io.hatchetoperator.sandbox;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Every setting of a sandbox run, with its default and unit, in one place.
 *
 * @param pool the HatchetWorkerPool manifest to apply (default: the bundled copy of examples/ sample pool)
 * @param trace a CSV trace {@code arrival_ms,duration_ms} (default: the built-in scenario)
 * @param reportDir where report.json and report.html go (default {@code sandbox-report})
 * @param live redraw a panel in the terminal (default true); false prints one plain line per second
 * @param keepRunning leave everything up after the run and print how to join it (default false)
 * @param namespace the namespace the pool is applied in (default {@code sandbox})
 * @param startupDelay a pod's time from creation to ready (default 3 s)
 * @param sampleInterval how often the live view and the chart sample the loop (default 1 s)
 * @param readyTimeout how long the pool may take to reach its minimum before any load (default 60 s)
 * @param settleTimeout after the last arrival, how long to wait for every result and for the pool to return
 *     to its minimum (default 150 s)
 */
public record SandboxSettings(Path pool, Path trace, Path reportDir, boolean live, boolean keepRunning,
    String namespace, Duration startupDelay, Duration sampleInterval, Duration readyTimeout,
    Duration settleTimeout) {

  /** How long the sandbox's end waits for its pods' workers to drain before killing them. */
  public Duration drainOnClose() {
    return Duration.ofSeconds(30);
  }

  /** The defaults above. */
  public static SandboxSettings defaults() {
    return new SandboxSettings(null, null, Path.of("sandbox-report"), true, false, "sandbox",
        Duration.ofSeconds(3), Duration.ofSeconds(1), Duration.ofSeconds(60), Duration.ofSeconds(80));
  }

  /** With another pool manifest. */
  public SandboxSettings withPool(Path p) {
    return new SandboxSettings(p, trace, reportDir, live, keepRunning, namespace, startupDelay, sampleInterval,
        readyTimeout, settleTimeout);
  }

  /** With another trace. */
  public SandboxSettings withTrace(Path t) {
    return new SandboxSettings(pool, t, reportDir, live, keepRunning, namespace, startupDelay, sampleInterval,
        readyTimeout, settleTimeout);
  }

  /** With another report directory. */
  public SandboxSettings withReportDir(Path d) {
    return new SandboxSettings(pool, trace, d, live, keepRunning, namespace, startupDelay, sampleInterval,
        readyTimeout, settleTimeout);
  }

  /** With the live panel on or off. */
  public SandboxSettings withLive(boolean l) {
    return new SandboxSettings(pool, trace, reportDir, l, keepRunning, namespace, startupDelay, sampleInterval,
        readyTimeout, settleTimeout);
  }

  /** Left running at the end, or not. */
  public SandboxSettings withKeepRunning(boolean k) {
    return new SandboxSettings(pool, trace, reportDir, live, k, namespace, startupDelay, sampleInterval,
        readyTimeout, settleTimeout);
  }

  /** With another pod start-up delay. */
  public SandboxSettings withStartupDelay(Duration d) {
    return new SandboxSettings(pool, trace, reportDir, live, keepRunning, namespace, d, sampleInterval,
        readyTimeout, settleTimeout);
  }

  /** With another settle timeout. */
  public SandboxSettings withSettleTimeout(Duration d) {
    return new SandboxSettings(pool, trace, reportDir, live, keepRunning, namespace, startupDelay, sampleInterval,
        readyTimeout, d);
  }
}
