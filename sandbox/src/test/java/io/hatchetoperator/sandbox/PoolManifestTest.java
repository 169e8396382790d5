package io.hatchetoperator.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PoolManifestTest {

  static final String POOL = """
      apiVersion: hatchet-operator.io/v1alpha1
      kind: HatchetWorkerPool
      metadata:
        name: sample
        namespace: prod
      spec:
        slots: 5
        tasks: [sleep]
        engine:
          tokenSecretRef: {name: hatchet-token, key: token}
          hostPort: hatchet.prod:7070
          tls: {strategy: tls}
        template:
          spec:
            containers: [{name: worker, image: sample-worker:dev}]
        autoscaling: {minReplicas: 1, maxReplicas: 10, pollInterval: 2s}
      """;

  @Test
  void readsWhatTheSandboxNeedsAndPointsTheCopyAtTheDevEngine() {
    PoolManifest pool = PoolManifest.parse("pool.yaml", POOL);
    assertThat(pool.name()).isEqualTo("sample");
    assertThat(pool.tokenSecretRef()).isEqualTo(Map.entry("hatchet-token", "token"));
    assertThat(pool.minReplicas()).isEqualTo(1);
    assertThat(pool.slots()).isEqualTo(5);
    assertThat(pool.settingsSummary()).contains("maxReplicas: 10", "slots: 5", "pollInterval: \"2s\"");

    var copy = pool.forSandbox("sandbox", "127.0.0.1:7077", "http://127.0.0.1:8888");
    assertThat(copy.getMetadata().getNamespace()).isEqualTo("sandbox");
    @SuppressWarnings("unchecked")
    Map<String, Object> engine = (Map<String, Object>) ((Map<String, Object>) copy.getAdditionalProperties()
        .get("spec")).get("engine");
    assertThat(engine).containsEntry("hostPort", "127.0.0.1:7077").containsEntry("apiUrl", "http://127.0.0.1:8888")
        .containsEntry("tls", Map.of("strategy", "none"));
    assertThat(pool.forSandbox("x", "a:1", "http://a").getMetadata().getName()).isEqualTo("sample");
    assertThat(PoolManifest.parse("pool.yaml", POOL).tokenSecretRef().getValue()).isEqualTo("token");
  }

  @Test
  void rejectsOtherKindsAndMissingFieldsNamingThem() {
    assertThatThrownBy(() -> PoolManifest.parse("d.yaml", "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: x}"))
        .hasMessageContaining("--pool d.yaml: kind is 'Deployment'");
    assertThatThrownBy(() -> PoolManifest.parse("p.yaml", POOL.replace("tokenSecretRef: {name: hatchet-token, "
        + "key: token}", "tokenSecretRef: {name: hatchet-token}")))
        .hasMessageContaining("spec.engine.tokenSecretRef.key: Required value: set it");
    assertThatThrownBy(() -> PoolManifest.parse("p.yaml", "apiVersion: hatchet-operator.io/v1alpha1\n"
        + "kind: HatchetWorkerPool\nmetadata: {name: x}\nspec: {slots: 1}"))
        .hasMessageContaining("spec.engine: Required value");
    assertThatThrownBy(() -> PoolManifest.parse("bad.yaml", "{{{"))
        .hasMessageContaining("--pool bad.yaml is not valid YAML");
  }
}
