package io.hatchetoperator.examples.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.hatchetoperator.worker.testing.TestTokens;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The packaged {@code target/sample-worker.jar} runs on its own: bad config and a dead engine exit 1. */
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
        .contains("FATAL: worker 'jar-worker' gives up after 1 failed reconnects")
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
}
