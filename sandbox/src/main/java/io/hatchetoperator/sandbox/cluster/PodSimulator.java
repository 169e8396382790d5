package io.hatchetoperator.sandbox.cluster;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stands in for the ReplicaSet controller and the kubelet on the mock API server: turns each Deployment's
 * replicas into Pods, starts one {@link PodProcess} per pod after the start-up delay, delivers SIGTERM with
 * the pod's grace period on deletion, and keeps the Deployment's status true.
 *
 * <p>All decisions run on one reconcile thread; starting and stopping processes runs on lifecycle threads.
 * The file is close to 500 lines because that thread's whole state machine (create, start, ready,
 * terminate, crash, external delete) is kept in one place; the pure parts live in {@link DeploymentRollout},
 * {@link ReplicaSetPolicy}, {@link PodEnvResolver}, {@link PodTemplates} and {@link ClusterSnapshot}, the
 * ReplicaSets' memory in {@link ReplicaSets} and the pod objects' deletion in {@link PodObjects}.
 */
public final class PodSimulator implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(PodSimulator.class);

  private final KubernetesClient client;
  private final PodProcessFactory processes;
  private final PodSimulatorSettings settings;
  private final Clock clock;
  private final PodEnvResolver envResolver;
  private final Map<String, SimulatedPod> pods = new ConcurrentHashMap<>();
  private final Map<String, Integer> lastReplicas = new ConcurrentHashMap<>();
  private final List<ReplicaChange> replicaChanges = new CopyOnWriteArrayList<>();
  private final List<PodDeletion> deletions = new CopyOnWriteArrayList<>();
  private final AtomicLong tasksKilled = new AtomicLong();
  private final Map<String, Integer> restartsOfGonePods = new ConcurrentHashMap<>();
  private final java.util.Set<PodProcess> drained = ConcurrentHashMap.newKeySet();
  private final AtomicLong podMillisOfGonePods = new AtomicLong();
  private final ScheduledExecutorService reconciler =
      Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "pod-simulator"));
  private final ExecutorService lifecycle = Executors.newCachedThreadPool(r -> daemon(r, "pod-lifecycle"));
  private final DeploymentStatusWriter statusWriter;
  private final PodObjects objects;
  private final ReplicaSets replicaSets = new ReplicaSets();
  private final List<PodTermination> terminations = new CopyOnWriteArrayList<>();
  private SharedIndexInformer<Deployment> deployments;
  private SharedIndexInformer<Pod> podInformer;

  /** A simulator over {@code client}'s cluster; call {@link #start()} to begin. */
  public PodSimulator(KubernetesClient client, PodProcessFactory processes, PodSimulatorSettings settings,
      Clock clock) {
    this.client = client;
    this.processes = processes;
    this.settings = settings;
    this.clock = clock;
    this.envResolver = new PodEnvResolver(
        (ns, name) -> ClusterObjects.secretData(client, ns, name),
        (ns, name) -> ClusterObjects.configMapData(client, ns, name));
    this.statusWriter = new DeploymentStatusWriter(client);
    this.objects = new PodObjects(client);
  }

  /** Starts watching Deployments and Pods in every namespace. */
  public void start() {
    Runnable reconcileSoon = () -> reconciler.execute(this::reconcileAll);
    deployments = client.apps().deployments().inAnyNamespace()
        .inform(SimulatorEvents.onDeploymentChange(reconcileSoon), 0);
    podInformer = client.pods().inAnyNamespace().inform(SimulatorEvents.onPodChange(reconcileSoon,
        pod -> reconciler.execute(() -> onPodDeleted(pod))), 0);
    long resync = settings.resync().toMillis();
    reconciler.scheduleWithFixedDelay(this::reconcileAll, resync, resync, TimeUnit.MILLISECONDS);
  }

  /** A crash: the pod's process dies at once (no drain) and the pod is deleted with no grace. */
  public void crash(String namespace, String podName) {
    reconciler.execute(() -> {
      SimulatedPod pod = pods.get(namespace + "/" + podName);
      if (pod == null || !pod.live()) {
        log.warn("crash of {}/{} ignored: the simulator runs no such live pod", namespace, podName);
        return;
      }
      log.info("pod {} crashed: its process is killed, tasks in flight are left to the engine", pod.key());
      pod.phase = SimulatedPod.Phase.GONE;
      PodProcess process = pod.process;
      if (process != null) {
        lifecycle.execute(process::kill);
      }
      finish(pod);
      objects.forceDelete(pod);
    });
  }

  /** The pods' current state, summed; safe to call from any thread. */
  public ClusterSnapshot snapshot() {
    return ClusterSnapshot.of(pods.values(), replicaSets::currentHash, tasksKilled.get(), podMillisOfGonePods.get(),
        clock.instant());
  }

  /** Every change of a Deployment's replicas after its creation seen so far, oldest first. */
  public List<ReplicaChange> replicaChanges() {
    return List.copyOf(replicaChanges);
  }

  /** The {@code spec.replicas} last seen of one Deployment; -1 before it exists. */
  public int desiredReplicas(String namespace, String deployment) {
    return lastReplicas.getOrDefault(namespace + "/" + deployment, -1);
  }

  /** Names of the live (starting or ready) pods of one Deployment. */
  public List<String> livePods(String namespace, String deployment) {
    return pods.values().stream().filter(p -> p.live() && p.namespace.equals(namespace)
        && p.deployment.equals(deployment)).map(p -> p.name).sorted().toList();
  }

  /** Every pod removed on scale-down so far, with how busy it and its survivors were. */
  public List<PodDeletion> deletions() {
    return List.copyOf(deletions);
  }

  /** Tasks that were still running when a pod's grace period ended, summed. */
  public long tasksKilled() {
    return tasksKilled.get();
  }

  private void reconcileAll() {
    try {
      syncContainers();
      Cache<Deployment> store = (Cache<Deployment>) deployments.getIndexer();
      for (Deployment d : store.list()) {
        try {
          reconcile(d);
        } catch (IllegalArgumentException e) {
          log.warn("deployment {}/{} cannot be rolled out: {}", d.getMetadata().getNamespace(),
              d.getMetadata().getName(), e.getMessage());
        }
      }
      replicaSets.retain(java.util.Set.copyOf(store.listKeys()));
      for (SimulatedPod pod : new ArrayList<>(pods.values())) {
        if (pod.live() && store.getByKey(pod.namespace + "/" + pod.deployment) == null) {
          log.info("deployment {}/{} is gone: terminating its pod {}", pod.namespace, pod.deployment, pod.name);
          terminate(pod, true);
        }
      }
    } catch (RuntimeException e) {
      log.warn("pod simulator reconcile failed, retrying at the next resync: {}", e.toString());
    }
  }

  private void reconcile(Deployment d) {
    String ns = d.getMetadata().getNamespace();
    String name = d.getMetadata().getName();
    String key = ns + "/" + name;
    int desired = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
    recordReplicas(ns, name, desired);
    String hash = PodTemplates.hash(d.getSpec().getTemplate());
    List<SimulatedPod> live = podsOf(ns, name).stream().filter(SimulatedPod::live).toList();
    Map<String, Integer> available = new java.util.HashMap<>();
    live.stream().filter(p -> p.phase == SimulatedPod.Phase.READY)
        .forEach(p -> available.merge(p.templateHash, 1, Integer::sum));
    boolean oldPodsRunning = podsOf(ns, name).stream().anyMatch(p -> !p.templateHash.equals(hash));
    for (ReplicaSetState rs : replicaSets.sync(d, hash, available, oldPodsRunning)) {
      List<SimulatedPod> mine = live.stream().filter(p -> p.templateHash.equals(rs.hash())).toList();
      ReplicaSetPlan plan = ReplicaSetPolicy.plan(rs.replicas(), mine.stream().map(this::view).toList());
      for (String victim : plan.delete()) {
        SimulatedPod pod = pods.get(ns + "/" + victim);
        int idleSurvivors = (int) mine.stream().filter(p -> p.phase == SimulatedPod.Phase.READY
            && !plan.delete().contains(p.name) && p.runningTasks() == 0).count();
        deletions.add(new PodDeletion(clock.instant(), ns, name, victim, pod.runningTasks(), idleSurvivors));
        terminate(pod, true);
      }
      for (int i = 0; i < plan.create(); i++) {
        create(d, replicaSets.template(key, rs.hash()), rs.hash());
      }
    }
    statusWriter.write(d, podsOf(ns, name).stream().filter(SimulatedPod::live).toList(), hash);
  }

  /** The simulator's pods of one Deployment that are not gone yet (terminating ones included). */
  private List<SimulatedPod> podsOf(String ns, String deployment) {
    return pods.values().stream().filter(p -> p.phase != SimulatedPod.Phase.GONE && p.namespace.equals(ns)
        && p.deployment.equals(deployment)).toList();
  }

  private PodView view(SimulatedPod pod) {
    Pod api = podInformer.getIndexer().getByKey(pod.key());
    int cost = api == null ? 0 : PodTemplates.deletionCost(api);
    return new PodView(pod.name, pod.templateHash, pod.phase == SimulatedPod.Phase.READY, cost, pod.createdAt);
  }

  /** The pod-deletion-cost the simulator currently sees on a pod (its informer's copy), 0 when unset. */
  int deletionCostSeen(String namespace, String pod) {
    Pod api = podInformer.getIndexer().getByKey(namespace + "/" + pod);
    return api == null ? 0 : PodTemplates.deletionCost(api);
  }

  private void recordReplicas(String ns, String name, int desired) {
    Integer before = lastReplicas.put(ns + "/" + name, desired);
    if (before != null && before != desired) {
      replicaChanges.add(new ReplicaChange(clock.instant(), ns, name, before, desired));
      log.info("deployment {}/{} replicas {} -> {}", ns, name, before, desired);
    }
  }

  private void create(Deployment d, io.fabric8.kubernetes.api.model.PodTemplateSpec template, String hash) {
    Pod pod = client.pods().resource(PodTemplates.newPod(d, template, hash, settings.nodeName())).create();
    SimulatedPod sim = new SimulatedPod(pod.getMetadata().getNamespace(), pod.getMetadata().getName(),
        d.getMetadata().getName(), hash, clock.instant());
    pods.put(sim.key(), sim);
    log.info("pod {} created; its container starts in {} ms", sim.key(), settings.startupDelay().toMillis());
    reconciler.schedule(() -> lifecycle.execute(() -> startContainer(sim)),
        settings.startupDelay().toMillis(), TimeUnit.MILLISECONDS);
  }

  private void startContainer(SimulatedPod sim) {
    if (sim.phase != SimulatedPod.Phase.STARTING) {
      return;
    }
    Pod pod = client.pods().inNamespace(sim.namespace).withName(sim.name).get();
    if (pod == null) {
      return;
    }
    try {
      var container = pod.getSpec().getContainers().get(0);
      Map<String, String> env = envResolver.resolve(pod, container);
      PodProcess process = processes.create(new PodLaunch(sim.namespace, sim.name, sim.deployment,
          container.getName(), env, container, PodTemplates.graceSeconds(pod)));
      process.start();
      sim.process = process;
      sim.startError = null;
      reconciler.execute(() -> markReady(sim, process));
    } catch (Exception e) {
      String why = e.getMessage() == null ? e.toString() : e.getMessage();
      if (!why.equals(sim.startError)) {
        log.warn("pod {} cannot start its container (CreateContainerConfigError): {}", sim.key(), why);
      }
      sim.startError = why;
      PodStatusWriter.waiting(client, sim, "CreateContainerConfigError", why);
      reconciler.schedule(() -> lifecycle.execute(() -> startContainer(sim)),
          settings.startRetry().toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  private void markReady(SimulatedPod sim, PodProcess process) {
    if (sim.phase == SimulatedPod.Phase.DRAINING) {
      return; // terminated while its container started: terminate() has sent it SIGTERM and waits for its drain
    }
    if (sim.phase == SimulatedPod.Phase.GONE) {
      // ended before its process was known: the container gets the SIGTERM and grace period it missed
      lifecycle.execute(() -> tasksKilled.addAndGet(new GracefulStop(process, Duration.ofSeconds(30)).run()));
      return;
    }
    ContainerState state = process.state();
    sim.shown = state;
    if (!state.ready()) {
      PodStatusWriter.container(client, sim, state);
      log.info("pod {}: container started, waiting for it to be ready", sim.key());
      return;
    }
    sim.phase = SimulatedPod.Phase.READY;
    PodStatusWriter.ready(client, sim);
    log.info("pod {} is ready ({} slots)", sim.key(), process.slots());
    reconcileAll();
  }

  /**
   * The kubelet's status sync: a container whose readiness, restarts or waiting reason changed (a process
   * container probed and restarted by itself) gets its pod's status rewritten, and Ready gates the phase.
   */
  private void syncContainers() {
    for (SimulatedPod pod : pods.values()) {
      PodProcess process = pod.process;
      if (process == null || !pod.live() || pod.shown == null) {
        continue; // not started yet, or markReady has not seen it yet
      }
      ContainerState state = process.state();
      if (state.equals(pod.shown)) {
        continue;
      }
      pod.shown = state;
      if (state.ready() && pod.phase == SimulatedPod.Phase.STARTING) {
        pod.phase = SimulatedPod.Phase.READY;
        log.info("pod {} is ready ({} slots)", pod.key(), process.slots());
      } else if (!state.ready() && pod.phase == SimulatedPod.Phase.READY) {
        pod.phase = SimulatedPod.Phase.STARTING;
        log.info("pod {} is not ready: {}", pod.key(), state.waitingReason() == null ? "readiness probe failing"
            : state.waitingReason() + " " + state.waitingMessage());
      }
      PodStatusWriter.container(client, pod, state);
    }
  }

  /**
   * Runs the Deployment's container once, outside the ReplicaSet, as a first deploy's worker would run before the
   * pool scaled to zero: with the environment a pod of it would get, until {@code done} holds for the process
   * (e.g. its worker registered its workflows), then stops it gracefully. The pod object is never created.
   */
  public void runOnce(String namespace, String deployment, Predicate<PodProcess> done, Duration timeout)
      throws Exception {
    Deployment d = client.apps().deployments().inNamespace(namespace).withName(deployment).get();
    if (d == null) {
      throw new IllegalStateException("deployment " + namespace + "/" + deployment + " does not exist yet");
    }
    Pod pod = PodTemplates.newPod(d, PodTemplates.hash(d.getSpec().getTemplate()), settings.nodeName());
    pod.getMetadata().setName(deployment + "-first-run");
    var container = pod.getSpec().getContainers().get(0);
    PodProcess process = processes.create(new PodLaunch(namespace, pod.getMetadata().getName(), deployment,
        container.getName(), envResolver.resolve(pod, container), container, PodTemplates.graceSeconds(pod)));
    process.start();
    try {
      Instant deadline = clock.instant().plus(timeout);
      while (!done.test(process)) {
        if (clock.instant().isAfter(deadline)) {
          throw new IllegalStateException("the first run of " + namespace + "/" + deployment + "'s container did not "
              + "get ready within " + timeout.toSeconds() + " s: " + process.state());
        }
        Thread.sleep(200);
      }
    } finally {
      new GracefulStop(process, Duration.ofSeconds(PodTemplates.graceSeconds(pod))).run();
    }
  }

  /** Container restarts of one Deployment's pods so far, the pods already gone included. */
  public int restarts(String namespace, String deployment) {
    String key = namespace + "/" + deployment;
    int live = pods.values().stream().filter(p -> p.namespace.equals(namespace) && p.deployment.equals(deployment)
        && p.process != null).mapToInt(p -> p.process.state().restarts()).sum();
    return restartsOfGonePods.getOrDefault(key, 0) + live;
  }

  private void onPodDeleted(Pod deleted) {
    SimulatedPod pod = pods.get(deleted.getMetadata().getNamespace() + "/" + deleted.getMetadata().getName());
    if (pod == null || !pod.live()) {
      return;
    }
    Long grace = deleted.getMetadata().getDeletionGracePeriodSeconds();
    if (grace != null && grace == 0) {
      log.info("pod {} deleted with no grace: killed", pod.key());
      pod.phase = SimulatedPod.Phase.GONE;
      PodProcess process = pod.process;
      if (process != null) {
        lifecycle.execute(process::kill);
      }
      finish(pod);
      objects.release(pod);
    } else {
      terminate(pod, false);
    }
    reconcileAll();
  }

  /**
   * A graceful deletion: the pod object is deleted (with the simulator's kubelet finalizer the API server keeps it,
   * terminating, with a deletionTimestamp) and its process gets SIGTERM; once the process is gone the finalizer is
   * released and the object goes, as after the kubelet's final delete. {@code requestDelete} is false when a client
   * already asked for the deletion.
   */
  private void terminate(SimulatedPod pod, boolean requestDelete) {
    Pod api = podInformer.getIndexer().getByKey(pod.key());
    long grace = api == null ? 30 : PodTemplates.graceSeconds(api);
    pod.phase = SimulatedPod.Phase.DRAINING;
    Instant signalled = clock.instant();
    if (requestDelete) {
      objects.requestDeletion(pod);
    }
    PodProcess process = pod.process;
    if (process == null) {
      pod.phase = SimulatedPod.Phase.GONE;
      finish(pod);
      objects.release(pod);
      return;
    }
    int running = process.runningTasks();
    String current = replicaSets.currentHash(pod.namespace + "/" + pod.deployment);
    boolean outdated = current != null && !current.equals(pod.templateHash);
    log.info("pod {} terminating: SIGTERM with {} task(s) running, grace period {} s", pod.key(), running, grace);
    lifecycle.execute(() -> {
      int killed = new GracefulStop(process, Duration.ofSeconds(grace)).run();
      if (killed > 0) {
        log.warn("pod {}: grace period ended with {} task(s) still running; they were killed", pod.key(), killed);
        tasksKilled.addAndGet(killed);
      }
      terminations.add(new PodTermination(pod.namespace, pod.deployment, pod.name, pod.templateHash, outdated,
          signalled, clock.instant(), grace, running, killed));
      reconciler.execute(() -> {
        pod.phase = SimulatedPod.Phase.GONE;
        finish(pod);
        objects.release(pod);
      });
    });
  }

  /** Every pod ended by SIGTERM so far (scale-downs, rollouts, deletions), with its drain. */
  public List<PodTermination> terminations() {
    return List.copyOf(terminations);
  }

  /** The ReplicaSets of one Deployment after the simulator's last sync, oldest first (none before it exists). */
  public List<ReplicaSetState> replicaSets(String namespace, String deployment) {
    return replicaSets.of(namespace + "/" + deployment);
  }

  private void finish(SimulatedPod pod) {
    if (pods.remove(pod.key()) != null) {
      PodProcess process = pod.process;
      if (process != null) {
        restartsOfGonePods.merge(pod.namespace + "/" + pod.deployment, process.state().restarts(), Integer::sum);
      }
      podMillisOfGonePods.addAndGet(Duration.between(pod.createdAt, clock.instant()).toMillis());
    }
  }

  @Override
  public void close() {
    if (deployments != null) {
      deployments.close();
    }
    if (podInformer != null) {
      podInformer.close();
    }
    reconciler.shutdownNow();
    for (SimulatedPod pod : pods.values()) {
      PodProcess process = pod.process;
      if (process != null && !drained.contains(process)) {
        process.kill();
      }
    }
    lifecycle.shutdownNow();
  }

  /**
   * The end of the sandbox: SIGTERM to every pod's process at once and a wait of up to {@code timeout} for their
   * drains (so workers leave the engine as a node drain would leave them), then SIGKILL for whatever is left.
   * Counts tasks killed as a pod deletion does. Call before {@link #close()}.
   */
  public void drainAll(Duration timeout) {
    java.util.List<java.util.concurrent.Future<Integer>> stops = new java.util.ArrayList<>();
    java.util.concurrent.ExecutorService stopper = Executors.newCachedThreadPool(r -> daemon(r, "pod-drain"));
    for (SimulatedPod pod : pods.values()) {
      PodProcess process = pod.process;
      if (process != null && pod.live()) {
        stops.add(stopper.submit(() -> {
          int killed = new GracefulStop(process, timeout).run();
          if (killed == 0) {
            drained.add(process);
          }
          return killed;
        }));
      }
    }
    for (java.util.concurrent.Future<Integer> stop : stops) {
      try {
        tasksKilled.addAndGet(stop.get());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        break;
      } catch (java.util.concurrent.ExecutionException e) {
        log.warn("a pod's drain failed: {}", e.getCause().toString());
      }
    }
    stopper.shutdownNow();
  }

  /** Pods whose process drained and exited by itself in {@link #drainAll(Duration)}. */
  public int drainedOnClose() {
    return drained.size();
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }
}
