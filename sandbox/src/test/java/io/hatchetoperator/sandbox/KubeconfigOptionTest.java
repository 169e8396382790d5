package io.hatchetoperator.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.hatchetoperator.sandbox.apiserver.Kubeconfig;
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

/** {@code --kubeconfig FILE}: refused before anything starts when FILE cannot be written; the file's content. */
class KubeconfigOptionTest {

  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    CommandLine cli = SandboxMain.commandLine(new PrintStream(new ByteArrayOutputStream(), true,
        StandardCharsets.UTF_8));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  void aMissingDirectoryIsNamedWithTheFix(@TempDir Path dir) {
    Path file = dir.resolve("no-such-dir/config");
    assertThat(run("--kubeconfig", file.toString(), "--report", dir.resolve("r").toString())).isEqualTo(2);
    assertThat(err.toString()).contains("--kubeconfig " + file).contains("does not exist")
        .contains("give a path in an existing directory");
  }

  @Test
  void aDirectoryIsRefused(@TempDir Path dir) {
    assertThat(run("--kubeconfig", dir.toString(), "--report", dir.resolve("r").toString())).isEqualTo(2);
    assertThat(err.toString()).contains("is a directory; give a file path");
  }

  @Test
  void theFileNamesTheServerAndNamespaceAndIsReplacedWhole(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("config");
    Files.writeString(file, "old content that is much longer than nothing at all");
    Kubeconfig.write(file, "http://127.0.0.1:1234", "sandbox");
    String text = Files.readString(file);
    assertThat(text).contains("server: http://127.0.0.1:1234").contains("namespace: sandbox")
        .contains("current-context: hatchet-sandbox").doesNotContain("old content");
    assertThat(Files.exists(dir.resolve("config.tmp"))).isFalse();
  }
}
