package io.hatchetoperator.sandbox;

import io.hatchetoperator.examples.worker.SampleWorker;
import io.hatchetoperator.sandbox.apiserver.Kubeconfig;
import io.hatchetoperator.sandbox.load.BuiltInScenario;
import io.hatchetoperator.sandbox.load.Trace;
import io.hatchetoperator.sandbox.load.TraceCsv;
import io.hatchetoperator.sandbox.report.ReportTarget;
import io.hatchetoperator.sandbox.report.ReportWriter;
import io.hatchetoperator.sandbox.report.SummaryText;
import io.hatchetoperator.sandbox.view.LiveView;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code java -jar sandbox.jar}: the whole autoscaling loop on one machine, with a live view and a report. */
@Command(name = "sandbox", mixinStandardHelpOptions = true, version = "sandbox 0.1.0",
    description = "Runs the dev engine, a mock Kubernetes API, simulated pods with real Java workers and the real "
        + "operator in one JVM, replays a load and writes a report with a chart.")
public final class SandboxMain implements Callable<Integer> {

  static final String BUNDLED_POOL = "examples/java-worker-pool.yaml";

  @Option(names = "--trace", paramLabel = "FILE", description = "CSV trace arrival_ms,duration_ms "
      + "(default: the built-in scenario of bursts and idle gaps)")
  Path trace;

  @Option(names = "--pool", paramLabel = "FILE", description = "HatchetWorkerPool manifest; repeat it to run "
      + "pools side by side (default: the examples/ sample pool)")
  List<Path> pools = new ArrayList<>();

  @Option(names = "--task", paramLabel = "NAME", description = "task the load triggers with input {\"ms\": "
      + "duration_ms}; the i-th --task goes with the i-th --pool (default: each pool's first spec.tasks entry)")
  List<String> tasks = new ArrayList<>();

  @Option(names = "--report", paramLabel = "DIR", defaultValue = "sandbox-report",
      description = "where report.json and report.html go (default: ${DEFAULT-VALUE})")
  Path report;

  @Option(names = "--no-live", description = "print one plain line per second instead of a redrawn panel")
  boolean noLive;

  @Option(names = "--keep-running", description = "leave it all up after the run; prints how to join it")
  boolean keepRunning;

  @Option(names = "--kubeconfig", paramLabel = "FILE", description = "once the pool is ready, write a kubeconfig "
      + "for the sandbox's Kubernetes API to FILE, e.g. for kubectl --kubeconfig FILE get hwp -w")
  Path kubeconfig;

  @Option(names = "--startup-delay", paramLabel = "DURATION", defaultValue = "3s",
      converter = DurationConverter.class, description = "pod start-up delay (default: ${DEFAULT-VALUE})")
  Duration startupDelay;

  @Option(names = "--settle-timeout", paramLabel = "DURATION", defaultValue = "80s",
      converter = DurationConverter.class,
      description = "after the last arrival, the longest wait for results and scale-down (default: ${DEFAULT-VALUE})")
  Duration settleTimeout;

  @Option(names = "--rollout-at", paramLabel = "DURATION", converter = DurationConverter.class,
      description = "this long into the load, ship a new release of the (first) pool's workers: its pod template "
          + "changes and the Deployment rolls its pods (e.g. 8s)")
  Duration rolloutAt;

  private final PrintStream out;
  /** Where the log goes in live mode; null when it goes to standard error. */
  private Path logFile;

  SandboxMain(PrintStream out) {
    this.out = out;
  }

  /** Runs the sandbox and exits with its code. */
  public static void main(String[] args) {
    SandboxOutput.routeJavaUtilLogging();
    System.exit(commandLine(System.out).execute(args));
  }

  static CommandLine commandLine(PrintStream out) {
    CommandLine cli = new CommandLine(new SandboxMain(out));
    cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
      if (e instanceof IllegalArgumentException) {
        cmd.getErr().println("sandbox: " + e.getMessage());
        return 2;
      }
      org.slf4j.LoggerFactory.getLogger(SandboxMain.class).error("the sandbox stopped", e);
      Path log = parsed.commandSpec().userObject() instanceof SandboxMain m ? m.logFile : null;
      cmd.getErr().println("sandbox: stopped: " + (e.getMessage() == null ? e.getClass().getSimpleName()
          : e.getMessage()) + " (details in " + (log == null ? "the log above" : log.toAbsolutePath()) + ")");
      return 1;
    });
    return cli;
  }

  @Override
  public Integer call() throws Exception {
    Path pool = pools.isEmpty() ? null : pools.get(0);
    SandboxSettings settings = SandboxSettings.defaults().withPool(pool).withTrace(trace).withReportDir(report)
        .withLive(!noLive).withKeepRunning(keepRunning).withStartupDelay(startupDelay)
        .withSettleTimeout(settleTimeout);
    List<PoolManifest> manifests = new ArrayList<>();
    if (pools.isEmpty()) {
      manifests.add(loadPool(null));
    }
    for (Path file : pools) {
      manifests.add(loadPool(file));
    }
    if (tasks.size() > manifests.size()) {
      throw new IllegalArgumentException("--task is given " + tasks.size() + " times for " + manifests.size()
          + " pool(s); give at most one --task per --pool, in the same order");
    }
    List<String> loadTasks = new ArrayList<>();
    for (int i = 0; i < manifests.size(); i++) {
      loadTasks.add(i < tasks.size() ? tasks.get(i) : manifests.get(i).defaultTask());
    }
    PoolManifest manifest = manifests.get(0);
    int minReplicas = manifests.stream().mapToInt(PoolManifest::minReplicas).sum();
    Trace load = trace == null ? BuiltInScenario.trace() : TraceCsv.read(trace);
    if (rolloutAt != null && rolloutAt.toMillis() > load.lastArrivalMs()) {
      throw new IllegalArgumentException("--rollout-at is " + rolloutAt.toMillis() + "ms, after the load's last "
          + "arrival; give a time within the load (0s to " + load.lastArrivalMs() / 1000 + "s), e.g. 8s");
    }
    ReportTarget.check(report);
    if (kubeconfig != null) {
      Kubeconfig.checkWritable(kubeconfig);
    }
    boolean terminal = SandboxOutput.stdoutIsTerminal();
    if (settings.live() && terminal) {
      logFile = SandboxOutput.logToFile(report);
      if (logFile != null) {
        out.println("log: " + logFile.toAbsolutePath() + " (the live view has the terminal)");
      }
    }
    StopOnSignal stop = StopOnSignal.install(settings.drainOnClose().plusSeconds(30));
    Sandbox sandbox = null;
    try {
      sandbox = Sandbox.start(settings, manifests, SampleWorker::create);
      for (PoolManifest m : manifests) {
        out.println("HatchetWorkerPool " + m.name() + " (" + (pools.isEmpty() ? BUNDLED_POOL : m.source()) + "):");
        out.println(m.settingsSummary().indent(2));
      }
      out.println(minReplicas == 0 ? "the pool starts at 0 pods: the first tasks wake it up"
          : "waiting for " + minReplicas + " ready pod" + (minReplicas == 1 ? "" : "s") + "...");
      sandbox.awaitReady(minReplicas, settings.readyTimeout());
      sandbox.awaitWorkflows(loadTasks, settings.readyTimeout());
      if (kubeconfig != null) {
        Path written = Kubeconfig.write(kubeconfig, sandbox.kubeApi().url(), settings.namespace());
        out.println("kubeconfig: " + written + "; watch the pool from another terminal with");
        out.println("  kubectl --kubeconfig " + kubeconfig + " get hwp -w");
      }
      out.println("load: " + load.rows().size() + " tasks from '" + load.name() + "' over "
          + load.lastArrivalMs() / 1000 + " s, triggering " + String.join(", ", loadTasks) + " with {\"ms\": "
          + "duration_ms}");
      LiveView view = SandboxOutput.view(settings.live(), terminal, out, "sandbox: " + manifest.name());
      SandboxOutcome outcome;
      boolean interrupted = false;
      try (SandboxRun run = SandboxRun.start(sandbox, load, view, loadTasks)) {
        if (rolloutAt != null) {
          run.changeTemplateAt(rolloutAt);
        }
        boolean settled;
        try {
          settled = run.awaitSettled();
        } catch (InterruptedException e) {
          Thread.interrupted();
          interrupted = true;
          settled = true;
          out.println("stopping: interrupted (Ctrl-C or SIGTERM) " + run.elapsed().toSeconds() + " s into the run;"
              + " the report covers the run so far");
        }
        if (!settled) {
          out.println("stopped waiting " + settings.settleTimeout().toSeconds() + " s after the last arrival with "
              + run.ledger().inFlight() + " result(s) outstanding and the pool at "
              + sandbox.pods().desiredReplicas(settings.namespace(), manifest.name()) + " replica(s) (minReplicas "
              + manifest.minReplicas() + (manifests.size() > 1 ? ", first pool" : "")
              + "); the report shows where it stood");
        }
        outcome = run.finish();
      }
      Path html = null;
      String notWritten = null;
      try {
        html = ReportWriter.write(settings.reportDir(), outcome.report(), outcome.samples(), outcome.events(),
            manifest.settingsSummary());
      } catch (java.io.IOException | RuntimeException e) {
        notWritten = "the report could not be written to " + settings.reportDir().toAbsolutePath() + " ("
            + e.getMessage() + "); the figures above are the run's";
      }
      out.println();
      out.print(SummaryText.render(outcome.report(), html));
      if (rolloutAt != null) {
        out.println(TemplateChange.summary(sandbox.pods().terminations()));
      }
      if (notWritten != null) {
        out.println(notWritten);
      }
      if (settings.keepRunning() && !interrupted) {
        keepRunning(sandbox);
      }
      return interrupted ? 130 : outcome.report().tasksLost() == 0 ? 0 : 1;
    } catch (InterruptedException e) {
      out.println("stopping: interrupted (Ctrl-C or SIGTERM) before the load started");
      return 130;
    } finally {
      Thread.interrupted();
      if (sandbox != null) {
        out.println("stopping: draining the pool's workers, then the operator, the API server and the dev engine...");
        sandbox.close();
        out.println("sandbox stopped");
      }
      stop.close();
    }
  }

  private PoolManifest loadPool(Path file) throws Exception {
    if (file == null) {
      try (InputStream in = SandboxMain.class.getClassLoader().getResourceAsStream(BUNDLED_POOL)) {
        if (in == null) {
          throw new IllegalStateException(BUNDLED_POOL + " is missing from the jar; rebuild the sandbox");
        }
        return PoolManifest.parse(BUNDLED_POOL, new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("--pool " + file + ": no such file; give a HatchetWorkerPool manifest");
    }
    return PoolManifest.parse(file.toString(), Files.readString(file));
  }

  private void keepRunning(Sandbox sandbox) {
    out.println();
    out.println("The sandbox keeps running. Point any Hatchet SDK worker or client at its engine:");
    sandbox.engine().clientEnv().forEach((k, v) -> out.println("  export " + k + "=" + v));
    String ns = sandbox.settings().namespace();
    String cfg = kubeconfig != null ? "--kubeconfig " + kubeconfig
        : "--server " + sandbox.kubeApi().url() + " -n " + ns;
    out.println("Its Kubernetes API answers kubectl (docs/sandbox.md lists what works), e.g.:");
    out.println("  kubectl " + cfg + " get hwp -o wide");
    out.println("  kubectl " + cfg + " get deploy,pods");
    out.println("  kubectl " + cfg + " describe hwp " + sandbox.pool().name());
    out.println("Press Ctrl-C to stop: the pool's workers drain, then everything stops.");
    try {
      new CountDownLatch(1).await();
    } catch (InterruptedException e) {
      Thread.interrupted();
      out.println();
      out.println("stopping: Ctrl-C or SIGTERM");
    }
  }
}
