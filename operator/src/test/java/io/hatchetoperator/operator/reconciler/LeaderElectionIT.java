package io.hatchetoperator.operator.reconciler;

import static io.hatchetoperator.operator.support.OperatorFixture.deployment;
import static io.hatchetoperator.operator.support.OperatorFixture.reconciliations;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.hatchetoperator.operator.HatchetOperator;
import io.hatchetoperator.operator.OperatorSettings;
import io.hatchetoperator.operator.api.HatchetWorkerPoolSpec;
import io.hatchetoperator.operator.support.MockCluster;
import io.hatchetoperator.operator.support.OperatorFixture;
import io.hatchetoperator.operator.support.Pools;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Two operator replicas on one Lease: one reconciles, the other takes over when it stops. */
class LeaderElectionIT {

    @Test
    void oneReplicaIsActiveAndTheOtherTakesOver() {
        try (MockCluster cluster = new MockCluster("LeaderElectionIT")) {
            KubernetesClient client = cluster.client();
            client.resource(Pools.tokenSecret("hatchet-token")).create();
            OperatorSettings settings = OperatorFixture.settings()
                    .withLeaderElection(true, "hatchet-worker-operator", MockCluster.NAMESPACE)
                    .withLeaseTimings(Duration.ofSeconds(2), Duration.ofMillis(1500), Duration.ofMillis(200));
            HatchetOperator first = OperatorFixture.start(cluster.operatorClient(), settings);
            HatchetOperator second = OperatorFixture.start(cluster.operatorClient(), settings);
            try {
                await().atMost(Duration.ofSeconds(15)).until(() -> first.isLeader() || second.isLeader());
                HatchetOperator leader = first.isLeader() ? first : second;
                HatchetOperator follower = leader == first ? second : first;
                assertThat(follower.isLeader()).isFalse();
                assertThat(client.leases().inNamespace(MockCluster.NAMESPACE).withName("hatchet-worker-operator")
                        .get().getSpec().getHolderIdentity()).isEqualTo(leader.identity());

                client.resource(Pools.manual("elected", 1)).create();
                await().atMost(Duration.ofSeconds(10)).until(() -> deployment(client, "elected") != null);
                await().atMost(Duration.ofSeconds(5)).until(() -> reconciliations(leader, "ok") >= 1);
                assertThat(reconciliations(follower, "ok")).as("the follower reconciles nothing").isZero();
                assertThat(OperatorFixture.http(follower, "/readyz").getKey()).isEqualTo(200);

                leader.stop();
                await().atMost(Duration.ofSeconds(15)).until(follower::isLeader);
                OperatorFixture.editSpec(client, "elected", s -> new HatchetWorkerPoolSpec(s.workerName(), s.slots(),
                        s.tasks(), s.engine(), s.template(), 4, null, s.drain(), null));
                await().atMost(Duration.ofSeconds(10)).until(() ->
                        deployment(client, "elected").getSpec().getReplicas() == 4);
                assertThat(cluster.calls()).anyMatch(c -> c.startsWith("POST /apis/coordination.k8s.io/v1/"))
                        .anyMatch(c -> c.startsWith("POST /apis/authorization.k8s.io/v1/selfsubjectrulesreviews"));
            } finally {
                for (HatchetOperator operator : List.of(first, second)) {
                    operator.stop();
                }
            }
        }
    }

    @Test
    void aLeaderWhoseLeaseIsTakenOverWritesNothingMore() {
        try (MockCluster cluster = new MockCluster("LeaderElectionTakeoverIT")) {
            KubernetesClient client = cluster.client();
            client.resource(Pools.tokenSecret("hatchet-token")).create();
            OperatorSettings settings = OperatorFixture.settings()
                    .withLeaderElection(true, "takeover", MockCluster.NAMESPACE)
                    .withLeaseTimings(Duration.ofSeconds(2), Duration.ofMillis(1500), Duration.ofMillis(200));
            HatchetOperator first = OperatorFixture.start(cluster.operatorClient("first"), settings);
            await().atMost(Duration.ofSeconds(15)).until(first::isLeader);
            HatchetOperator second = OperatorFixture.start(cluster.operatorClient("second"), settings);
            try {
                client.resource(Pools.manual("contested", 1)).create();
                await().atMost(Duration.ofSeconds(10)).until(() -> deployment(client, "contested") != null);

                // another replica takes the Lease over (as after a missed renewal): the old leader's next renewal
                // fails, and from then on it must not write anything
                await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> {
                    client.leases().inNamespace(MockCluster.NAMESPACE).withName("takeover").edit(l -> {
                        l.getSpec().setHolderIdentity(second.identity());
                        l.getSpec().setRenewTime(java.time.ZonedDateTime.now());
                        return l;
                    });
                    return true;
                });
                await().atMost(Duration.ofSeconds(15)).until(() -> !first.isLive());
                assertThat(first.isLeader()).isFalse();
                assertThat(OperatorFixture.http(first, "/healthz").getKey()).as("liveness fails").isEqualTo(503);
                int writesBefore = writes(cluster.callsBy("first")).size();

                await().atMost(Duration.ofSeconds(15)).until(second::isLeader);
                OperatorFixture.editSpec(client, "contested", s -> new HatchetWorkerPoolSpec(s.workerName(),
                        s.slots(), s.tasks(), s.engine(), s.template(), 3, null, s.drain(), null));
                client.resource(Pools.manual("created-later", 2)).create();
                await().atMost(Duration.ofSeconds(10)).until(() ->
                        deployment(client, "contested").getSpec().getReplicas() == 3
                                && deployment(client, "created-later") != null);
                assertThat(writes(cluster.callsBy("second"))).as("the new leader writes").isNotEmpty();
                assertThat(writes(cluster.callsBy("first")).subList(writesBefore, writes(cluster.callsBy("first"))
                        .size())).as("writes of the old leader after it lost the Lease").isEmpty();
                assertThat(client.leases().inNamespace(MockCluster.NAMESPACE).withName("takeover").get().getSpec()
                        .getHolderIdentity()).isEqualTo(second.identity());
            } finally {
                for (HatchetOperator operator : List.of(first, second)) {
                    operator.stop();
                }
            }
        }
    }

    private static List<String> writes(List<String> calls) {
        return calls.stream().filter(c -> !c.startsWith("GET ")).toList();
    }
}
