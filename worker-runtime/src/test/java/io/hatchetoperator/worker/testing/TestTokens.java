package io.hatchetoperator.worker.testing;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Builds unsigned Hatchet-shaped JWTs for tests (the SDKs never check the signature). */
public final class TestTokens {
  public static final String TENANT = "707d0855-80ab-4e1f-a156-f1c4546cbf52";

  private TestTokens() {}

  public static String token(String serverUrl, String grpcAddress) {
    String payload = "{\"sub\":\"" + TENANT + "\",\"server_url\":\"" + serverUrl
        + "\",\"grpc_broadcast_address\":\"" + grpcAddress + "\",\"token_id\":\"t1\"}";
    return b64("{\"alg\":\"ES256\",\"kid\":\"test\"}") + "." + b64(payload) + ".c2lnbmF0dXJl";
  }

  public static String b64(String json) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }
}
