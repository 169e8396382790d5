package io.hatchetoperator.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The command line rejects bad input before starting anything, with a message that names it and the fix. */
class SandboxMainTest {

  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = SandboxMain.commandLine(new PrintStream(new ByteArrayOutputStream(), true,
        StandardCharsets.UTF_8));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  void missingPoolFileIsNamed() {
    assertThat(run("--pool", "/no/such/pool.yaml")).isEqualTo(2);
    assertThat(err.toString()).contains("--pool /no/such/pool.yaml: no such file");
  }

  @Test
  void malformedTraceIsNamedWithItsLine(@TempDir Path dir) throws Exception {
    Path trace = dir.resolve("t.csv");
    Files.writeString(trace, "arrival_ms,duration_ms\n0,abc\n");
    assertThat(run("--trace", trace.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("t.csv line 2: duration_ms is 'abc'");
  }

  @Test
  void badDurationSaysWhatToWrite() {
    assertThat(run("--startup-delay", "3 seconds")).isEqualTo(2);
    assertThat(err.toString()).contains("'3 seconds' is not a duration; write e.g. 500ms, 3s, 2m or 1h");
  }

  @Test
  void rolloutAfterTheLoadIsRefusedWithTheRange(@TempDir Path dir) throws Exception {
    Path trace = dir.resolve("t.csv");
    Files.writeString(trace, "arrival_ms,duration_ms\n0,100\n5000,100\n");
    assertThat(run("--trace", trace.toString(), "--rollout-at", "9s")).isEqualTo(2);
    assertThat(err.toString()).contains("--rollout-at is 9000ms, after the load's last arrival")
        .contains("(0s to 5s), e.g. 8s");
  }

  @Test
  void helpListsTheIssueOptions() {
    StringWriter out = new StringWriter();
    CommandLine cli = SandboxMain.commandLine(System.out);
    cli.setOut(new PrintWriter(out, true));
    cli.execute("--help");
    assertThat(out.toString()).contains("--trace", "--pool", "--report", "--no-live", "--keep-running",
        "--rollout-at");
  }
}
