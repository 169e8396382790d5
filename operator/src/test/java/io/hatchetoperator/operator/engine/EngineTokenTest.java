package io.hatchetoperator.operator.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class EngineTokenTest {

  @Test
  void readsTheTenantAndServerUrlFromTheClaims() {
    EngineToken token = EngineToken.parse(" " + HatchetJson.token("tenant-1") + "\n");

    assertThat(token.tenantId()).isEqualTo("tenant-1");
    assertThat(token.serverUrl()).contains("http://localhost:8080");
    assertThat(token.fingerprint()).hasSize(12);
  }

  @Test
  void neverPrintsTheToken() {
    String raw = HatchetJson.token("tenant-1");
    EngineToken token = EngineToken.parse(raw);

    assertThat(token.toString()).doesNotContain(raw).contains("tenant-1");
    assertThat(token.redact("echo " + raw)).doesNotContain(raw).contains(token.fingerprint());
  }

  @Test
  void rejectsSomethingThatIsNotAJwtWithoutQuotingIt() {
    assertThatThrownBy(() -> EngineToken.parse("hunter2-secret"))
        .hasMessageContaining("not a JWT")
        .hasMessageContaining("Secret")
        .hasMessageNotContaining("hunter2-secret");
  }

  @Test
  void rejectsAnEmptyToken() {
    assertThatThrownBy(() -> EngineToken.parse("  "))
        .hasMessageContaining("spec.engine.tokenSecretRef");
  }

  @Test
  void rejectsATokenWithoutSub() {
    String noSub = "eyJhbGciOiJFUzI1NiJ9."
        + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString("{\"iss\":\"x\"}"
            .getBytes(java.nio.charset.StandardCharsets.UTF_8)) + ".sig";

    assertThatThrownBy(() -> EngineToken.parse(noSub))
        .hasMessageContaining("'sub'")
        .hasMessageNotContaining(noSub);
  }

  @Test
  void rejectsAnUnreadablePayload() {
    assertThatThrownBy(() -> EngineToken.parse("eyJhbGciOiJFUzI1NiJ9.!!!.sig"))
        .hasMessageContaining("unreadable payload");
  }
}
