package io.hatchetoperator.worker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hatchetoperator.worker.testing.TestTokens;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** HATCHET_CLIENT_GRPC_MAX_RECV_MESSAGE_LENGTH, read as Hatchet's Python and TypeScript SDKs read it (4 MiB). */
class MessageLimitSettingsTest {

  private static HatchetSettings load(String value) {
    Map<String, String> env = new HashMap<>(Map.of("HATCHET_CLIENT_TOKEN",
        TestTokens.token("https://hatchet.example.com/", "engine.example.com:443")));
    if (value != null) {
      env.put(SettingsLoader.MAX_RECV_MESSAGE_LENGTH, value);
    }
    return SettingsLoader.load(env, Map.of(), HatchetSettings.TimingSettings.defaults());
  }

  @Test
  void the_default_is_the_sdks_4_mib_and_the_variable_raises_it() {
    assertThat(load(null).maxReceiveMessageBytes()).isEqualTo(4 * 1024 * 1024);
    assertThat(load("8388608").maxReceiveMessageBytes()).isEqualTo(8 * 1024 * 1024);
  }

  @Test
  void a_value_that_is_not_a_positive_byte_count_is_refused_with_the_fix() {
    assertThatThrownBy(() -> load("4mb")).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("HATCHET_CLIENT_GRPC_MAX_RECV_MESSAGE_LENGTH='4mb'")
        .hasMessageContaining("4194304");
    assertThatThrownBy(() -> load("0")).isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("HATCHET_CLIENT_GRPC_MAX_RECV_MESSAGE_LENGTH='0'");
  }
}
