package io.hatchetoperator.autoscaler.orchestrator;

import java.time.Instant;

/**
 * Something a user should be told about a pool's scaling (a Kubernetes Event, a log line).
 *
 * @param pool the pool key
 * @param type what happened
 * @param message one line with the numbers
 * @param at when (the tick's time)
 */
public record ScalingEvent(String pool, ScalingEventType type, String message, Instant at) {
}
