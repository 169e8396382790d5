package io.hatchetoperator.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** --report is checked before anything starts, so a run's results are never lost to it. */
class ReportOptionTest {

  private final StringWriter err = new StringWriter();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();

  private int run(String... args) {
    CommandLine cli = SandboxMain.commandLine(new PrintStream(out, true, StandardCharsets.UTF_8));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  void a_report_path_that_is_a_file_is_refused_before_the_run(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("taken"), "x");
    long started = System.nanoTime();
    assertThat(run("--report", file.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("--report " + file).contains("is a file").doesNotContain("Exception");
    assertThat(out.toString(StandardCharsets.UTF_8)).doesNotContain("waiting for");
    assertThat((System.nanoTime() - started) / 1_000_000_000).as("refused at once").isLessThan(20);
  }

  @Test
  void a_report_folder_that_cannot_be_created_is_refused_before_the_run(@TempDir Path dir) throws Exception {
    Path file = Files.writeString(dir.resolve("taken"), "x");
    assertThat(run("--report", file.resolve("out").toString())).isEqualTo(2);
    assertThat(err.toString()).contains("--report " + file.resolve("out")).contains("cannot be written")
        .doesNotContain("Exception:");
  }

  @Test
  void an_unwritable_report_folder_is_refused_before_the_run(@TempDir Path dir) throws Exception {
    Path locked = Files.createDirectory(dir.resolve("locked"));
    Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-x------"));
    try {
      if (Files.isWritable(locked)) {
        return; // running as root: permissions do not apply
      }
      assertThat(run("--report", locked.resolve("out").toString())).isEqualTo(2);
      assertThat(err.toString()).contains("--report").contains("cannot be written").doesNotContain("Exception:");
    } finally {
      Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
    }
  }
}
