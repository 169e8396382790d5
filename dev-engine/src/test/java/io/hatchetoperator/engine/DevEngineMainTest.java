package io.hatchetoperator.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command line: options, the banner, and a token whose claims point SDKs at the engine. */
class DevEngineMainTest {

  @Test
  void options_parse_with_the_documented_defaults() {
    DevEngineMain main = new DevEngineMain();
    new CommandLine(main).parseArgs("--token-file", "/tmp/t");
    assertThat(main.grpcPort).isEqualTo(7077);
    assertThat(main.httpPort).isEqualTo(8888);
    assertThat(main.tokenFile).hasToString("/tmp/t");
  }

  @Test
  void the_banner_says_development_and_prints_the_client_exports() {
    try (DevEngine engine = DevEngine.start(DevEngineSettings.ephemeral())) {
      String banner = DevEngineMain.banner(engine);
      assertThat(banner).contains("DEVELOPMENT engine").contains("in memory")
          .contains("export HATCHET_CLIENT_TOKEN=" + engine.token())
          .contains("export HATCHET_CLIENT_HOST_PORT=localhost:" + engine.grpcPort())
          .contains("export HATCHET_CLIENT_TLS_STRATEGY=none");
      String claims = new String(Base64.getUrlDecoder().decode(engine.token().split("\\.")[1]), StandardCharsets.UTF_8);
      assertThat(claims).contains("\"sub\":\"" + engine.tenantId() + "\"")
          .contains("\"grpc_broadcast_address\":\"localhost:" + engine.grpcPort() + "\"")
          .contains("\"server_url\":\"http://localhost:" + engine.httpPort() + "\"").contains("\"exp\":");
    }
  }
}
