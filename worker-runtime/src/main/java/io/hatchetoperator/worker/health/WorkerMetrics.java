package io.hatchetoperator.worker.health;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.core.metrics.Info;
import io.prometheus.metrics.instrumentation.jvm.JvmGarbageCollectorMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmMemoryMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmThreadsMetrics;
import io.prometheus.metrics.instrumentation.jvm.ProcessMetrics;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.IntSupplier;
import java.util.function.ToIntFunction;

/**
 * A worker's Prometheus metrics, in a registry of its own (many workers can share a JVM): slots total
 * and used per slot type, tasks by outcome, task duration, assignment-to-start latency, reconnects,
 * heartbeat failures, undelivered events and drain state. Never labelled with anything secret.
 */
public final class WorkerMetrics {

  /** How a task run ended, as the {@code outcome} label spells it. */
  public enum Outcome {
    COMPLETED, FAILED, CANCELLED,
    /** Reported FAILED at the drain deadline (stop mode FAIL_FAST). */
    ABANDONED,
    /** Still running (or not started) at the drain deadline and left to the engine to reassign. */
    HANDED_BACK,
    /** Stopped because a newer attempt of the same run arrived; its result is never reported. */
    SUPERSEDED
  }

  private static final double[] SECONDS_BUCKETS = {
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900};

  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final Counter tasks;
  private final Histogram duration;
  private final Histogram startLatency;
  private final Counter reconnects;
  private final Counter heartbeatFailures;
  private final Counter overruns;
  private final Counter droppedEvents;

  /** Gauges read the live values through the given callbacks at scrape time. */
  public WorkerMetrics(Map<String, Integer> slotTotals, ToIntFunction<String> slotsUsed,
      IntSupplier pendingEvents, BooleanSupplier draining) {
    GaugeWithCallback.builder().name("hatchet_worker_slots").help("Slots of this worker per slot type")
        .labelNames("slot_type")
        .callback(cb -> slotTotals.forEach((type, n) -> cb.call(n, type))).register(registry);
    GaugeWithCallback.builder().name("hatchet_worker_slots_used").help("Slots running a task now")
        .labelNames("slot_type")
        .callback(cb -> slotTotals.keySet().forEach(t -> cb.call(slotsUsed.applyAsInt(t), t)))
        .register(registry);
    GaugeWithCallback.builder().name("hatchet_worker_pending_events")
        .help("Task events not yet delivered to the engine")
        .callback(cb -> cb.call(pendingEvents.getAsInt())).register(registry);
    GaugeWithCallback.builder().name("hatchet_worker_draining").help("1 while the worker drains")
        .callback(cb -> cb.call(draining.getAsBoolean() ? 1 : 0)).register(registry);
    tasks = Counter.builder().name("hatchet_worker_tasks").help("Task runs by outcome")
        .labelNames("outcome").register(registry);
    duration = Histogram.builder().name("hatchet_worker_task_duration_seconds")
        .help("Task run time, from start in a slot to its end").classicOnly()
        .classicUpperBounds(SECONDS_BUCKETS).register(registry);
    startLatency = Histogram.builder().name("hatchet_worker_assignment_to_start_seconds")
        .help("Time from receiving an assignment to the task starting in a slot").classicOnly()
        .classicUpperBounds(SECONDS_BUCKETS).register(registry);
    reconnects = Counter.builder().name("hatchet_worker_reconnects")
        .help("Reconnects of the assignment stream").register(registry);
    heartbeatFailures = Counter.builder().name("hatchet_worker_heartbeat_failures")
        .help("Heartbeats that failed").register(registry);
    overruns = Counter.builder().name("hatchet_worker_cancellation_overruns")
        .help("Cancelled task runs still running after the cancellation grace period").register(registry);
    droppedEvents = Counter.builder().name("hatchet_worker_events_dropped")
        .help("Task events given up on, by gRPC status code").labelNames("code").register(registry);
  }

  /**
   * Adds {@code hatchet_worker_build_info} and the JVM's and the process's metrics ({@code jvm_memory_*},
   * {@code jvm_threads_*}, {@code jvm_gc_collection_seconds}, {@code process_*}); call once, for a worker that serves
   * /metrics. Only collectors that read the JVM's MXBeans at scrape time: none leaves a listener behind, which
   * matters when many workers come and go in one JVM (the sandbox).
   */
  public void runtimeMetrics(String version) {
    Info.builder().name("hatchet_worker_build_info").help("The worker runtime's version and the Java runtime")
        .labelNames("version", "java_version").register(registry)
        .setLabelValues(version, System.getProperty("java.version", "unknown"));
    JvmMemoryMetrics.builder().register(registry);
    JvmThreadsMetrics.builder().register(registry);
    JvmGarbageCollectorMetrics.builder().register(registry);
    ProcessMetrics.builder().register(registry);
  }

  /** Adds a gauge that is 1 while the engine acknowledges heartbeats on an accepted stream. */
  public void connectedGauge(BooleanSupplier connected) {
    GaugeWithCallback.builder().name("hatchet_worker_engine_connected")
        .help("1 while the engine accepts this worker's stream and heartbeats")
        .callback(cb -> cb.call(connected.getAsBoolean() ? 1 : 0)).register(registry);
  }

  public void cancellationOverrun() {
    overruns.inc();
  }

  public void eventDropped(String code) {
    droppedEvents.labelValues(code).inc();
  }

  /** Events given up on with {@code code}. */
  public long eventsDropped(String code) {
    return (long) droppedEvents.labelValues(code).get();
  }

  public long cancellationOverruns() {
    return (long) overruns.get();
  }

  public void taskEnded(Outcome outcome, double seconds) {
    tasks.labelValues(outcome.name().toLowerCase(java.util.Locale.ROOT)).inc();
    duration.observe(seconds);
  }

  public void taskStarted(double secondsSinceAssignment) {
    startLatency.observe(secondsSinceAssignment);
  }

  public void reconnected() {
    reconnects.inc();
  }

  public void heartbeatFailed() {
    heartbeatFailures.inc();
  }

  /** Count of task runs that ended with {@code outcome}. */
  public long tasks(Outcome outcome) {
    return (long) tasks.labelValues(outcome.name().toLowerCase(java.util.Locale.ROOT)).get();
  }

  /** Writes every metric in the Prometheus text format. */
  public void write(OutputStream out) throws IOException {
    PrometheusTextFormatWriter.create().write(out, registry.scrape());
  }
}
