package io.hatchetoperator.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.hatchetoperator.sandbox.cluster.ReplicaChange;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Scenario 2: an idle pool goes to zero replicas; a task arrives, a pod starts and runs it. */
class ScaleToZeroIT {

  @Test
  void idlePoolScalesToZeroAndATaskBringsAPodBack() throws Exception {
    try (Sandbox sandbox = E2e.start("zero", Duration.ofSeconds(60))) {
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() ->
          sandbox.pods().desiredReplicas("sandbox", "zero") == 0 && sandbox.pods().snapshot().ready() == 0
              && sandbox.pods().snapshot().draining() == 0);

      long before = sandbox.pods().replicaChanges().size();
      String run = sandbox.client().client().trigger("sleep", Map.of("ms", 200));
      assertThat(sandbox.client().client().result(run).get(60, TimeUnit.SECONDS)).isNotNull();

      assertThat(sandbox.pods().replicaChanges().stream().skip(before))
          .as("woken from zero by the queued task").anyMatch(c -> c.from() == 0 && c.to() >= 1);
      assertThat(sandbox.pods().replicaChanges()).extracting(ReplicaChange::deployment).containsOnly("zero");
    }
  }
}
