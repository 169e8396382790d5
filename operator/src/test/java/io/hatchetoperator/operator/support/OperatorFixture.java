package io.hatchetoperator.operator.support;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.hatchetoperator.operator.HatchetOperator;
import io.hatchetoperator.operator.OperatorSettings;
import io.hatchetoperator.operator.api.HatchetWorkerPool;
import java.time.Duration;

/** Settings for operators under test against the CRUD mock, and short-hands to read what they wrote. */
public final class OperatorFixture {

    private OperatorFixture() {
    }

    /** SSA off (the mock has none), ephemeral HTTP port, short retry intervals. */
    public static OperatorSettings settings() {
        return OperatorSettings.defaults().withServerSideApply(false).withHttpPort(0)
                .withIntervals(Duration.ofMinutes(5), Duration.ofMillis(200), Duration.ofSeconds(1),
                        Duration.ofMillis(200));
    }

    /** A started operator on {@code client}. */
    public static HatchetOperator start(KubernetesClient client, OperatorSettings settings) {
        HatchetOperator operator = new HatchetOperator(settings, client);
        operator.start();
        return operator;
    }

    /** GET {@code path} from the operator's HTTP server: the status code and the body. */
    public static java.util.Map.Entry<Integer, String> http(HatchetOperator operator, String path) {
        try {
            var response = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                    java.net.URI.create("http://localhost:" + operator.httpPort() + path)).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            return java.util.Map.entry(response.statusCode(), response.body());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Reconciliations the operator counted with {@code result}, read from its /metrics. */
    public static double reconciliations(HatchetOperator operator, String result) {
        String prefix = "hatchet_worker_operator_reconciliations_total{result=\"" + result + "\"} ";
        return http(operator, "/metrics").getValue().lines().filter(l -> l.startsWith(prefix))
                .mapToDouble(l -> Double.parseDouble(l.substring(prefix.length()).trim())).sum();
    }

    /** Replaces pool {@code name}'s spec like kubectl edit would, retrying when the operator wrote in between. */
    public static void editSpec(KubernetesClient client, String name,
                                java.util.function.UnaryOperator<io.hatchetoperator.operator.api.HatchetWorkerPoolSpec> change) {
        for (int attempt = 1; ; attempt++) {
            try {
                client.resources(HatchetWorkerPool.class).inNamespace(MockCluster.NAMESPACE).withName(name).edit(p -> {
                    p.setSpec(change.apply(p.getSpec()));
                    return p;
                });
                return;
            } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
                if (e.getCode() != 409 || attempt == 10) {
                    throw e;
                }
            }
        }
    }

    /** The pool's Deployment, or null. */
    public static Deployment deployment(KubernetesClient client, String name) {
        return client.apps().deployments().inNamespace(MockCluster.NAMESPACE).withName(name).get();
    }

    /** The pool as stored. */
    public static HatchetWorkerPool pool(KubernetesClient client, String name) {
        return client.resources(HatchetWorkerPool.class).inNamespace(MockCluster.NAMESPACE).withName(name).get();
    }

    /** The status of condition {@code type} of pool {@code name}, or null. */
    public static String condition(KubernetesClient client, String name, String type) {
        HatchetWorkerPool pool = pool(client, name);
        if (pool == null || pool.getStatus() == null) {
            return null;
        }
        return pool.getStatus().getConditions().stream().filter(c -> type.equals(c.getType()))
                .map(c -> c.getStatus() + "/" + c.getReason()).findFirst().orElse(null);
    }
}
