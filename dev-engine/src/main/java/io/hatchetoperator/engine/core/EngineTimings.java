package io.hatchetoperator.engine.core;

import java.time.Duration;

/**
 * The scheduler's time rules.
 *
 * @param heartbeatTimeout a worker not heard from for this long gets no new tasks (Hatchet: 5 s)
 * @param reassignAfter tasks of a worker silent for this long are queued again (Hatchet: 30 s)
 * @param runRetention finished runs are forgotten after this long
 * @param workerRetention workers that stopped listening are dropped from the list after this long
 * @param maxFinishedRuns at most this many finished runs are kept (the oldest go first), bounding memory under load
 */
public record EngineTimings(Duration heartbeatTimeout, Duration reassignAfter, Duration runRetention,
    Duration workerRetention, int maxFinishedRuns) {

  /** Hatchet's heartbeat rules; finished runs kept 15 min (at most 200,000), silent workers 1 h. */
  public static EngineTimings hatchet() {
    return new EngineTimings(Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMinutes(15), Duration.ofHours(1),
        200_000);
  }
}
