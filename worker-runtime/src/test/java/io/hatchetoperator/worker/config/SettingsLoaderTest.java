package io.hatchetoperator.worker.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hatchetoperator.worker.testing.TestTokens;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The environment as Hatchet's SDKs read it, and one clear message per bad setting. */
class SettingsLoaderTest {
  private static final String TOKEN = TestTokens.token("https://hatchet.example.com/", "engine.example.com:443");

  private static HatchetSettings load(Map<String, String> env) {
    return SettingsLoader.load(env, Map.of(), HatchetSettings.TimingSettings.defaults());
  }

  private static Map<String, String> env(String... kv) {
    Map<String, String> env = new HashMap<>(Map.of("HATCHET_CLIENT_TOKEN", TOKEN));
    for (int i = 0; i < kv.length; i += 2) {
      env.put(kv[i], kv[i + 1]);
    }
    return env;
  }

  @Test
  void takesTenantAddressAndUrlFromTheTokenWithHatchetsDefaults() {
    HatchetSettings s = load(env());

    assertThat(s.tenantId()).isEqualTo(TestTokens.TENANT);
    assertThat(s.hostPort()).isEqualTo("engine.example.com:443");
    assertThat(s.serverUrl()).isEqualTo("https://hatchet.example.com");
    assertThat(s.tls().strategy()).isEqualTo(TlsStrategy.TLS);
    assertThat(s.tls().serverName()).isEqualTo("engine.example.com");
    assertThat(s.namespace()).isEmpty();
    assertThat(s.healthPort()).isEqualTo(8001);
    assertThat(s.drainTimeout()).isEqualTo(Duration.ofSeconds(60));
    assertThat(s.timing().maxReconnectAttempts()).as("never give up").isZero();
    assertThat(s.stopMode()).isEqualTo(HatchetSettings.StopMode.HAND_BACK);
    assertThat(s.maxSendMessageBytes()).isEqualTo(4 * 1024 * 1024);
    assertThat(s.timing().cancellationGrace()).isEqualTo(Duration.ofSeconds(1));
    assertThat(s.timing().cancellationWarning()).isEqualTo(Duration.ofMillis(300));
  }

  @Test
  void environmentOverridesClaimsAndCodeOverridesTheEnvironment() {
    HatchetSettings s = SettingsLoader.load(
        env("HATCHET_CLIENT_HOST_PORT", "env-host:7070", "HATCHET_CLIENT_API_URL", "http://api:8080",
            "HATCHET_CLIENT_NAMESPACE", "Dev", "HATCHET_WORKER_DRAIN_TIMEOUT", "10m",
            "HATCHET_CLIENT_TLS_STRATEGY", "none", "HATCHET_CLIENT_WORKER_PRESET_LABELS", "{\"pod\":\"p-1\",\"n\":3}"),
        Map.of("HATCHET_CLIENT_HOST_PORT", "code-host:7077", "HATCHET_WORKER_HEALTH_PORT", "0"),
        HatchetSettings.TimingSettings.defaults());

    assertThat(s.hostPort()).isEqualTo("code-host:7077");
    assertThat(s.serverUrl()).isEqualTo("http://api:8080");
    assertThat(s.namespace()).isEqualTo("dev_");
    assertThat(s.drainTimeout()).isEqualTo(Duration.ofMinutes(10));
    assertThat(s.tls().strategy()).isEqualTo(TlsStrategy.NONE);
    assertThat(s.presetLabels()).containsEntry("pod", "p-1").containsEntry("n", "3");
    assertThat(s.healthPort()).isZero();
    assertThat(s.actionId("SimpleTask", "step1")).isEqualTo("dev_simpletask:step1");
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(delimiter = '|', value = {
      "HATCHET_CLIENT_TLS_STRATEGY|insecure|HATCHET_CLIENT_TLS_STRATEGY='insecure' is not a TLS strategy: set it to tls, mtls or none",
      "HATCHET_CLIENT_TLS_STRATEGY|mtls|HATCHET_CLIENT_TLS_STRATEGY=mtls needs HATCHET_CLIENT_TLS_ROOT_CA_FILE",
      "HATCHET_CLIENT_HOST_PORT|engine-without-port|HATCHET_CLIENT_HOST_PORT='engine-without-port' is not host:port",
      "HATCHET_CLIENT_SERVER_URL|ftp://x|HATCHET_CLIENT_SERVER_URL='ftp://x' is not an http(s) URL",
      "HATCHET_CLIENT_WORKER_PRESET_LABELS|[1,2]|HATCHET_CLIENT_WORKER_PRESET_LABELS='[1,2]' is not a JSON object",
      "HATCHET_CLIENT_DEBUG|maybe|HATCHET_CLIENT_DEBUG='maybe' is not a boolean",
      "HATCHET_WORKER_HEALTH_PORT|http|HATCHET_WORKER_HEALTH_PORT='http' is not a port",
      "HATCHET_WORKER_DRAIN_TIMEOUT|soon|HATCHET_WORKER_DRAIN_TIMEOUT='soon' is not a duration: set it like 30s",
      "HATCHET_WORKER_MAX_RECONNECTS|-1|HATCHET_WORKER_MAX_RECONNECTS='-1' is not a number of reconnects",
      "HATCHET_WORKER_STOP_MODE|crash|HATCHET_WORKER_STOP_MODE='crash' is not a stop mode: set hand_back",
      "HATCHET_CLIENT_WORKER_HEALTHCHECK_ENABLED|sometimes|HATCHET_CLIENT_WORKER_HEALTHCHECK_ENABLED='sometimes' is not a boolean",
      "HATCHET_CLIENT_WORKER_HEALTHCHECK_PORT|-5|HATCHET_CLIENT_WORKER_HEALTHCHECK_PORT='-5' is not a port: set 1-65535",
      "HATCHET_CLIENT_GRPC_MAX_SEND_MESSAGE_LENGTH|big|HATCHET_CLIENT_GRPC_MAX_SEND_MESSAGE_LENGTH='big' is not a message size",
      "HATCHET_WORKER_CANCELLATION_GRACE_PERIOD|later|HATCHET_WORKER_CANCELLATION_GRACE_PERIOD='later' is not a duration",
      "HATCHET_CLIENT_TLS_ROOT_CA_FILE|/nope/ca.pem|HATCHET_CLIENT_TLS_ROOT_CA_FILE='/nope/ca.pem' is not a readable file"})
  void rejectsABadSettingNamingTheVariableTheValueAndTheFix(String variable, String value, String message) {
    assertThatThrownBy(() -> load(env(variable, value)))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageStartingWith(message)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(TOKEN));
  }

  @Test
  void aMissingTokenSaysWhereToGetOne() {
    assertThatThrownBy(() -> load(Map.of()))
        .hasMessageStartingWith("HATCHET_CLIENT_TOKEN is not set: set it to a Hatchet API token");
  }

  @Test
  void aMalformedTokenIsRejectedWithoutEchoingIt() {
    String secret = "not-a-jwt-supersecret";
    assertThatThrownBy(() -> load(Map.of("HATCHET_CLIENT_TOKEN", secret)))
        .hasMessageContaining("HATCHET_CLIENT_TOKEN is not a JWT")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(secret));
    String noSub = TestTokens.b64("{}") + "." + TestTokens.b64("{\"server_url\":\"http://x\"}") + ".sig";
    assertThatThrownBy(() -> load(Map.of("HATCHET_CLIENT_TOKEN", "ey" + noSub)))
        .hasMessageContaining("no 'sub' (tenant id) claim");
  }

  @Test
  void aTokenWithoutAddressNeedsHostPort() {
    String token = TestTokens.b64("{\"alg\":\"ES256\"}") + "."
        + TestTokens.b64("{\"sub\":\"t\",\"server_url\":\"http://x\"}") + ".sig";
    assertThatThrownBy(() -> load(Map.of("HATCHET_CLIENT_TOKEN", token)))
        .hasMessageStartingWith("HATCHET_CLIENT_HOST_PORT is not set and the token has no grpc_broadcast_address");
  }

  @Test
  void mtlsTakesItsThreeFiles(@TempDir Path dir) throws Exception {
    Path ca = Files.writeString(dir.resolve("ca.pem"), "x");
    Path cert = Files.writeString(dir.resolve("c.pem"), "x");
    Path key = Files.writeString(dir.resolve("k.pem"), "x");
    HatchetSettings s = load(env("HATCHET_CLIENT_TLS_STRATEGY", "mtls", "HATCHET_CLIENT_TLS_ROOT_CA_FILE",
        ca.toString(), "HATCHET_CLIENT_TLS_CERT_FILE", cert.toString(), "HATCHET_CLIENT_TLS_KEY_FILE",
        key.toString(), "HATCHET_CLIENT_TLS_SERVER_NAME", "engine.internal"));

    assertThat(s.tls().strategy()).isEqualTo(TlsStrategy.MTLS);
    assertThat(s.tls().keyFile()).isEqualTo(key);
    assertThat(s.tls().serverName()).isEqualTo("engine.internal");
  }

  @Test
  void theTokenNeverAppearsInToString() {
    assertThat(load(env()).toString()).doesNotContain(TOKEN).contains("token=<redacted>");
  }

  @ParameterizedTest(name = "{0} -> port {1}")
  @CsvSource(delimiter = '|', value = {
      "|8001",
      "HATCHET_CLIENT_WORKER_HEALTHCHECK_ENABLED=true|8001",
      "HATCHET_CLIENT_WORKER_HEALTHCHECK_ENABLED=True,HATCHET_CLIENT_WORKER_HEALTHCHECK_PORT=9100|9100",
      "HATCHET_CLIENT_WORKER_HEALTHCHECK_ENABLED=false|-1",
      "HATCHET_CLIENT_WORKER_HEALTHCHECK_ENABLED=false,HATCHET_WORKER_HEALTH_PORT=9000|-1",
      "HATCHET_CLIENT_WORKER_HEALTHCHECK_PORT=9100|9100",
      "HATCHET_CLIENT_WORKER_HEALTHCHECK_PORT=9100,HATCHET_WORKER_HEALTH_PORT=0|0",
      "HATCHET_WORKER_HEALTH_PORT=-1|-1"})
  void healthServerFollowsTheOfficialVariablesAndServesWhenTheyAreUnset(String vars, int port) {
    Map<String, String> env = new java.util.LinkedHashMap<>();
    if (vars != null) {
      for (String kv : vars.split(",")) {
        env.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
      }
    }
    env.put("HATCHET_CLIENT_TOKEN", TOKEN);
    assertThat(SettingsLoader.load(env, Map.of(), HatchetSettings.TimingSettings.defaults()).healthPort())
        .isEqualTo(port);
  }

  @Test
  void readsTheStopModeTheMessageLimitAndTheCancellationGrace() {
    HatchetSettings s = load(env("HATCHET_WORKER_STOP_MODE", "fail_fast",
        "HATCHET_CLIENT_GRPC_MAX_SEND_MESSAGE_LENGTH", "1048576",
        "HATCHET_WORKER_CANCELLATION_GRACE_PERIOD", "5s", "HATCHET_WORKER_CANCELLATION_WARNING_THRESHOLD", "1s",
        "HATCHET_WORKER_MAX_RECONNECTS", "20"));

    assertThat(s.stopMode()).isEqualTo(HatchetSettings.StopMode.FAIL_FAST);
    assertThat(s.maxSendMessageBytes()).isEqualTo(1048576);
    assertThat(s.timing().cancellationGrace()).isEqualTo(Duration.ofSeconds(5));
    assertThat(s.timing().cancellationWarning()).isEqualTo(Duration.ofSeconds(1));
    assertThat(s.timing().maxReconnectAttempts()).isEqualTo(20);
  }
}
