package io.hatchetoperator.autoscaler.sim;

/**
 * One task of a trace.
 *
 * @param arrivalMs when it is queued, in milliseconds from the start of the trace
 * @param durationMs how long it runs once it has a slot
 */
public record TraceTask(long arrivalMs, long durationMs) {
}
