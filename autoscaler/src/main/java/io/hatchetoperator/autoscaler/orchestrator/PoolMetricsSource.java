package io.hatchetoperator.autoscaler.orchestrator;

/**
 * Port: where the orchestrator reads a pool's figures. Called once per pool per tick, on the thread that runs
 * {@link ScalingOrchestrator#tick}; it should answer from data fetched for the tick (one engine poll per tenant)
 * rather than block on I/O. It must not throw: failures are {@link MetricsReading#unavailable}.
 */
public interface PoolMetricsSource {

    /** The pool's inputs now, or unavailable with a reason naming what failed. */
    MetricsReading read(String pool);
}
