package io.hatchetoperator.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped {@code target/sandbox.jar} with {@code --keep-running} drains and stops everything on SIGTERM. */
class KeepRunningSigtermIT {
  private static final Path JAR = Path.of("target", "sandbox.jar");

  @Test
  void sigtermWhileKeepingRunningStopsCleanly(@TempDir Path dir) throws Exception {
    assertThat(Files.exists(JAR)).as(JAR.toAbsolutePath().toString()).isTrue();
    Path trace = Files.writeString(dir.resolve("trace.csv"), "arrival_ms,duration_ms\n0,100\n");
    Path log = dir.resolve("sandbox.log");
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar",
        JAR.toString(), "--keep-running", "--no-live", "--report", dir.resolve("report").toString(), "--trace",
        trace.toString(), "--startup-delay", "1s", "--settle-timeout", "30s")
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    try {
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
      while (!Files.readString(log).contains("Press Ctrl-C to stop") && p.isAlive() && System.nanoTime() < end) {
        Thread.sleep(200);
      }
      assertThat(Files.readString(log)).as("reaches its keep-running state").contains("Press Ctrl-C to stop");
      p.destroy(); // SIGTERM

      assertThat(p.waitFor(90, TimeUnit.SECONDS)).as("exits within 90 s of SIGTERM").isTrue();
      String output = Files.readString(log);
      assertThat(output).contains("stopping: Ctrl-C or SIGTERM").contains("sandbox stopped")
          .doesNotContain("Exception in thread").doesNotContain("waiting for 0 ready pod(s)");
      assertThat(output.lines()).as(output).noneMatch(l -> l.startsWith("\tat "));
    } finally {
      p.destroyForcibly();
    }
  }
}
