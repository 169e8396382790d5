package io.hatchetoperator.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.Status;
import io.hatchetoperator.worker.testing.TestingEngine;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** /health, /livez (and /healthz), /readyz and /metrics per worker, two workers in one JVM, and the disabled server. */
class HealthEndpointsTest {
  private final HttpClient http = HttpClient.newHttpClient();
  private final CountDownLatch release = new CountDownLatch(1);
  private TestingEngine engine;
  private Worker worker;

  @BeforeEach
  void setUp() throws Exception {
    engine = new TestingEngine();
  }

  @AfterEach
  void tearDown() {
    release.countDown();
    if (worker != null) {
      worker.kill();
    }
    engine.close();
  }

  private Worker started(String name, int slots) throws Exception {
    Hatchet hatchet = engine.hatchet().healthPort(0).build();
    Worker w = hatchet.worker(name, WorkerOptions.slots(slots), hatchet.task("hold", (input, ctx) -> {
      if (input.containsKey("hold")) {
        release.await();
      }
      return Map.of();
    }));
    w.startAsync().get(30, TimeUnit.SECONDS);
    await().until(engine.dispatcher::listening);
    return w;
  }

  private HttpResponse<String> get(Worker w, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + w.healthPort().getAsInt() + path))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void servesHealthReadinessAndMetrics() throws Exception {
    worker = started("health-worker", 5);
    String run = engine.dispatcher.assign("hold:hold", "{}");
    await().until(() -> engine.dispatcher.events(run).size() == 2);

    assertThat(get(worker, "/healthz").statusCode()).isEqualTo(200);
    assertThat(get(worker, "/livez").body()).isEqualTo("ok (LISTENING)\n");
    assertThat(get(worker, "/readyz").statusCode()).isEqualTo(200);
    HttpResponse<String> health = get(worker, "/health");
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(health.body()).isEqualTo("{\"status\":\"HEALTHY\",\"name\":\"health-worker\",\"state\":\"LISTENING\","
        + "\"ready\":true,\"slots\":{\"default\":{\"used\":0,\"limit\":5}}}");
    assertThat(health.headers().firstValue("Content-Type")).hasValue("application/json");
    String metrics = get(worker, "/metrics").body();
    assertThat(metrics)
        .contains("hatchet_worker_slots{slot_type=\"default\"} 5.0")
        .contains("hatchet_worker_slots_used{slot_type=\"default\"} 0.0")
        .contains("hatchet_worker_tasks_total{outcome=\"completed\"} 1.0")
        .contains("hatchet_worker_task_duration_seconds_count 1")
        .contains("hatchet_worker_assignment_to_start_seconds_count 1")
        .contains("hatchet_worker_draining 0.0")
        .contains("hatchet_worker_reconnects_total 0.0")
        .contains("hatchet_worker_engine_connected 1.0")
        .contains("hatchet_worker_cancellation_overruns_total 0.0")
        .doesNotContain(engine.token());
  }

  @Test
  void isNotReadyWhileDrainingAndShowsBusySlots() throws Exception {
    worker = started("draining-worker", 5);
    engine.dispatcher.assign("hold:hold", "{\"hold\":true}");
    await().until(() -> worker.runningTasks() == 1);

    worker.shutdown();
    await().until(() -> worker.state() == WorkerState.DRAINING);

    assertThat(get(worker, "/readyz").statusCode()).isEqualTo(503);
    assertThat(get(worker, "/healthz").statusCode()).isEqualTo(200);
    assertThat(get(worker, "/metrics").body()).contains("hatchet_worker_draining 1.0")
        .contains("hatchet_worker_slots_used{slot_type=\"default\"} 1.0");
  }

  @Test
  void isUnhealthyAfterGivingUp() throws Exception {
    worker = started("doomed-worker", 1);
    engine.dispatcher.listenStatus = Status.UNAVAILABLE;
    engine.dispatcher.breakStreams(Status.UNAVAILABLE);

    worker.termination().get(10, TimeUnit.SECONDS);

    assertThat(worker.state()).isEqualTo(WorkerState.GAVE_UP);
    assertThat(get(worker, "/healthz").statusCode()).isEqualTo(503);
    assertThat(get(worker, "/readyz").statusCode()).isEqualTo(503);
  }

  @Test
  void twoWorkersInOneJvmHaveTheirOwnPortsAndMetrics() throws Exception {
    worker = started("first", 3);
    Worker second = started("second", 7);
    try {
      assertThat(worker.healthPort()).isNotEqualTo(second.healthPort());
      assertThat(get(worker, "/metrics").body()).contains("hatchet_worker_slots{slot_type=\"default\"} 3.0");
      assertThat(get(second, "/metrics").body()).contains("hatchet_worker_slots{slot_type=\"default\"} 7.0");
    } finally {
      second.kill();
    }
  }

  @Test
  void aNegativePortDisablesTheServer() throws Exception {
    Hatchet hatchet = engine.hatchet().healthPort(-1).build();
    worker = hatchet.worker("embedded", WorkerOptions.slots(1), hatchet.task("noop", (i, c) -> null));
    worker.startAsync().get(30, TimeUnit.SECONDS);

    assertThat(worker.healthPort()).isEmpty();
  }
}
