package io.hatchetoperator.examples.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.hatchetoperator.worker.testing.TestTokens;
import io.hatchetoperator.worker.testing.TestingEngine;
import io.hatchetoperator.worker.testing.TestingRest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The packaged {@code target/sample-worker.jar} runs on its own: bad config and a worker that gave up exit 1, a second SIGTERM 2. */
class SampleWorkerJarIT {
  private static final Path JAR = Path.of("target", "sample-worker.jar");

  private record Exit(int code, String output) {}

  private static Exit run(Map<String, String> env) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", JAR.toString()).redirectErrorStream(true);
    pb.environment().clear();
    pb.environment().putAll(env);
    Process p = pb.start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the jar exits by itself").isTrue();
    return new Exit(p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
  }

  @Test
  void exitsOneWithTheVariableAndTheFixWhenTheTokenIsMissing() throws Exception {
    assertThat(Files.exists(JAR)).isTrue();
    Exit exit = run(Map.of());

    assertThat(exit.code()).isEqualTo(1);
    assertThat(exit.output()).contains("HATCHET_CLIENT_TOKEN is not set: set it to a Hatchet API token");
  }

  @Test
  void givesUpOnAnUnreachableEngineWithAFatalJsonLogAndExitCodeOne() throws Exception {
    String token = TestTokens.token("http://127.0.0.1:1", "127.0.0.1:1");
    Exit exit = run(Map.of("HATCHET_CLIENT_TOKEN", token, "HATCHET_CLIENT_TLS_STRATEGY", "none",
        "HATCHET_WORKER_MAX_RECONNECTS", "1", "HATCHET_WORKER_HEALTH_PORT", "0",
        "HATCHET_WORKER_LOG_FORMAT", "json", "HATCHET_WORKER_NAME", "jar-worker"));

    assertThat(exit.code()).isEqualTo(1);
    assertThat(exit.output().lines().filter(l -> !l.isBlank())).allMatch(l -> l.startsWith("{"));
    assertThat(exit.output()).contains("STARTING HATCHET...")
        .contains("FATAL: worker 'jar-worker' stops: worker gives up after 1 failed reconnects")
        .doesNotContain(token);
  }

  @Test
  void sigtermDrainsAndExitsZero(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    String token = TestTokens.token("http://127.0.0.1:1", "127.0.0.1:1");
    Path log = dir.resolve("worker.log");
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", JAR.toString()).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().clear();
    pb.environment().putAll(Map.of("HATCHET_CLIENT_TOKEN", token, "HATCHET_CLIENT_TLS_STRATEGY", "none",
        "HATCHET_WORKER_HEALTH_PORT", "0"));
    Process p = pb.start();
    try {
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (!Files.readString(log).contains("reconnecting in") && System.nanoTime() < end) {
        Thread.sleep(50);
      }
      p.destroy(); // SIGTERM

      assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
      String output = Files.readString(log);
      assertThat(p.exitValue()).as(output).isZero();
      assertThat(output).contains("received SIGTERM: draining worker 'sample-worker'")
          .contains("worker 'sample-worker' drained and stopped");
    } finally {
      p.destroyForcibly();
    }
  }

  private static Process startJar(Map<String, String> env, Path log) throws IOException {
    ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", JAR.toString()).redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().clear();
    pb.environment().putAll(env);
    return pb.start();
  }

  private static Map<String, String> envFor(TestingEngine engine) {
    return Map.of("HATCHET_CLIENT_TOKEN", TestTokens.token(engine.rest.url(), "127.0.0.1:" + engine.port()),
        "HATCHET_CLIENT_TLS_STRATEGY", "none", "HATCHET_WORKER_HEALTH_PORT", "0");
  }

  private static void awaitLog(Path log, String text) throws Exception {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (!Files.readString(log).contains(text)) {
      assertThat(System.nanoTime()).as("log shows '%s'", text).isLessThan(end);
      Thread.sleep(50);
    }
  }

  @Test
  void sigtermWhileATaskRunsLetsItFinishReportsItAndExitsZero(@org.junit.jupiter.api.io.TempDir Path dir)
      throws Exception {
    try (TestingEngine engine = new TestingEngine(io.grpc.InsecureServerCredentials.create())) {
      Path log = dir.resolve("worker.log");
      Process p = startJar(envFor(engine), log);
      try {
        awaitLog(log, "waiting for");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(engine.dispatcher::listening);
        String run = engine.dispatcher.assign("sleep:sleep", "{\"ms\":1500}");
        org.awaitility.Awaitility.await().until(() -> engine.dispatcher.events(run).size() == 1);

        p.destroy(); // SIGTERM

        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(log)).isZero();
        assertThat(engine.dispatcher.events(run)).extracting(e -> e.getEventType().name())
            .containsExactly("STEP_EVENT_TYPE_STARTED", "STEP_EVENT_TYPE_COMPLETED");
        assertThat(engine.dispatcher.events(run).get(1).getEventPayload()).isEqualTo("{\"sleptMs\":1500}");
        assertThat(engine.rest.requests()).extracting(TestingRest.Request::method).containsExactly("PATCH");
        assertThat(engine.dispatcher.unsubscribes).hasSize(1);
      } finally {
        p.destroyForcibly();
      }
    }
  }

  @Test
  void aSecondSigtermStopsAtOnceWithExitCodeTwo(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
    try (TestingEngine engine = new TestingEngine(io.grpc.InsecureServerCredentials.create())) {
      Path log = dir.resolve("worker.log");
      Process p = startJar(envFor(engine), log);
      try {
        awaitLog(log, "waiting for");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).until(engine.dispatcher::listening);
        String run = engine.dispatcher.assign("sleep:sleep", "{\"ms\":60000}");
        org.awaitility.Awaitility.await().until(() -> engine.dispatcher.events(run).size() == 1);

        p.destroy();
        awaitLog(log, "received SIGTERM: draining");
        p.destroy();

        assertThat(p.waitFor(20, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isEqualTo(2);
        assertThat(Files.readString(log)).contains("received SIGTERM again: stopping worker 'sample-worker' now");
        assertThat(engine.dispatcher.events(run)).hasSize(1);
      } finally {
        p.destroyForcibly();
      }
    }
  }
}
