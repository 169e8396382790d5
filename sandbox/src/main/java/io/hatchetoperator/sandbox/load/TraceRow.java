package io.hatchetoperator.sandbox.load;

/** One task of a trace: when it arrives (ms from the start) and how long its {@code sleep} runs (ms). */
public record TraceRow(long arrivalMs, long durationMs) {}
