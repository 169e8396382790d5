package io.hatchetoperator.sandbox.process;

import io.fabric8.kubernetes.api.model.Container;
import io.hatchetoperator.sandbox.cluster.ContainerState;
import io.hatchetoperator.sandbox.cluster.EnvExpansion;
import io.hatchetoperator.sandbox.cluster.PodLaunch;
import io.hatchetoperator.sandbox.cluster.PodProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A pod's container run as a child OS process, with the kubelet's duties for it: {@code command} +
 * {@code args} started in the project root with the pod's environment ({@link ProcessEnvironment}), output
 * appended to the pod's log file; startup, liveness and readiness probes sent for real to its health port;
 * a failed liveness probe or an exit restarts it after the crash back-off (counted, shown as
 * {@code CrashLoopBackOff} with the exit code); SIGTERM on shutdown, SIGKILL (of the whole process tree) on
 * kill. Its engine traffic goes through the pod's own {@link EngineProxy}, so the sandbox knows its workers.
 */
final class ProcessContainer implements PodProcess {

  private static final Logger log = LoggerFactory.getLogger(ProcessContainer.class);
  private static final long TICK_MS = 200;
  /** Exit code the kubelet reports when the container's command cannot be started. */
  static final int START_ERROR_EXIT = 128;

  private final PodLaunch launch;
  private final ProcessPodContext ctx;
  private final Path logFile;
  private final CrashBackoff backoff = new CrashBackoff();
  private EngineWireTap tap;
  private EngineProxy proxy;
  private ProcessEnvironment env;
  private List<String> command;
  private ProbeRun readiness;
  private ProbeRun liveness;
  private ProbeRun startup;
  private ScheduledFuture<?> ticks;
  // Mutated under 'this' by the tick, start, shutdown and kill; 'state' is what readers see without locking.
  private Process process;
  private Instant startedAt;
  private Instant restartAt;
  private Instant killDeadline;
  private String killCause;
  private boolean stopped;
  private int restarts;
  private ContainerState.Termination lastExit;
  private volatile ContainerState state = new ContainerState(false, false, 0, "ContainerCreating", null, null);

  ProcessContainer(PodLaunch launch, ProcessPodContext ctx) {
    this.launch = launch;
    this.ctx = ctx;
    this.logFile = ctx.logDir().resolve(launch.podName() + ".log");
  }

  @Override
  public synchronized void start() throws IOException {
    Container spec = launch.spec();
    readiness = ProbeRun.of(ProbeSpec.of("readiness", spec.getReadinessProbe(), spec), false);
    liveness = ProbeRun.of(ProbeSpec.of("liveness", spec.getLivenessProbe(), spec), true);
    startup = ProbeRun.of(ProbeSpec.of("startup", spec.getStartupProbe(), spec), false);
    Files.createDirectories(ctx.logDir());
    tap = new EngineWireTap(ctx.completions());
    proxy = new EngineProxy(ctx.engineHostPort(), tap);
    try {
      env = ProcessEnvironment.of(ctx.hostEnv(), launch.env(), proxy.hostPort(), HostPorts::allocate);
      command = commandLine(spec);
    } catch (RuntimeException e) {
      proxy.close();
      throw e;
    }
    run();
    ticks = ctx.timer().scheduleWithFixedDelay(this::tickSafely, TICK_MS, TICK_MS, TimeUnit.MILLISECONDS);
  }

  private List<String> commandLine(Container spec) {
    List<String> line = new ArrayList<>();
    // $(VAR) expands as the kubelet does, against what the process sees (its host health port, its proxy)
    spec.getCommand().forEach(c -> line.add(EnvExpansion.expand(c, env.env())));
    if (spec.getArgs() != null) {
      spec.getArgs().forEach(a -> line.add(EnvExpansion.expand(a, env.env())));
    }
    String program = line.get(0);
    if (program.contains("/") && !Path.of(program).isAbsolute()) {
      line.set(0, ctx.workDir().resolve(program).normalize().toString());
    }
    return line;
  }

  private void run() {
    Instant now = Instant.now();
    note("--- " + now + " container " + launch.container() + " start #" + (restarts + 1) + ": "
        + String.join(" ", command));
    ProcessBuilder builder = new ProcessBuilder(command).directory(ctx.workDir().toFile()).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()));
    builder.environment().clear();
    builder.environment().putAll(env.env());
    try {
      process = builder.start();
      startedAt = now;
      readiness.reset(now);
      liveness.reset(now);
      startup.reset(now);
      log.info("pod {}: process {} started ({}), output in {}", launch.podName(), process.pid(), command.get(0),
          logFile);
      publish(null, null);
    } catch (IOException e) {
      startedAt = now;
      ended(START_ERROR_EXIT, "StartError", "exec: " + command.get(0) + ": " + e.getMessage());
    }
  }

  private void tickSafely() {
    try {
      tick();
    } catch (RuntimeException e) {
      log.warn("pod {}: container supervision failed: {}", launch.podName(), e.toString());
    }
  }

  private synchronized void tick() {
    if (stopped) {
      return;
    }
    Instant now = Instant.now();
    if (process == null) {
      if (!now.isBefore(restartAt)) {
        restarts++;
        run();
      }
      return;
    }
    if (!process.isAlive()) {
      int code = process.exitValue();
      ended(code, killCause != null ? "Error" : code == 0 ? "Completed" : "Error",
          killCause != null ? killCause : "the process exited with code " + code);
      return;
    }
    if (killDeadline != null) {
      if (now.isAfter(killDeadline)) {
        ProcessTree.kill(process);
      }
      return;
    }
    if (!startup.passing()) {
      // Kubernetes runs neither liveness nor readiness until the startup probe has passed
      if (startup.due(now)) {
        startup.probe(env, now);
        if (startup.gaveUp()) {
          killFor("startup probe failed " + startup.spec().failureThreshold() + " times: GET " + startup.target(),
              now);
        }
      }
      return;
    }
    if (liveness.due(now) && !liveness.probe(env, now)) {
      killFor("liveness probe failed " + liveness.spec().failureThreshold() + " times: GET " + liveness.target(),
          now);
      return;
    }
    if (readiness.due(now)) {
      readiness.probe(env, now);
      publish(null, null);
    }
  }

  /** The kubelet kills a container whose probe failed: SIGTERM, SIGKILL after the grace period, then restart. */
  private void killFor(String why, Instant now) {
    killCause = why + "; the container is killed and restarted";
    log.warn("pod {}: {}", launch.podName(), killCause);
    note("--- " + now + " " + killCause);
    process.destroy();
    killDeadline = now.plusSeconds(launch.graceSeconds());
    publish(null, null);
  }

  private void ended(int exitCode, String reason, String message) {
    Instant now = Instant.now();
    process = null;
    killDeadline = null;
    killCause = null;
    lastExit = new ContainerState.Termination(exitCode, reason, message);
    Duration delay = backoff.next(Duration.between(startedAt, now));
    restartAt = now.plus(delay);
    String why = "back-off " + delay.toSeconds() + "s restarting failed container=" + launch.container() + " pod="
        + launch.podName() + ": last exit code " + exitCode + " (" + reason + "): " + message;
    log.warn("pod {}: {}", launch.podName(), why);
    note("--- " + now + " " + why);
    publish("CrashLoopBackOff", why);
  }

  private void publish(String waitingReason, String waitingMessage) {
    boolean running = process != null && killDeadline == null;
    boolean ready = running && startup.passing() && readiness.passing();
    state = new ContainerState(running, ready, restarts, running ? null : waitingReason,
        running ? null : waitingMessage, lastExit);
  }

  @Override
  public ContainerState state() {
    return state;
  }

  @Override
  public synchronized CompletableFuture<Void> shutdown() {
    stopped = true;
    if (ticks != null) {
      ticks.cancel(false);
    }
    Process p = process;
    if (p == null || !p.isAlive()) {
      closeProxy();
      return CompletableFuture.completedFuture(null);
    }
    log.info("pod {}: SIGTERM to process {}", launch.podName(), p.pid());
    p.destroy();
    return p.onExit().thenAccept(exited -> closeProxy());
  }

  @Override
  public void kill() {
    Process p;
    synchronized (this) {
      stopped = true;
      if (ticks != null) {
        ticks.cancel(false);
      }
      p = process;
    }
    if (p != null) {
      ProcessTree.kill(p);
    }
    closeProxy();
  }

  @Override
  public int runningTasks() {
    EngineWireTap t = tap;
    return t == null ? 0 : t.workerIds().stream().mapToInt(ctx.workers()::runningTasks).sum();
  }

  @Override
  public int slots() {
    EngineWireTap t = tap;
    List<String> ids = t == null ? List.of() : t.workerIds();
    return ids.isEmpty() ? 0 : ctx.workers().slots(ids.get(ids.size() - 1));
  }

  private void closeProxy() {
    EngineProxy p = proxy;
    if (p != null) {
      p.close();
    }
  }

  private void note(String line) {
    try {
      Files.writeString(logFile, line + System.lineSeparator(), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      log.warn("pod {}: cannot write {}: {}", launch.podName(), logFile, e.toString());
    }
  }
}
