package io.hatchetoperator.sandbox.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProbeSpecTest {

  private final Container container = new ContainerBuilder().withName("worker")
      .addNewPort().withName("health").withContainerPort(8001).endPort().build();

  @Test
  void kubernetesDefaultsAndANamedPortResolvedToItsNumber() {
    ProbeSpec spec = ProbeSpec.of("readiness", new ProbeBuilder().withNewHttpGet().withPath("/readyz")
        .withPort(new IntOrString("health")).endHttpGet().build(), container);
    assertThat(spec).isEqualTo(new ProbeSpec("readiness", "/readyz", 8001, Duration.ZERO, Duration.ofSeconds(10),
        Duration.ofSeconds(1), 3, 1));
  }

  @Test
  void noProbeAndExecProbesAreNotRun() {
    assertThat(ProbeSpec.of("liveness", null, container)).isNull();
    assertThat(ProbeSpec.of("liveness", new ProbeBuilder().withNewExec().withCommand("true").endExec().build(),
        container)).isNull();
  }

  @Test
  void anUndeclaredPortNameIsRejectedWithTheFix() {
    assertThatThrownBy(() -> ProbeSpec.of("liveness", new ProbeBuilder().withNewHttpGet().withPath("/livez")
        .withPort(new IntOrString("metrics")).endHttpGet().build(), container))
        .hasMessageContaining("names port 'metrics'").hasMessageContaining("add it to ports");
  }
}
