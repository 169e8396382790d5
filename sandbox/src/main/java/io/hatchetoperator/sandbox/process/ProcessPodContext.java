package io.hatchetoperator.sandbox.process;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Consumer;

/**
 * What every process container of one sandbox shares.
 *
 * @param workDir the working directory of every process (the project root)
 * @param logDir where each pod's output goes, one {@code <pod>.log} file per pod
 * @param engineHostPort the engine's gRPC {@code host:port}, which each pod's proxy forwards to
 * @param hostEnv the sandbox's own environment, the base of each process's environment
 * @param workers reads, by worker id, what the engine knows of a process's workers
 * @param completions gets the task run id of every completion a process reported and the engine acknowledged
 * @param timer runs the containers' supervision ticks and probes
 */
public record ProcessPodContext(Path workDir, Path logDir, String engineHostPort, Map<String, String> hostEnv,
    EngineWorkers workers, Consumer<String> completions, ScheduledExecutorService timer) {}
