package io.hatchetoperator.worker.runtime;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.hatchetoperator.worker.client.EngineStubs;
import io.hatchetoperator.worker.config.HatchetSettings;
import io.hatchetoperator.worker.health.WorkerMetrics;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What every task execution of one worker shares: settings, engine stubs, events, slots, metrics, the control thread,
 * the JSON mapper, the log sender, the DurableTask stream and the engine's version (null until known or if unknown).
 */
record ExecutionServices(HatchetSettings settings, Supplier<String> workerId, EngineStubs stubs,
    EventReporter events, SlotPool slots, WorkerMetrics metrics, ScheduledExecutorService control,
    Consumer<TaskExecution> onEnd, ObjectMapper mapper, LogSender logs, DurableStream durable,
    Supplier<EngineVersion> engineVersion) {}
