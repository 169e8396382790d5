package io.hatchetoperator.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import io.grpc.StatusRuntimeException;
import io.hatchetoperator.proto.dispatcher.WorkflowRunEvent;
import org.junit.jupiter.api.Test;

/** The engine under faults: a dead clock turns readiness false; half-open connections do not stop REST. */
class EngineHardeningTest {

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void readiness_turns_false_with_the_cause_when_the_sweep_keeps_failing() throws Exception {
    AtomicBoolean broken = new AtomicBoolean();
    Clock failing = new Clock() {
      @Override
      public java.time.ZoneId getZone() {
        return ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(java.time.ZoneId zone) {
        return this;
      }

      @Override
      public Instant instant() {
        if (broken.get()) {
          throw new OutOfMemoryError("Java heap space");
        }
        return Instant.now();
      }
    };
    try (DevEngine engine = DevEngine.start(DevEngineSettings.ephemeral().withClock(failing)
        .withSweepInterval(Duration.ofMillis(10)))) {
      assertThat(get(engine, "/api/ready").statusCode()).isEqualTo(200);
      broken.set(true);
      await().atMost(Duration.ofSeconds(20)).until(() -> get(engine, "/api/ready").statusCode() == 503);
      assertThat(get(engine, "/api/ready").body()).contains("sweep").contains("OutOfMemoryError");
      broken.set(false);
      await().atMost(Duration.ofSeconds(20)).until(() -> get(engine, "/api/ready").statusCode() == 200);
    }
  }

  @Test
  void half_open_connections_do_not_stop_the_rest_api() throws Exception {
    try (DevEngine engine = DevEngine.start(DevEngineSettings.ephemeral())) {
      List<Socket> idle = new ArrayList<>();
      try {
        for (int i = 0; i < DevEngineSettings.REST_THREADS + 2; i++) {
          Socket s = new Socket(InetAddress.getLoopbackAddress(), engine.httpPort());
          OutputStream out = s.getOutputStream();
          out.write("GET /api/ready HTTP/1.1\r\nHost: x\r\n".getBytes());
          out.flush();
          idle.add(s);
        }
        long started = System.nanoTime();
        HttpResponse<String> ready = get(engine, "/api/ready");
        assertThat(ready.statusCode()).isEqualTo(200);
        assertThat(Duration.ofNanos(System.nanoTime() - started))
            .isLessThan(DevEngineSettings.REST_READ_TIMEOUT.plusSeconds(10));
      } finally {
        for (Socket s : idle) {
          s.close();
        }
      }
    }
  }

  @Test
  void an_input_a_worker_could_not_receive_is_refused_at_trigger_and_the_largest_accepted_one_is_delivered()
      throws Exception {
    try (DevEngine engine = DevEngine.start(DevEngineSettings.ephemeral());
        RawWorker worker = new RawWorker(engine, "w", 1, Map.of("big", p -> "{\"len\":" + p.length() + "}"));
        RawClient client = new RawClient(engine)) {
      int limit = engine.payloadLimits().maxInputBytes();
      String tooBig = "{\"x\":\"" + "a".repeat(4 * 1024 * 1024 - 32 * 1024) + "\"}";
      assertThatThrownBy(() -> client.run("big", tooBig).get(30, TimeUnit.SECONDS))
          .hasCauseInstanceOf(StatusRuntimeException.class)
          .cause().hasMessageContaining("RESOURCE_EXHAUSTED")
          .hasMessageContaining("delivers to a worker is " + limit + " bytes")
          .hasMessageContaining("HATCHET_CLIENT_GRPC_MAX_RECV_MESSAGE_LENGTH");
      // the default metadata is {} (2 bytes): this input is exactly the largest accepted
      String largest = "{\"x\":\"" + "a".repeat(limit - 2 - 8) + "\"}";
      WorkflowRunEvent done = client.run("big", largest).get(60, TimeUnit.SECONDS);
      assertThat(done.getEventType().name()).isEqualTo("WORKFLOW_RUN_EVENT_TYPE_FINISHED");
      assertThat(worker.received).hasSize(1);
    }
  }

  @Test
  void both_servers_listen_on_loopback_by_default() {
    assertThat(DevEngineSettings.defaults().bindHost()).isEqualTo("127.0.0.1");
  }

  static HttpResponse<String> get(DevEngine engine, String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(engine.serverUrl() + path)).timeout(Duration.ofSeconds(30))
        .build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> get(DevEngine engine, String path, String token) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create(engine.serverUrl() + path)).timeout(Duration.ofSeconds(30))
        .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
  }
}
