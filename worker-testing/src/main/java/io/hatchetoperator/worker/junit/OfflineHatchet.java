package io.hatchetoperator.worker.junit;

import io.hatchetoperator.worker.Hatchet;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * A {@link Hatchet} for declaring tasks in unit tests without an engine (with {@link FakeContext}): its token is
 * unsigned and points at {@code 127.0.0.1:1}, so declaring works and running anything fails with
 * {@link io.hatchetoperator.worker.EngineUnavailableException}.
 */
public final class OfflineHatchet {
  private OfflineHatchet() {}

  public static Hatchet create() {
    String claims = "{\"sub\":\"00000000-0000-0000-0000-000000000000\",\"server_url\":\"http://127.0.0.1:1\","
        + "\"grpc_broadcast_address\":\"127.0.0.1:1\",\"token_id\":\"offline\"}";
    String token = b64("{\"alg\":\"none\"}") + "." + b64(claims) + ".offline";
    return Hatchet.builder().env(Map.of("HATCHET_CLIENT_TOKEN", token, "HATCHET_CLIENT_TLS_STRATEGY", "none"))
        .healthPort(-1).build();
  }

  private static String b64(String json) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }
}
