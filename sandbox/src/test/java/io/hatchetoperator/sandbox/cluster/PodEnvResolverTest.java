package io.hatchetoperator.sandbox.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PodEnvResolverTest {

  private final PodEnvResolver resolver = new PodEnvResolver(
      (ns, name) -> name.equals("hatchet-token") ? Optional.of(Map.of("token", "ey.secret.jwt")) : Optional.empty(),
      (ns, name) -> name.equals("settings") ? Optional.of(Map.of("LEVEL", "debug")) : Optional.empty());

  private static Pod pod() {
    return new PodBuilder().withNewMetadata().withName("pool-abc12").withNamespace("ns1")
        .withUid("u-1").addToLabels("app", "pool").endMetadata().withNewSpec().endSpec().build();
  }

  @Test
  void resolvesSecretsDownwardApiAndExpansionInOrder() {
    Container c = new ContainerBuilder().withName("worker")
        .addNewEnvFrom().withNewConfigMapRef().withName("settings").endConfigMapRef().withPrefix("CFG_").endEnvFrom()
        .addNewEnv().withName("HATCHET_CLIENT_TOKEN").withNewValueFrom().withNewSecretKeyRef("token", "hatchet-token",
            false).endValueFrom().endEnv()
        .addNewEnv().withName("POD_NAME").withNewValueFrom().withNewFieldRef().withFieldPath("metadata.name")
            .endFieldRef().endValueFrom().endEnv()
        .addNewEnv().withName("APP").withNewValueFrom().withNewFieldRef()
            .withFieldPath("metadata.labels['app']").endFieldRef().endValueFrom().endEnv()
        .addNewEnv().withName("LABELS").withValue("{\"pod\":\"$(POD_NAME)\",\"x\":\"$(UNKNOWN)\",\"c\":\"$$(POD_NAME)\"}")
            .endEnv()
        .build();

    Map<String, String> env = resolver.resolve(pod(), c);

    assertThat(env).containsEntry("CFG_LEVEL", "debug")
        .containsEntry("HATCHET_CLIENT_TOKEN", "ey.secret.jwt")
        .containsEntry("POD_NAME", "pool-abc12")
        .containsEntry("APP", "pool")
        .containsEntry("LABELS", "{\"pod\":\"pool-abc12\",\"x\":\"$(UNKNOWN)\",\"c\":\"$(POD_NAME)\"}");
    assertThat(env.keySet()).containsExactly("CFG_LEVEL", "HATCHET_CLIENT_TOKEN", "POD_NAME", "APP", "LABELS");
  }

  @Test
  void missingSecretNamesTheObjectAndTheFix() {
    Container c = new ContainerBuilder().addNewEnv().withName("T").withNewValueFrom()
        .withNewSecretKeyRef("token", "absent", false).endValueFrom().endEnv().build();
    assertThatThrownBy(() -> resolver.resolve(pod(), c)).isInstanceOf(PodStartException.class)
        .hasMessageContaining("Secret ns1/absent not found").hasMessageContaining("create it");
  }

  @Test
  void missingKeyNamesTheKey() {
    Container c = new ContainerBuilder().addNewEnv().withName("T").withNewValueFrom()
        .withNewSecretKeyRef("tokn", "hatchet-token", false).endValueFrom().endEnv().build();
    assertThatThrownBy(() -> resolver.resolve(pod(), c))
        .hasMessageContaining("env T: Secret ns1/hatchet-token has no key 'tokn'");
  }

  @Test
  void optionalMissingReferencesAreSkipped() {
    Container c = new ContainerBuilder().addNewEnv().withName("T").withNewValueFrom()
        .withNewSecretKeyRef("token", "absent", true).endValueFrom().endEnv().build();
    assertThat(resolver.resolve(pod(), c)).doesNotContainKey("T");
  }

  @Test
  void unsupportedFieldPathSaysWhichAreSupported() {
    Container c = new ContainerBuilder().addNewEnv().withName("X").withNewValueFrom().withNewFieldRef()
        .withFieldPath("status.phase").endFieldRef().endValueFrom().endEnv().build();
    assertThatThrownBy(() -> resolver.resolve(pod(), c)).hasMessageContaining("'status.phase' is not supported");
  }
}
