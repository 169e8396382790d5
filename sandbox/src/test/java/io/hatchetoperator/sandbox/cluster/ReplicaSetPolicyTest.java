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
    assertThat(ReplicaSetPolicy.plan(3, "h", List.of(pod("a", "h", true, 0, 0))))
        .isEqualTo(new ReplicaSetPlan(2, List.of()));
  }

  @Test
  void scaleDownTakesLowestDeletionCostBeforeAge() {
    List<PodView> pods = List.of(
        pod("busy-new", "h", true, 100, 3),
        pod("idle-old", "h", true, -100, 0),
        pod("busy-old", "h", true, 100, 1));
    assertThat(ReplicaSetPolicy.plan(2, "h", pods).delete()).containsExactly("idle-old");
  }

  @Test
  void scaleDownTakesNewestWhenCostsAreEqual() {
    List<PodView> pods = List.of(pod("a", "h", true, 0, 0), pod("c", "h", true, 0, 2), pod("b", "h", true, 0, 1));
    assertThat(ReplicaSetPolicy.plan(1, "h", pods).delete()).containsExactly("c", "b");
  }

  @Test
  void notReadyPodsGoBeforeReadyOnes() {
    List<PodView> pods = List.of(pod("ready", "h", true, 0, 0), pod("starting", "h", false, 50, 1));
    assertThat(ReplicaSetPolicy.plan(1, "h", pods).delete()).containsExactly("starting");
  }

  @Test
  void scaleToZeroDeletesEverything() {
    List<PodView> pods = List.of(pod("a", "h", true, 0, 0), pod("b", "h", false, 0, 1));
    assertThat(ReplicaSetPolicy.plan(0, "h", pods)).isEqualTo(new ReplicaSetPlan(0, List.of("b", "a")));
  }

  @Test
  void steadyStateChangesNothing() {
    List<PodView> pods = List.of(pod("a", "h", true, 0, 0), pod("b", "h", false, 0, 1));
    assertThat(ReplicaSetPolicy.plan(2, "h", pods).changes()).isFalse();
  }

  @Test
  void rollingUpdateSurgesOneAndKeepsAvailability() {
    List<PodView> old = List.of(pod("o1", "old", true, 0, 0), pod("o2", "old", true, 0, 1));
    assertThat(ReplicaSetPolicy.plan(2, "new", old)).isEqualTo(new ReplicaSetPlan(1, List.of()));

    List<PodView> surging = List.of(old.get(0), old.get(1), pod("n1", "new", false, 0, 2));
    assertThat(ReplicaSetPolicy.plan(2, "new", surging).changes()).isFalse();

    List<PodView> newReady = List.of(old.get(0), old.get(1), pod("n1", "new", true, 0, 2));
    assertThat(ReplicaSetPolicy.plan(2, "new", newReady)).isEqualTo(new ReplicaSetPlan(1, List.of("o2")));

    List<PodView> last = List.of(old.get(0), pod("n1", "new", true, 0, 2), pod("n2", "new", true, 0, 3));
    assertThat(ReplicaSetPolicy.plan(2, "new", last)).isEqualTo(new ReplicaSetPlan(0, List.of("o1")));
  }

  @Test
  void negativeReplicasAreRejectedWithTheField() {
    assertThatThrownBy(() -> ReplicaSetPolicy.plan(-1, "h", List.of()))
        .hasMessageContaining("spec.replicas is -1");
  }
}
