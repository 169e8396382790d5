package io.hatchetoperator.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Which of a Deployment's conditions make the pool's Ready condition False with the Deployment's own reason:
 * Progressing=False with ProgressDeadlineExceeded ({@code TimedOutReason} in kubernetes/kubernetes
 * pkg/controller/deployment/util/deployment_util.go) and ReplicaFailure=True (e.g. FailedCreate when a quota or an
 * admission webhook refuses pods; OwnershipAndRolloutIT runs that one through the operator).
 */
class DeploymentFailureTest {

  static Deployment with(DeploymentCondition... conditions) {
    return new DeploymentBuilder().withNewStatus().withConditions(List.of(conditions)).endStatus().build();
  }

  static DeploymentCondition condition(String type, String status, String reason) {
    return new DeploymentConditionBuilder().withType(type).withStatus(status).withReason(reason)
        .withMessage(reason + " happened").build();
  }

  @Test
  void aStuckRolloutIsAFailure() {
    assertThat(PoolReconciliation.failing(with(condition("Available", "True", "MinimumReplicasAvailable"),
        condition("Progressing", "False", "ProgressDeadlineExceeded"))))
        .hasValueSatisfying(c -> assertThat(c.getReason()).isEqualTo("ProgressDeadlineExceeded"));
  }

  @Test
  void refusedPodsAreAFailure() {
    assertThat(PoolReconciliation.failing(with(condition("ReplicaFailure", "True", "FailedCreate"))))
        .hasValueSatisfying(c -> assertThat(c.getReason()).isEqualTo("FailedCreate"));
  }

  @Test
  void aHealthyOrProgressingDeploymentIsNot() {
    assertThat(PoolReconciliation.failing(with(condition("Available", "True", "MinimumReplicasAvailable"),
        condition("Progressing", "True", "NewReplicaSetAvailable")))).isEmpty();
    assertThat(PoolReconciliation.failing(with(condition("ReplicaFailure", "False", "")))).isEmpty();
    assertThat(PoolReconciliation.failing(new Deployment())).isEmpty();
  }
}
