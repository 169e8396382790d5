package io.hatchetoperator.worker.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Base64;

/**
 * The claims a Hatchet API token carries: tenant ({@code sub}), gRPC address and REST URL. Like the
 * official SDKs this reads the payload without checking the signature; the engine checks it.
 */
public record TokenClaims(String tenantId, String grpcBroadcastAddress, String serverUrl) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Decodes the token's payload; errors name the variable and never echo the token. */
  public static TokenClaims decode(String variable, String token) {
    String[] parts = token.trim().split("\\.");
    if (parts.length != 3 || !token.trim().startsWith("ey")) {
      throw new ConfigurationException(variable + " is not a JWT (a value of " + token.length()
          + " characters that is not three dot-separated parts starting with 'ey'): "
          + "set it to an API token created in the Hatchet dashboard or with hatchet-admin");
    }
    JsonNode payload;
    try {
      payload = JSON.readTree(Base64.getUrlDecoder().decode(pad(parts[1])));
    } catch (IllegalArgumentException | IOException e) {
      throw new ConfigurationException(variable + " has a payload that is not base64url JSON: "
          + "set it to an unmodified Hatchet API token");
    }
    String sub = text(payload, "sub");
    if (sub == null || sub.isBlank()) {
      throw new ConfigurationException(variable + " has no 'sub' (tenant id) claim: "
          + "set it to a Hatchet API token, which always names its tenant");
    }
    return new TokenClaims(sub, text(payload, "grpc_broadcast_address"), text(payload, "server_url"));
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node == null ? null : node.get(field);
    return value == null || value.isNull() ? null : value.asText();
  }

  private static String pad(String base64) {
    String clean = base64.replace('+', '-').replace('/', '_');
    return clean + "=".repeat((4 - clean.length() % 4) % 4);
  }

}
