package io.hatchetoperator.sandbox.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Deployment controller's rollout arithmetic, step by step, against the cases its sources describe. */
class DeploymentRolloutTest {

  private static final RolloutStrategy SURGE_ONE = new RolloutStrategy(false, "1", "0");

  /** Runs one sync with every pod of every ReplicaSet available when {@code ready} says so. */
  private static List<ReplicaSetState> sync(int replicas, RolloutStrategy strategy, String hash,
      List<ReplicaSetState> sets, Map<String, Integer> available) {
    List<ReplicaSetState> withAvailable = new ArrayList<>();
    for (ReplicaSetState rs : sets) {
      withAvailable.add(new ReplicaSetState(rs.hash(), rs.replicas(), rs.revision(), rs.desiredAnnotation(),
          rs.maxAnnotation(), rs.createdSeq(), available.getOrDefault(rs.hash(), 0)));
    }
    int status = sets.stream().mapToInt(ReplicaSetState::replicas).sum();
    return DeploymentRollout.sync(replicas, strategy, hash, withAvailable, status, false, 100);
  }

  private static Map<String, Integer> sizes(List<ReplicaSetState> sets) {
    Map<String, Integer> out = new java.util.LinkedHashMap<>();
    sets.forEach(rs -> out.put(rs.hash(), rs.replicas()));
    return out;
  }

  @Test
  void firstSyncCreatesTheReplicaSetAtFullSize() {
    List<ReplicaSetState> sets = sync(3, RolloutStrategy.DEFAULT, "a", List.of(), Map.of());
    assertThat(sizes(sets)).containsExactly(Map.entry("a", 3));
    assertThat(sets.get(0).revision()).isEqualTo(1);
    assertThat(sets.get(0).desiredAnnotation()).isEqualTo(3);
    assertThat(sets.get(0).maxAnnotation()).isEqualTo(4); // 3 + ceil(25 % of 3)
  }

  @Test
  void surgeOneUnavailableZeroAddsANewPodBeforeEachOldOneGoes() {
    List<ReplicaSetState> sets = sync(2, SURGE_ONE, "old", List.of(), Map.of());
    sets = sync(2, SURGE_ONE, "new", sets, Map.of("old", 2));
    assertThat(sizes(sets)).as("new +1").containsExactly(Map.entry("old", 2), Map.entry("new", 1));
    assertThat(sets.get(1).revision()).isEqualTo(2);
    sets = sync(2, SURGE_ONE, "new", sets, Map.of("old", 2));
    assertThat(sizes(sets)).as("the new pod is not ready: nothing").containsExactly(Map.entry("old", 2),
        Map.entry("new", 1));
    sets = sync(2, SURGE_ONE, "new", sets, Map.of("old", 2, "new", 1));
    assertThat(sizes(sets)).as("old -1").containsExactly(Map.entry("old", 1), Map.entry("new", 1));
    sets = sync(2, SURGE_ONE, "new", sets, Map.of("old", 1, "new", 1));
    assertThat(sizes(sets)).as("new +1").containsExactly(Map.entry("old", 1), Map.entry("new", 2));
    sets = sync(2, SURGE_ONE, "new", sets, Map.of("old", 1, "new", 2));
    assertThat(sizes(sets)).as("old -1").containsExactly(Map.entry("old", 0), Map.entry("new", 2));
  }

  @Test
  void theDefaultStrategyTakesAnOldPodAwayBeforeItsReplacementIsReady() {
    List<ReplicaSetState> sets = sync(6, RolloutStrategy.DEFAULT, "old", List.of(), Map.of());
    sets = sync(6, RolloutStrategy.DEFAULT, "new", sets, Map.of("old", 6));
    assertThat(sizes(sets)).containsExactly(Map.entry("old", 5), Map.entry("new", 2));
    // 25 % of 6: surge 2 (rounded up), unavailable 1 (rounded down): one old pod goes while both new ones start,
    // so 5 of 6 serve; with maxUnavailable 0 all 6 would
    assertThat(sizes(sync(6, new RolloutStrategy(false, "25%", "0"), "new",
        sync(6, RolloutStrategy.DEFAULT, "old", List.of(), Map.of()), Map.of("old", 6))))
        .containsExactly(Map.entry("old", 6), Map.entry("new", 2));
  }

  @Test
  void unhealthyOldPodsGoFirst() {
    List<ReplicaSetState> sets = sync(4, SURGE_ONE, "old", List.of(), Map.of());
    sets = sync(4, SURGE_ONE, "new", sets, Map.of("old", 3));
    assertThat(sizes(sync(4, SURGE_ONE, "new", sets, Map.of("old", 3)))).as("the new pod is not ready either")
        .containsExactly(Map.entry("old", 4), Map.entry("new", 1));
    sets = sync(4, SURGE_ONE, "new", sets, Map.of("old", 3, "new", 1));
    assertThat(sizes(sets)).as("the not-ready old pod is cleaned up, no ready one").containsExactly(
        Map.entry("old", 3), Map.entry("new", 1));
  }

  @Test
  void aScaleInTheMiddleOfARolloutIsSharedInProportion() {
    List<ReplicaSetState> sets = new ArrayList<>(List.of(
        new ReplicaSetState("old", 3, 1, 4, 5, 1, 3), new ReplicaSetState("new", 2, 2, 4, 5, 2, 1)));
    List<ReplicaSetState> up = sync(8, SURGE_ONE, "new", sets, Map.of("old", 3, "new", 1));
    // 8 + 1 surge = 9 allowed, 5 held: 4 to add, old gets round(3 * 9 / 5) - 3 = 2, new the rest
    assertThat(sizes(up)).containsExactly(Map.entry("old", 5), Map.entry("new", 4));
    assertThat(up).allSatisfy(rs -> assertThat(rs.desiredAnnotation()).isEqualTo(8));
    List<ReplicaSetState> down = sync(2, SURGE_ONE, "new", sets, Map.of("old", 3, "new", 1));
    // 3 allowed, 5 held: -2, the larger (old) first: round(3 * 3 / 5) - 3 = -1, new: round(2 * 3 / 5) - 2 = -1
    assertThat(sizes(down)).containsExactly(Map.entry("old", 2), Map.entry("new", 1));
  }

  @Test
  void aSaturatedNewReplicaSetEndsTheOldOnesOnAScale() {
    // the old ReplicaSet still carries the previous size: a scaling event; the new one holds all 3, all available
    List<ReplicaSetState> sets = List.of(new ReplicaSetState("old", 1, 1, 2, 3, 1, 1),
        new ReplicaSetState("new", 3, 2, 3, 4, 2, 3));
    assertThat(sizes(sync(3, SURGE_ONE, "new", sets, Map.of("old", 1, "new", 3))))
        .containsExactly(Map.entry("old", 0), Map.entry("new", 3));
  }

  @Test
  void recreateStartsNewPodsOnlyOnceEveryOldOneIsGone() {
    RolloutStrategy recreate = new RolloutStrategy(true, "0", "0");
    List<ReplicaSetState> sets = sync(2, recreate, "old", List.of(), Map.of());
    sets = DeploymentRollout.sync(2, recreate, "new", sets, 2, true, 2);
    assertThat(sizes(sets)).containsExactly(Map.entry("old", 0));
    sets = DeploymentRollout.sync(2, recreate, "new", sets, 0, true, 3);
    assertThat(sizes(sets)).as("old pods still draining").containsExactly(Map.entry("old", 0));
    sets = DeploymentRollout.sync(2, recreate, "new", sets, 0, false, 4);
    assertThat(sizes(sets)).containsExactly(Map.entry("old", 0), Map.entry("new", 2));
  }

  @Test
  void fencepostsRoundSurgeUpAndUnavailabilityDown() {
    assertThat(RolloutStrategy.DEFAULT.fenceposts(10)).isEqualTo(new RolloutStrategy.Fenceposts(3, 2));
    assertThat(RolloutStrategy.DEFAULT.fenceposts(1)).isEqualTo(new RolloutStrategy.Fenceposts(1, 0));
    assertThat(new RolloutStrategy(false, "0%", "0%").fenceposts(3))
        .as("both zero: one may be unavailable").isEqualTo(new RolloutStrategy.Fenceposts(0, 1));
    assertThat(new RolloutStrategy(false, "0", "5").fenceposts(2)).isEqualTo(new RolloutStrategy.Fenceposts(0, 2));
  }

  @Test
  void strategyIsReadWithTheApiServersDefaultsAndBadValuesNameTheField() {
    Deployment unset = new DeploymentBuilder().withNewMetadata().withName("d").endMetadata().withNewSpec()
        .endSpec().build();
    assertThat(RolloutStrategy.of(unset)).isEqualTo(RolloutStrategy.DEFAULT);
    Deployment set = new DeploymentBuilder(unset).editSpec().withNewStrategy().withType("RollingUpdate")
        .withNewRollingUpdate().withMaxSurge(new IntOrString("50%")).withMaxUnavailable(new IntOrString(0))
        .endRollingUpdate().endStrategy().endSpec().build();
    assertThat(RolloutStrategy.of(set)).isEqualTo(new RolloutStrategy(false, "50%", "0"));
    Deployment bad = new DeploymentBuilder(unset).editSpec().withNewStrategy().withNewRollingUpdate()
        .withMaxSurge(new IntOrString("lots")).endRollingUpdate().endStrategy().endSpec().build();
    assertThatThrownBy(() -> RolloutStrategy.of(bad)).hasMessageContaining("spec.strategy.rollingUpdate.maxSurge")
        .hasMessageContaining("'lots'").hasMessageContaining("25%");
    Deployment unknown = new DeploymentBuilder(unset).editSpec().withNewStrategy().withType("BlueGreen")
        .endStrategy().endSpec().build();
    assertThatThrownBy(() -> RolloutStrategy.of(unknown)).hasMessageContaining("spec.strategy.type is 'BlueGreen'");
  }
}
