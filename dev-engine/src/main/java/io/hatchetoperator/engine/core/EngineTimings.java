package io.hatchetoperator.engine.core;

import java.time.Duration;

/**
 * The scheduler's time rules.
 *
 * @param heartbeatTimeout a worker not heard from for this long gets no new tasks (Hatchet: 5 s)
 * @param reassignAfter tasks of a worker silent for this long are queued again (Hatchet: 30 s)
 * @param runRetention finished runs are forgotten after this long
 * @param workerRetention workers that stopped listening are dropped from the list after this long
 */
public record EngineTimings(Duration heartbeatTimeout, Duration reassignAfter, Duration runRetention,
    Duration workerRetention) {

  /** Hatchet's values; runs kept 30 min, workers 1 h. */
  public static EngineTimings hatchet() {
    return new EngineTimings(Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofMinutes(30), Duration.ofHours(1));
  }
}
