package io.hatchetoperator.operator.bench;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import java.util.HashMap;
import java.util.Queue;
import io.hatchetoperator.engine.DevEngine;
import io.hatchetoperator.engine.DevEngineSettings;
import io.hatchetoperator.engine.core.TriggerRequest;
import io.hatchetoperator.operator.HatchetOperator;
import io.hatchetoperator.operator.OperatorSettings;
import io.hatchetoperator.operator.api.AutoscalingSpec;
import io.hatchetoperator.operator.api.EngineSpec;
import io.hatchetoperator.operator.api.HatchetWorkerPool;
import io.hatchetoperator.operator.api.HatchetWorkerPoolSpec;
import io.hatchetoperator.operator.api.SecretKeyRef;
import io.hatchetoperator.operator.autoscaling.AutoscalingSettings;
import io.hatchetoperator.operator.autoscaling.EnginePollers;
import io.hatchetoperator.operator.autoscaling.PoolAutoscaler;
import io.hatchetoperator.proto.v1.CreateTaskOpts;
import io.hatchetoperator.proto.v1.CreateWorkflowVersionRequest;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The operator at scale: N autoscaled pools spread over a few tenants (one dev engine each), reconciled by the
 * real operator against the fabric8 CRUD mock, first idle and then with every pool's queue loaded. Requests are
 * counted at the mock server; engine requests per tenant per tick from the pollers; decision time per autoscaling
 * step; heap from the JVM (the mock server and the engines live in the same JVM, so the heap figure is an upper
 * bound for the operator alone).
 *
 * <p>Run: {@code java -Xmx256m -jar operator/target/operator-scale-bench.jar --pools 1000 --out DIR}; writes
 * DIR/scale.json.
 */
public final class ScaleBenchmark {

    /**
     * Held here: java.util.logging keeps loggers weakly, so a level set on a logger nobody references is lost at the
     * next GC, and the mock then logs every request (about 15,000 lines a minute at 1,000 pools).
     */
    private static final java.util.logging.Logger MOCK_LOG = java.util.logging.Logger.getLogger(
            "io.fabric8.mockwebserver");

    private ScaleBenchmark() {
    }

    /** Entry point: {@code --pools N --out DIR [--tenants T] [--phase-seconds S]}. */
    public static void main(String[] args) throws Exception {
        BenchOptions options = BenchOptions.parse(args);
        ScaleFigures figures = run(options);
        Files.createDirectories(options.out());
        Files.writeString(options.out().resolve("scale.json"), figures.json());
        System.out.println(figures.json());
        System.exit(0);
    }

    /** Runs both phases and returns the figures. */
    static ScaleFigures run(BenchOptions options) throws Exception {
        List<DevEngine> engines = new ArrayList<>();
        MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
        Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), expectations,
                new KubernetesMixedDispatcher(expectations), false);
        server.init();
        HeapSampler heap = HeapSampler.start();
        RequestTally tally = new RequestTally(server);
        try {
            KubernetesClient client = server.createClient();
            for (int t = 0; t < options.tenants(); t++) {
                DevEngine engine = DevEngine.start(DevEngineSettings.ephemeral());
                engines.add(engine);
                client.resource(new SecretBuilder().withMetadata(new ObjectMetaBuilder().withName("token-" + t)
                        .withNamespace("bench").build()).withData(Map.of("token", Base64.getEncoder()
                        .encodeToString(engine.token().getBytes(StandardCharsets.UTF_8)))).build()).create();
            }
            for (int i = 0; i < options.pools(); i++) {
                DevEngine engine = engines.get(i % engines.size());
                engine.scheduler().registry().put(CreateWorkflowVersionRequest.newBuilder().setName("wf-" + i)
                        .addTasks(CreateTaskOpts.newBuilder().setReadableId("task-" + i).setAction("wf-" + i + ":task-" + i))
                        .build());
                client.resource(pool(i, i % engines.size(), engine.serverUrl())).create();
            }
            Clock clock = Clock.systemUTC();
            EnginePollers pollers = EnginePollers.overRest(AutoscalingSettings.DEFAULTS, clock);
            AtomicLong polls = new AtomicLong();
            AtomicLong engineRequests = new AtomicLong();
            pollers.addListener((snapshot, pools) -> {
                polls.incrementAndGet();
                engineRequests.addAndGet(snapshot.requests());
            });
            TimedScalingStep step = new TimedScalingStep(new PoolAutoscaler(client, pollers,
                    AutoscalingSettings.DEFAULTS, clock, new PrometheusRegistry()));
            OperatorSettings settings = OperatorSettings.defaults().withServerSideApply(false).withHttpPort(-1)
                    .withReconcileThreads(options.threads());
            HatchetOperator operator = new HatchetOperator(settings, client, step);
            operator.start();
            try {
                awaitSettled(client, options); // every pool has its Deployment and a decision
                Thread.sleep(options.phaseSeconds() * 1000L); // and has been idle for a phase
                double idle = requestsPerSecond(tally, "idle", options.phaseSeconds());
                for (int i = 0; i < options.pools(); i++) {
                    DevEngine engine = engines.get(i % engines.size());
                    for (int r = 0; r < 20; r++) {
                        engine.scheduler().trigger(TriggerRequest.of("wf-" + i, "{}"));
                    }
                }
                step.reset();
                long pollsBefore = polls.get();
                long engineBefore = engineRequests.get();
                double busy = requestsPerSecond(tally, "busy", options.phaseSeconds());
                double perTick = (engineRequests.get() - engineBefore)
                        / (double) Math.max(1, polls.get() - pollsBefore);
                return new ScaleFigures(options.pools(), options.tenants(), idle, busy, perTick,
                        step.p99Millis(), step.cpuP99Millis(), step.count(), heap.maxMiB(),
                        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
            } finally {
                operator.stop();
            }
        } finally {
            heap.close();
            tally.close();
            engines.forEach(DevEngine::close);
            server.destroy();
        }
    }

    /**
     * Waits (up to 10 minutes) until every pool has a Deployment and the number of pools with a decision stopped
     * growing for three checks (5 s apart); prints both counts.
     */
    private static void awaitSettled(KubernetesClient client, BenchOptions options) throws InterruptedException {
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.MINUTES.toNanos(10);
        long previous = -1;
        int stable = 0;
        while (System.nanoTime() < deadline) {
            long decided = client.resources(HatchetWorkerPool.class).inNamespace("bench").list().getItems().stream()
                    .filter(p -> p.getStatus() != null && p.getStatus().getLastDecision() != null).count();
            int deployments = client.apps().deployments().inNamespace("bench").list().getItems().size();
            System.err.println("settling: " + deployments + " Deployments, " + decided + " pools decided of "
                    + options.pools());
            stable = decided == previous ? stable + 1 : 0;
            previous = decided;
            if (deployments == options.pools() && (decided == options.pools() || stable >= 3)) {
                return;
            }
            Thread.sleep(5000);
        }
        throw new IllegalStateException("the pools did not settle within 10 minutes");
    }

    /** Requests per second over a phase of {@code seconds}; prints them by kind to stderr. */
    private static double requestsPerSecond(RequestTally tally, String phase, int seconds)
            throws InterruptedException {
        Map<String, Long> before = tally.snapshot();
        long started = System.nanoTime();
        Thread.sleep(seconds * 1000L);
        double elapsed = (System.nanoTime() - started) / 1e9;
        Map<String, Long> delta = RequestTally.delta(before, tally.snapshot());
        System.err.println("API requests in the " + phase + " phase (" + Math.round(elapsed) + " s): " + delta);
        return RequestTally.total(delta) / elapsed;
    }

    private static HatchetWorkerPool pool(int i, int tenant, String apiUrl) {
        HatchetWorkerPool pool = new HatchetWorkerPool();
        pool.setMetadata(new ObjectMetaBuilder().withName("pool-" + i).withNamespace("bench").build());
        pool.setSpec(new HatchetWorkerPoolSpec(null, 5, List.of("task-" + i),
                new EngineSpec(new SecretKeyRef("token-" + tenant, "token"), null, apiUrl, null, null),
                new io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder().withNewSpec().addNewContainer()
                        .withName("worker").withImage("worker:1").endContainer().endSpec().build(),
                null, new AutoscalingSpec(1, 10, 0.8, "10s", "2s", null, null, "120s", null), null, null));
        return pool;
    }

    /** Samples the used heap every 200 ms and keeps the maximum. */
    static final class HeapSampler implements AutoCloseable {
        private final AtomicLong max = new AtomicLong();
        private final Thread thread;

        private HeapSampler() {
            thread = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
                    max.accumulateAndGet(used, Math::max);
                    try {
                        Thread.sleep(200);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "heap-sampler");
            thread.setDaemon(true);
        }

        static HeapSampler start() {
            HeapSampler sampler = new HeapSampler();
            sampler.thread.start();
            return sampler;
        }

        double maxMiB() {
            return max.get() / (1024.0 * 1024.0);
        }

        @Override
        public void close() {
            thread.interrupt();
        }
    }
}
