package io.hatchetoperator.sandbox.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ProcessEnvironmentTest {

  private final AtomicInteger ports = new AtomicInteger(40000);

  @Test
  void hostEnvironmentLessHatchetVariablesThenThePodsWithTheProxyAndHostHealthPorts() {
    Map<String, String> host = Map.of("PATH", "/usr/bin", "HATCHET_CLIENT_TOKEN", "from-the-host-shell");
    Map<String, String> pod = Map.of("HATCHET_CLIENT_HOST_PORT", "engine:7070", "HATCHET_CLIENT_TOKEN", "t",
        "HATCHET_CLIENT_WORKER_HEALTHCHECK_PORT", "9000");
    ProcessEnvironment env = ProcessEnvironment.of(host, pod, "127.0.0.1:1234", ports::incrementAndGet);
    assertThat(env.env()).containsEntry("PATH", "/usr/bin").containsEntry("HATCHET_CLIENT_TOKEN", "t")
        .containsEntry("HATCHET_CLIENT_HOST_PORT", "127.0.0.1:1234")
        .containsEntry("HATCHET_CLIENT_WORKER_HEALTHCHECK_PORT", "40001")
        .containsEntry("HATCHET_WORKER_HEALTH_PORT", "40002");
    assertThat(env.hostPort(9000)).as("the container port the pod named").isEqualTo(40001);
    assertThat(env.hostPort(8001)).as("the runtime's default port").isEqualTo(40002);
    assertThat(env.hostPort(7000)).as("an unmapped port is probed as it is").isEqualTo(7000);
  }

  @Test
  void bothHealthVariablesOnTheDefaultPortShareOneHostPort() {
    ProcessEnvironment env = ProcessEnvironment.of(Map.of(), Map.of(), "127.0.0.1:1", ports::incrementAndGet);
    assertThat(env.env().get("HATCHET_CLIENT_WORKER_HEALTHCHECK_PORT"))
        .isEqualTo(env.env().get("HATCHET_WORKER_HEALTH_PORT"));
    assertThat(env.hostPorts()).containsOnlyKeys(8001);
  }

  @Test
  void aHealthPortThatIsNotANumberIsRejectedWithTheFix() {
    assertThatThrownBy(() -> ProcessEnvironment.of(Map.of(), Map.of("HATCHET_CLIENT_WORKER_HEALTHCHECK_PORT", "http"),
        "127.0.0.1:1", ports::incrementAndGet))
        .hasMessageContaining("HATCHET_CLIENT_WORKER_HEALTHCHECK_PORT is 'http'").hasMessageContaining("e.g. 8001");
  }
}
