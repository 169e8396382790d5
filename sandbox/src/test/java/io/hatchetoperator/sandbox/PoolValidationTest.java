package io.hatchetoperator.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

/**
 * A pool is checked with the operator's own checks (the CRD's schema with its CEL rules, then SpecValidator) before
 * anything starts; every problem is printed with its field and fix, and the exit code is 2.
 */
class PoolValidationTest {

  private static String pool(String from, String to) {
    String p = PoolManifestTest.POOL.replace(from, to);
    assertThat(p).as("the replacement applies").isNotEqualTo(PoolManifestTest.POOL);
    return p;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "slots: 0|slots: 5|slots: 0|spec.slots",
      "maxReplicas below 0|maxReplicas: 10|maxReplicas: -1|spec.autoscaling.maxReplicas",
      "min above max|{minReplicas: 1, maxReplicas: 10|{minReplicas: 5, maxReplicas: 2|spec.autoscaling",
      "no tasks at min 0|minReplicas: 1|minReplicas: 0|spec.tasks",
      "negative duration|pollInterval: 2s|pollInterval: -2s|spec.autoscaling.pollInterval",
      "zero poll interval|pollInterval: 2s|pollInterval: 0s|spec.autoscaling.pollInterval",
      "no containers|containers: [{name: worker, image: sample-worker:dev}]|containers: []|spec.template.spec.containers",
      "invalid name|name: sample|name: My_Pool|metadata.name",
  })
  void an_invalid_pool_is_refused_before_anything_starts(String title, String from, String to, String field) {
    String yaml = pool(from, to);
    if (title.equals("no tasks at min 0")) {
      yaml = yaml.replace("tasks: [sleep]", "tasks: []");
    }
    String manifest = yaml;
    assertThatThrownBy(() -> PoolManifest.parse("p.yaml", manifest))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("--pool p.yaml is not a valid HatchetWorkerPool")
        .hasMessageContaining(field);
  }

  @Test
  void every_problem_is_listed_once_each_with_its_fix() {
    String yaml = pool("slots: 5", "slots: 0").replace("pollInterval: 2s", "pollInterval: 0s")
        .replace("name: sample", "name: Sample");
    assertThatThrownBy(() -> PoolManifest.parse("p.yaml", yaml))
        .hasMessageContaining("3 problems")
        .hasMessageContaining("spec.slots")
        .hasMessageContaining("metadata.name")
        .hasMessageContaining("lower-case");
  }

  @Test
  void the_bundled_and_the_test_pools_are_valid() throws Exception {
    assertThatCode(() -> PoolManifest.parse("p.yaml", PoolManifestTest.POOL)).doesNotThrowAnyException();
    for (String name : new String[] {"burst", "manual", "small", "zero"}) {
      String yaml = new String(PoolValidationTest.class.getResourceAsStream("/pools/" + name + ".yaml")
          .readAllBytes(), StandardCharsets.UTF_8);
      assertThatCode(() -> PoolManifest.parse(name, yaml)).as(name).doesNotThrowAnyException();
    }
    String bundled = new String(PoolValidationTest.class.getClassLoader()
        .getResourceAsStream(SandboxMain.BUNDLED_POOL).readAllBytes(), StandardCharsets.UTF_8);
    assertThatCode(() -> PoolManifest.parse("bundled", bundled)).doesNotThrowAnyException();
  }

  @Test
  void yaml_that_is_a_plain_string_says_so_without_a_class_name() {
    assertThatThrownBy(() -> PoolManifest.parse("s.yaml", "just some text"))
        .hasMessageContaining("--pool s.yaml")
        .hasMessageContaining("not a HatchetWorkerPool object")
        .hasMessageNotContaining("com.fasterxml").hasMessageNotContaining("GenericKubernetesResource");
  }

  @Test
  void every_hint_names_a_file_that_exists() {
    for (String yaml : new String[] {"{{{", "just some text", "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}"}) {
      assertThatThrownBy(() -> PoolManifest.parse("x.yaml", yaml)).satisfies(e -> {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("examples/[\\w./-]+\\.yaml").matcher(e.getMessage());
        while (m.find()) {
          assertThat(Path.of("..").resolve(m.group())).as(e.getMessage()).exists();
        }
      });
    }
  }

  @Test
  void the_command_line_exits_2_and_prints_each_problem(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("bad.yaml");
    Files.writeString(file, pool("slots: 5", "slots: -1"));
    StringWriter err = new StringWriter();
    CommandLine cli = SandboxMain.commandLine(new PrintStream(new ByteArrayOutputStream(), true,
        StandardCharsets.UTF_8));
    cli.setErr(new PrintWriter(err, true));
    assertThat(cli.execute("--pool", file.toString(), "--report", dir.resolve("r").toString())).isEqualTo(2);
    assertThat(err.toString()).contains("spec.slots").doesNotContain("Exception").doesNotContain("\tat ");
  }
}
