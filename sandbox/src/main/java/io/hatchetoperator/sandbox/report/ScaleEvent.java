package io.hatchetoperator.sandbox.report;

/** A change of the Deployment's replicas at {@code tMs} since the run started. */
public record ScaleEvent(long tMs, int from, int to) {}
