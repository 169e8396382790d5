package io.hatchetoperator.sandbox;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.hatchetoperator.engine.DevEngine;
import io.hatchetoperator.engine.DevEngineSettings;
import io.hatchetoperator.operator.HatchetOperator;
import io.hatchetoperator.operator.OperatorSettings;
import io.hatchetoperator.sandbox.apiserver.KubeApiFront;
import io.hatchetoperator.sandbox.cluster.MockCluster;
import io.hatchetoperator.sandbox.cluster.PodSimulator;
import io.hatchetoperator.sandbox.cluster.PodSimulatorSettings;
import io.hatchetoperator.sandbox.process.ProcessPodContext;
import io.hatchetoperator.sandbox.process.ProcessPods;
import io.hatchetoperator.sandbox.worker.CompletionTap;
import io.hatchetoperator.sandbox.worker.WorkerFactory;
import io.hatchetoperator.sandbox.worker.WorkerPodProcesses;
import io.hatchetoperator.worker.Hatchet;
import io.hatchetoperator.worker.Worker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole loop in one JVM: the dev engine, the mock API server with the CRD, the pod simulator running
 * sample workers, the real operator, and the pool applied. Start it, then {@link SandboxRun} drives load.
 */
public final class Sandbox implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Sandbox.class);
  static final String CRD = "crds/hatchetworkerpools.hatchet-operator.io-v1.yml";

  private final SandboxSettings settings;
  private final List<PoolManifest> pools;
  private final Clock clock = Clock.systemUTC();
  private DevEngine engine;
  private MockCluster cluster;
  private KubeApiFront kubeApi;
  private PodSimulator pods;
  private HatchetOperator operator;
  private Hatchet client;
  private final WorkerFactory workers;
  private final CompletionTap completions = new CompletionTap();
  private final ScheduledExecutorService processTimer = Executors.newScheduledThreadPool(2, r -> {
    Thread t = new Thread(r, "process-pods");
    t.setDaemon(true);
    return t;
  });
  private volatile boolean closed;

  private Sandbox(SandboxSettings settings, List<PoolManifest> pools, WorkerFactory workers) {
    this.settings = settings;
    this.pools = List.copyOf(pools);
    this.workers = workers;
  }

  /**
   * Starts every part and applies {@code pool}; each pod runs a worker made by {@code workers} (the sample
   * worker). Returns once the operator runs; the pods may still be starting.
   */
  public static Sandbox start(SandboxSettings settings, PoolManifest pool, WorkerFactory workers) throws Exception {
    return start(settings, List.of(pool), workers);
  }

  /**
   * Starts every part and applies each of {@code pools}, side by side in one namespace; a pool whose container
   * has a {@code command} runs it as a child process per pod, the others run workers made by {@code workers}.
   */
  public static Sandbox start(SandboxSettings settings, List<PoolManifest> pools, WorkerFactory workers)
      throws Exception {
    if (pools.isEmpty() || pools.stream().map(PoolManifest::name).distinct().count() != pools.size()) {
      throw new IllegalArgumentException("--pool: give one or more pools with distinct metadata.name; got "
          + pools.stream().map(PoolManifest::name).toList());
    }
    Sandbox sandbox = new Sandbox(settings, pools, workers);
    try {
      sandbox.startParts();
      return sandbox;
    } catch (Exception | Error e) {
      sandbox.close();
      throw e;
    }
  }

  private void startParts() throws Exception {
    engine = DevEngine.start(DevEngineSettings.ephemeral());
    if (pools.stream().anyMatch(p -> !p.runsProcess())) {
      registerWorkflows();
    }
    cluster = MockCluster.start();
    KubernetesClient k8s = cluster.client();
    cluster.applyResource(CRD);
    kubeApi = KubeApiFront.start(k8s, cluster.url());
    String ns = settings.namespace();
    k8s.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create();
    Map<String, Map<String, String>> secrets = new java.util.LinkedHashMap<>();
    for (PoolManifest pool : pools) {
      Map.Entry<String, String> tokenRef = pool.tokenSecretRef();
      secrets.computeIfAbsent(tokenRef.getKey(), k -> new java.util.LinkedHashMap<>())
          .put(tokenRef.getValue(), engine.token());
    }
    secrets.forEach((name, data) -> k8s.secrets().resource(new SecretBuilder().withNewMetadata().withName(name)
        .withNamespace(ns).endMetadata().addToStringData(data).build()).create());
    ProcessPodContext processes = new ProcessPodContext(ProjectRoot.find(), settings.reportDir().resolve("pods"),
        engine.hostPort(), System.getenv(), new DevEngineWorkers(engine), completions::record, processTimer);
    pods = new PodSimulator(k8s, new ProcessPods(processes, new WorkerPodProcesses(workers, completions)),
        PodSimulatorSettings.defaults().withStartupDelay(settings.startupDelay()), clock);
    pods.start();
    startOperator();
    for (PoolManifest pool : pools) {
      GenericKubernetesResource applied = pool.forSandbox(ns, engine.hostPort(), engine.serverUrl());
      k8s.resource(applied).create();
      log.info("pool {}/{} applied:\n{}", ns, pool.name(), pool.settingsSummary());
    }
    for (PoolManifest pool : pools) {
      if (pool.runsProcess() && pool.minReplicas() == 0) {
        registerWorkflowsOf(pool);
      }
    }
    client = Hatchet.fromEnv(engine.clientEnv());
  }

  /**
   * Registers the workers' workflows in the engine the way a first deploy does: one worker starts,
   * registers (PutWorkflow), and leaves. Without it a pool at zero could never be woken, because the
   * engine rejects triggers of workflows no worker ever declared, as Hatchet does.
   */
  private void registerWorkflows() throws Exception {
    try (Hatchet hatchet = Hatchet.builder().env(engine.clientEnv()).healthPort(-1).build()) {
      Worker worker = workers.create(hatchet, "workflow-registration", 1);
      worker.startAsync().get(30, TimeUnit.SECONDS);
      worker.shutdown().get(30, TimeUnit.SECONDS);
    }
  }

  /**
   * For a pool of SDK processes that starts at zero: runs its container once, as a first deploy does, until its
   * worker registered (the engine then knows its workflows and accepts triggers that wake the pool), then stops it.
   */
  private void registerWorkflowsOf(PoolManifest pool) throws Exception {
    String ns = settings.namespace();
    Instant deadline = clock.instant().plus(settings.readyTimeout());
    while (pods.desiredReplicas(ns, pool.name()) < 0) {
      if (clock.instant().isAfter(deadline)) {
        throw new IllegalStateException("the operator rendered no Deployment for pool " + pool.name() + " within "
            + settings.readyTimeout().toSeconds() + " s; see the pool's conditions in the log above");
      }
      Thread.sleep(100);
    }
    log.info("pool {}/{} starts at 0 pods: running its container once so its worker registers its workflows", ns,
        pool.name());
    pods.runOnce(ns, pool.name(), p -> p.slots() > 0, settings.readyTimeout());
  }

  /**
   * Starts the operator exactly as it ships (it autoscales over the engine's REST API by itself, its pollers
   * living and dying with it); server-side apply off (the mock has none), no leader election, no HTTP port.
   */
  public void startOperator() {
    operator = new HatchetOperator(OperatorSettings.defaults().withServerSideApply(false).withHttpPort(-1),
        cluster.client());
    operator.start();
  }

  /** Stops the operator and its pollers, as a process exit would (a restart is stop then start). */
  public void stopOperator() {
    if (operator != null) {
      operator.stop();
      operator = null;
    }
  }

  /**
   * Waits until the operator created every pool's Deployment and they have at least {@code replicas} ready pods
   * in all.
   */
  public void awaitReady(int replicas, Duration timeout) throws InterruptedException {
    Instant deadline = clock.instant().plus(timeout);
    while (pools.stream().anyMatch(p -> pods.desiredReplicas(settings.namespace(), p.name()) < 0)
        || pods.snapshot().ready() < replicas) {
      if (clock.instant().isAfter(deadline)) {
        throw new IllegalStateException("the pool did not reach " + replicas + " ready pod(s) within "
            + timeout.toSeconds() + " s; see the log above for the operator's or the pods' errors");
      }
      Thread.sleep(100);
    }
  }

  /** The settings this sandbox runs with. */
  public SandboxSettings settings() {
    return settings;
  }

  /**
   * Waits until the engine knows the workflow of each of {@code tasks} (a worker declared it), so triggers
   * are not refused; a pool of SDK processes registers its workflows when its first pod's worker starts.
   */
  public void awaitWorkflows(List<String> tasks, Duration timeout) throws InterruptedException {
    Instant deadline = clock.instant().plus(timeout);
    for (String task : tasks) {
      while (true) {
        try {
          engine.scheduler().registry().get("task", task);
          break;
        } catch (RuntimeException notYet) {
          if (clock.instant().isAfter(deadline)) {
            throw new IllegalStateException("no worker registered the workflow '" + task + "' within "
                + timeout.toSeconds() + " s, so it cannot be triggered; check the pods' logs under "
                + settings.reportDir().resolve("pods") + " and the pool's spec.tasks or --task");
          }
          Thread.sleep(200);
        }
      }
    }
  }

  /** The first pool manifest as the user gave it. */
  public PoolManifest pool() {
    return pools.get(0);
  }

  /** Every pool manifest, in the order given. */
  public List<PoolManifest> pools() {
    return pools;
  }

  /** The running dev engine. */
  public DevEngine engine() {
    return engine;
  }

  /** A client of the mock API server. */
  public KubernetesClient kubernetes() {
    return cluster.client();
  }

  /** The mock API server. */
  public MockCluster cluster() {
    return cluster;
  }

  /** The API front kubectl talks to (discovery, Tables, watches, /scale over the mock). */
  public KubeApiFront kubeApi() {
    return kubeApi;
  }

  /** The pod simulator. */
  public PodSimulator pods() {
    return pods;
  }

  /** A Hatchet client of the engine, as a user's application would hold one. */
  public Hatchet client() {
    return client;
  }

  /** The wire tap that sees every acknowledged task completion of every pod's worker. */
  public CompletionTap completions() {
    return completions;
  }

  /**
   * Stops everything in the order a cluster would: the operator first (so nothing scales while stopping), then every
   * pod drained (its worker leaves the engine INACTIVE, its tasks handed back), then the rest. Idempotent.
   */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    stopOperator();
    if (pods != null) {
      pods.drainAll(settings.drainOnClose());
    }
    if (client != null) {
      client.close();
    }
    if (pods != null) {
      pods.close();
    }
    processTimer.shutdownNow();
    if (kubeApi != null) {
      kubeApi.close();
    }
    if (cluster != null) {
      cluster.close();
    }
    if (engine != null) {
      engine.close();
    }
  }
}
