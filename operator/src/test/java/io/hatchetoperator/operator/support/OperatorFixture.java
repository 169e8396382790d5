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
