package io.hatchetoperator.operator.bench;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.hatchetoperator.operator.HatchetOperator;
import io.hatchetoperator.operator.OperatorSettings;
import io.hatchetoperator.operator.api.HatchetWorkerPool;
import io.hatchetoperator.operator.render.DeploymentRenderer;
import io.hatchetoperator.operator.render.ReplicaTarget;
import io.hatchetoperator.operator.support.MockCluster;
import io.hatchetoperator.operator.support.OperatorFixture;
import io.hatchetoperator.operator.support.Pools;
import java.util.List;
import java.util.Locale;

/**
 * A harness, not a test: reconciles N pools on the CRUD mock and prints figures with their baselines measured
 * in the same run. (1) Cold start: time until every pool has its Deployment, with 10 reconcile threads against
 * 1. (2) Restart with every Deployment already right: API writes and time for the operator (drift matcher)
 * against the baseline of writing every Deployment again (update-always). Run with:
 * mvn -B -q -pl operator test-compile exec:java -Dexec.classpathScope=test
 * -Dexec.mainClass=io.hatchetoperator.operator.bench.ReconcileBenchmark -Dexec.args=100
 */
public final class ReconcileBenchmark {

    private ReconcileBenchmark() {
    }

    /** Runs the benchmark with {@code args[0]} pools (default 100). */
    public static void main(String[] args) throws Exception {
        int pools = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        coldStart(pools, 10); // warm-up: class loading and JIT, not measured
        coldStart(pools, 1);
        double serial = coldStart(pools, 1);
        double parallel = coldStart(pools, 10);
        System.out.printf(Locale.ROOT, "cold start, %d pools: 10 threads %.2f s (%.0f pools/s); 1 thread "
                + "(baseline) %.2f s (%.0f pools/s); speed-up x%.2f%n", pools, parallel, pools / parallel, serial,
                pools / serial, serial / parallel);
        restart(pools);
        System.exit(0);
    }

    private static double coldStart(int pools, int threads) {
        try (MockCluster cluster = new MockCluster("bench-cold-" + threads)) {
            KubernetesClient client = cluster.client();
            create(client, pools);
            OperatorSettings settings = OperatorFixture.settings().withReconcileThreads(threads).withHttpPort(-1);
            long start = System.nanoTime();
            HatchetOperator operator = OperatorFixture.start(cluster.operatorClient(), settings);
            waitForDeployments(client, pools);
            double seconds = (System.nanoTime() - start) / 1e9;
            operator.stop();
            return seconds;
        }
    }

    private static void restart(int pools) {
        try (MockCluster cluster = new MockCluster("bench-restart")) {
            KubernetesClient client = cluster.client();
            create(client, pools);
            HatchetOperator first = OperatorFixture.start(cluster.operatorClient(), OperatorFixture.settings());
            waitForDeployments(client, pools);
            waitUntilQuiet(cluster);
            first.stop();

            int mark = cluster.mark();
            long start = System.nanoTime();
            HatchetOperator second = OperatorFixture.start(cluster.operatorClient(), OperatorFixture.settings());
            while (OperatorFixture.reconciliations(second, "ok") < pools) {
                sleep(20);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            long writes = cluster.callsSince(mark).stream().filter(c -> !c.startsWith("GET ")).count();
            second.stop();

            long baselineStart = System.nanoTime();
            List<HatchetWorkerPool> all = client.resources(HatchetWorkerPool.class)
                    .inNamespace(MockCluster.NAMESPACE).list().getItems();
            for (HatchetWorkerPool pool : all) {
                Deployment desired = DeploymentRenderer.render(pool, ReplicaTarget.of(pool).replicas());
                Deployment actual = OperatorFixture.deployment(client, pool.getMetadata().getName());
                desired.getMetadata().setResourceVersion(actual.getMetadata().getResourceVersion());
                client.resource(desired).update();
            }
            double baseline = (System.nanoTime() - baselineStart) / 1e9;
            System.out.printf(Locale.ROOT, "restart, %d pools already right: operator %d API writes in %.2f s "
                    + "(start included); baseline update-always %d API writes in %.2f s%n", pools, writes, seconds,
                    all.size(), baseline);
        }
    }

    private static void create(KubernetesClient client, int pools) {
        client.resource(Pools.tokenSecret("hatchet-token")).create();
        for (int i = 0; i < pools; i++) {
            client.resource(i % 2 == 0 ? Pools.manual("pool-" + i, 2) : Pools.autoscaled("pool-" + i, 1, 5)).create();
        }
    }

    private static void waitForDeployments(KubernetesClient client, int pools) {
        while (client.apps().deployments().inNamespace(MockCluster.NAMESPACE).list().getItems().size() < pools) {
            sleep(20);
        }
    }

    private static void waitUntilQuiet(MockCluster cluster) {
        int seen = -1;
        while (seen != cluster.mark()) {
            seen = cluster.mark();
            sleep(1000);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
