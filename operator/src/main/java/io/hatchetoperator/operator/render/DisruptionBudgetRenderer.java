package io.hatchetoperator.operator.render;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.hatchetoperator.operator.api.DisruptionBudgetSpec;
import io.hatchetoperator.operator.api.HatchetWorkerPool;

/** Renders the optional PodDisruptionBudget of a pool's pods. */
public final class DisruptionBudgetRenderer {

    private DisruptionBudgetRenderer() {
    }

    /** The budget {@code pool} asks for; call only when spec.disruptionBudget is set. */
    public static PodDisruptionBudget render(HatchetWorkerPool pool) {
        DisruptionBudgetSpec budget = pool.getSpec().disruptionBudget();
        int maxUnavailable = budget.maxUnavailable() == null ? 1 : budget.maxUnavailable();
        return new PodDisruptionBudgetBuilder()
                .withNewMetadata()
                    .withName(pool.getMetadata().getName())
                    .withNamespace(pool.getMetadata().getNamespace())
                    .withLabels(PoolLabels.standard(pool))
                    .withOwnerReferences(DeploymentRenderer.ownerReference(pool))
                .endMetadata()
                .withNewSpec()
                    .withMaxUnavailable(new IntOrString(maxUnavailable))
                    .withNewSelector().withMatchLabels(PoolLabels.selector(pool)).endSelector()
                .endSpec()
                .build();
    }
}
