package io.hatchetoperator.sandbox.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReplicaSetPolicyTest {

  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  private static PodView pod(String name, String hash, boolean ready, int cost, int ageRank) {
    return new PodView(name, hash, ready, cost, T0.plusSeconds(ageRank));
  }

  @Test
  void createsMissingPods() {
    assertThat(ReplicaSetPolicy.plan(3, List.of(pod("a", "h", true, 0, 0))))
        .isEqualTo(new ReplicaSetPlan(2, List.of()));
  }

  @Test
  void scaleDownTakesLowestDeletionCostBeforeAge() {
    List<PodView> pods = List.of(
        pod("busy-new", "h", true, 100, 3),
        pod("idle-old", "h", true, -100, 0),
        pod("busy-old", "h", true, 100, 1));
    assertThat(ReplicaSetPolicy.plan(2, pods).delete()).containsExactly("idle-old");
  }

  @Test
  void scaleDownTakesNewestWhenCostsAreEqual() {
    List<PodView> pods = List.of(pod("a", "h", true, 0, 0), pod("c", "h", true, 0, 2), pod("b", "h", true, 0, 1));
    assertThat(ReplicaSetPolicy.plan(1, pods).delete()).containsExactly("c", "b");
  }

  @Test
  void notReadyPodsGoBeforeReadyOnes() {
    List<PodView> pods = List.of(pod("ready", "h", true, 0, 0), pod("starting", "h", false, 50, 1));
    assertThat(ReplicaSetPolicy.plan(1, pods).delete()).containsExactly("starting");
  }

  @Test
  void scaleToZeroDeletesEverything() {
    List<PodView> pods = List.of(pod("a", "h", true, 0, 0), pod("b", "h", false, 0, 1));
    assertThat(ReplicaSetPolicy.plan(0, pods)).isEqualTo(new ReplicaSetPlan(0, List.of("b", "a")));
  }

  @Test
  void steadyStateChangesNothing() {
    List<PodView> pods = List.of(pod("a", "h", true, 0, 0), pod("b", "h", false, 0, 1));
    assertThat(ReplicaSetPolicy.plan(2, pods).changes()).isFalse();
  }

  @Test
  void negativeReplicasAreRejectedWithTheField() {
    assertThatThrownBy(() -> ReplicaSetPolicy.plan(-1, List.of()))
        .hasMessageContaining("spec.replicas is -1");
  }
}
