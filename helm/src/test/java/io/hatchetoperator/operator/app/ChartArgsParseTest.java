package io.hatchetoperator.operator.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.marcnuri.helm.Helm;
import io.hatchetoperator.operator.OperatorSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The container args the chart renders are parsed by the operator's own OperatorMain into the settings the
 * values asked for. In the operator's package because OperatorMain.settings() is package-private.
 */
class ChartArgsParseTest {

  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

  @Test
  void defaultValuesGiveAllNamespacesLeaderElectionInTheReleaseNamespaceAndSsa() throws IOException {
    OperatorSettings settings = parse(renderArgs(""));

    assertThat(settings.namespaces()).isEmpty();
    assertThat(settings.leaderElection()).isTrue();
    assertThat(settings.leaseName()).isEqualTo("hatchet-worker-operator");
    assertThat(settings.leaseNamespace()).isEqualTo("operators");
    assertThat(settings.serverSideApply()).isTrue();
    assertThat(settings.httpPort()).isEqualTo(8080);
    assertThat(settings.jsonLogs()).isFalse();
    assertThat(settings.resyncInterval()).isEqualTo(Duration.ofMinutes(5));
    assertThat(settings.secretRetryMax()).isEqualTo(Duration.ofMinutes(5));
    assertThat(settings.reconcileThreads()).isEqualTo(10);
  }

  @Test
  void customValuesReachEverySetting() throws IOException {
    OperatorSettings settings = parse(renderArgs("""
        watchNamespaces: [team-a, team-b]
        leaderElection: {enabled: false, leaseName: other-lock}
        serverSideApply: false
        httpPort: 9090
        logging: {format: json, level: DEBUG}
        reconcile: {resyncInterval: 1h30m, secretRetryMax: 45s, threads: 3}
        """));

    assertThat(settings.namespaces()).isEqualTo(Set.of("team-a", "team-b"));
    assertThat(settings.leaderElection()).isFalse();
    assertThat(settings.serverSideApply()).isFalse();
    assertThat(settings.httpPort()).isEqualTo(9090);
    assertThat(settings.jsonLogs()).isTrue();
    assertThat(settings.resyncInterval()).isEqualTo(Duration.ofMinutes(90));
    assertThat(settings.secretRetryMax()).isEqualTo(Duration.ofSeconds(45));
    assertThat(settings.reconcileThreads()).isEqualTo(3);
  }

  private static OperatorSettings parse(List<String> args) {
    OperatorMain main = new OperatorMain();
    new CommandLine(main).parseArgs(args.toArray(String[]::new));
    return main.settings();
  }

  private static List<String> renderArgs(String values) throws IOException {
    Path file = Files.createTempFile("values-", ".yaml");
    file.toFile().deleteOnExit();
    Files.writeString(file, values);
    String manifests = new Helm(Path.of("hatchet-worker-operator").toAbsolutePath()).template()
        .withName("hwo").withNamespace("operators").withKubeVersion("1.30.0").withValuesFile(file).call();
    for (JsonNode doc : YAML.readerFor(JsonNode.class).<JsonNode>readValues(manifests).readAll()) {
      if (doc != null && "Deployment".equals(doc.path("kind").asText())) {
        List<String> args = new ArrayList<>();
        doc.at("/spec/template/spec/containers/0/args").forEach(a -> args.add(a.asText()));
        return args;
      }
    }
    throw new AssertionError("the chart rendered no Deployment");
  }
}
