package io.hatchetoperator.sandbox;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.hatchetoperator.engine.DevEngine;
import io.hatchetoperator.engine.DevEngineSettings;
import io.hatchetoperator.operator.HatchetOperator;
import io.hatchetoperator.operator.OperatorSettings;
import io.hatchetoperator.sandbox.cluster.MockCluster;
import io.hatchetoperator.sandbox.cluster.PodSimulator;
import io.hatchetoperator.sandbox.cluster.PodSimulatorSettings;
import io.hatchetoperator.sandbox.worker.CompletionTap;
import io.hatchetoperator.sandbox.worker.WorkerFactory;
import io.hatchetoperator.sandbox.worker.WorkerPodProcesses;
import io.hatchetoperator.worker.Hatchet;
import io.hatchetoperator.worker.Worker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
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
  private final PoolManifest pool;
  private final Clock clock = Clock.systemUTC();
  private DevEngine engine;
  private MockCluster cluster;
  private PodSimulator pods;
  private HatchetOperator operator;
  private Hatchet client;
  private final WorkerFactory workers;
  private final CompletionTap completions = new CompletionTap();
  private volatile boolean closed;

  private Sandbox(SandboxSettings settings, PoolManifest pool, WorkerFactory workers) {
    this.settings = settings;
    this.pool = pool;
    this.workers = workers;
  }

  /**
   * Starts every part and applies {@code pool}; each pod runs a worker made by {@code workers} (the sample
   * worker). Returns once the operator runs; the pods may still be starting.
   */
  public static Sandbox start(SandboxSettings settings, PoolManifest pool, WorkerFactory workers) throws Exception {
    Sandbox sandbox = new Sandbox(settings, pool, workers);
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
    registerWorkflows();
    cluster = MockCluster.start();
    KubernetesClient k8s = cluster.client();
    cluster.applyResource(CRD);
    String ns = settings.namespace();
    k8s.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create();
    Map.Entry<String, String> tokenRef = pool.tokenSecretRef();
    k8s.secrets().resource(new SecretBuilder().withNewMetadata().withName(tokenRef.getKey()).withNamespace(ns)
        .endMetadata().addToStringData(tokenRef.getValue(), engine.token()).build()).create();
    pods = new PodSimulator(k8s, new WorkerPodProcesses(workers, completions),
        PodSimulatorSettings.defaults().withStartupDelay(settings.startupDelay()), clock);
    pods.start();
    startOperator();
    GenericKubernetesResource applied = pool.forSandbox(ns, engine.hostPort(), engine.serverUrl());
    k8s.resource(applied).create();
    client = Hatchet.fromEnv(engine.clientEnv());
    log.info("pool {}/{} applied:\n{}", ns, pool.name(), pool.settingsSummary());
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

  /** Waits until the operator created the pool's Deployment and it has at least {@code replicas} ready pods. */
  public void awaitReady(int replicas, Duration timeout) throws InterruptedException {
    Instant deadline = clock.instant().plus(timeout);
    while (pods.desiredReplicas(settings.namespace(), pool.name()) < 0 || pods.snapshot().ready() < replicas) {
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

  /** The pool manifest as the user gave it. */
  public PoolManifest pool() {
    return pool;
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
    if (cluster != null) {
      cluster.close();
    }
    if (engine != null) {
      engine.close();
    }
  }
}
