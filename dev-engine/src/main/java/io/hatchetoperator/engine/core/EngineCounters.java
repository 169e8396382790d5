package io.hatchetoperator.engine.core;

/** Monotonic task counters for the hatchet_tenant_*_tasks metrics. */
public record EngineCounters(long created, long assigned, long succeeded, long failed, long cancelled, long retried,
    long reassigned, long timedOut) {}
