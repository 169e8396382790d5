package io.hatchetoperator.sandbox.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.hatchetoperator.engine.DevEngine;
import io.hatchetoperator.engine.DevEngineSettings;
import io.hatchetoperator.sandbox.cluster.PodLaunch;
import io.hatchetoperator.sandbox.cluster.PodProcess;
import io.hatchetoperator.sandbox.cluster.PodStartException;
import io.hatchetoperator.worker.Hatchet;
import io.hatchetoperator.worker.WorkerOptions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The pod process adapter against the real dev engine, with a worker built by the runtime's API. */
class WorkerPodProcessIT {

  private DevEngine engine;
  private Hatchet client;
  private final List<String> completions = new CopyOnWriteArrayList<>();
  private final CompletionTap tap = new CompletionTap();
  private final WorkerFactory sleeper = (hatchet, name, slots) -> hatchet.worker(name, WorkerOptions.slots(slots),
      hatchet.task("sleep", (input, ctx) -> {
        long ms = ((Number) input.get("ms")).longValue();
        Thread.sleep(ms);
        return Map.of("sleptMs", ms);
      }));

  @BeforeEach
  void start() {
    engine = DevEngine.start(DevEngineSettings.ephemeral());
    client = Hatchet.fromEnv(engine.clientEnv());
    tap.attach(completions::add);
  }

  @AfterEach
  void stop() {
    client.close();
    engine.close();
  }

  private PodProcess pod(String slots) {
    Map<String, String> env = new HashMap<>(engine.clientEnv());
    env.put(WorkerPodProcesses.SLOTS, slots);
    env.put("HATCHET_WORKER_DRAIN_TIMEOUT", "10s");
    return new WorkerPodProcesses(sleeper, tap).create(new PodLaunch("ns", "pool-abc", "pool", "worker", env));
  }

  @Test
  void runsTasksReportsCompletionsOnTheWireAndDrainsOnSigterm() throws Exception {
    PodProcess pod = pod("2");
    pod.start();
    assertThat(pod.slots()).isEqualTo(2);
    List<String> quick = List.of(client.client().trigger("sleep", Map.of("ms", 50)),
        client.client().trigger("sleep", Map.of("ms", 50)));
    for (String id : quick) {
      client.client().result(id).get(10, TimeUnit.SECONDS);
    }
    await().atMost(Duration.ofSeconds(5)).until(() -> completions.size() == 2);
    assertThat(completions).doesNotHaveDuplicates();

    String slow = client.client().trigger("sleep", Map.of("ms", 1500));
    await().atMost(Duration.ofSeconds(5)).until(() -> pod.runningTasks() == 1);
    var drained = pod.shutdown();
    assertThat(drained).isNotDone();
    drained.get(10, TimeUnit.SECONDS);
    assertThat(client.client().result(slow).get(5, TimeUnit.SECONDS)).isNotNull();
    assertThat(pod.runningTasks()).isZero();
    assertThat(completions).hasSize(3);
  }

  @Test
  void killStopsAtOnceWithTheTaskStillRunning() throws Exception {
    PodProcess pod = pod("1");
    pod.start();
    client.client().trigger("sleep", Map.of("ms", 5000));
    await().atMost(Duration.ofSeconds(5)).until(() -> pod.runningTasks() == 1);
    pod.kill();
    Thread.sleep(300);
    assertThat(completions).isEmpty();
  }

  @Test
  void badSlotsNameTheVariable() {
    assertThatThrownBy(() -> pod("five")).isInstanceOf(PodStartException.class)
        .hasMessageContaining("HATCHET_WORKER_SLOTS is 'five'");
  }
}
