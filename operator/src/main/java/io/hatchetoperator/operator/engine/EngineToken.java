package io.hatchetoperator.operator.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A Hatchet API token (a JWT) with the claims the operator reads from it; never printed.
 *
 * <p>The signature is not checked (the engine does that, as every Hatchet SDK assumes). The tenant is
 * the {@code sub} claim; {@code server_url} is the engine's REST base URL when the token carries it.
 * {@link #toString()} and every error message show only a fingerprint, never the token.
 */
public final class EngineToken {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final String secret;
  private final String tenantId;
  private final Optional<String> serverUrl;
  private final String fingerprint;

  private EngineToken(String secret, String tenantId, Optional<String> serverUrl) {
    this.secret = secret;
    this.tenantId = tenantId;
    this.serverUrl = serverUrl;
    this.fingerprint = fingerprintOf(secret);
  }

  /**
   * Reads a token; fails with a message naming what is wrong and how to fix it, without the token.
   *
   * @param raw the token text, e.g. the value of the pool's token Secret key
   */
  public static EngineToken parse(String raw) {
    if (raw == null || raw.isBlank()) {
      throw new IllegalArgumentException(
          "engine token is empty: put a Hatchet API token (a JWT starting with 'ey') in the Secret"
              + " named by spec.engine.tokenSecretRef");
    }
    String token = raw.strip();
    String[] parts = token.split("\\.", -1);
    if (parts.length != 3 || !token.startsWith("ey")) {
      throw new IllegalArgumentException(
          "engine token (fingerprint " + fingerprintOf(token) + ") is not a JWT: expected three"
              + " dot-separated parts starting with 'ey'; create a token in the Hatchet dashboard"
              + " (Settings > API Tokens) and store it in the Secret");
    }
    JsonNode claims = claims(parts[1], token);
    JsonNode sub = claims.get("sub");
    if (sub == null || !sub.isTextual() || sub.asText().isBlank()) {
      throw new IllegalArgumentException(
          "engine token (fingerprint " + fingerprintOf(token) + ") has no 'sub' claim, so the tenant"
              + " is unknown; use an API token issued by Hatchet, whose 'sub' is the tenant id");
    }
    JsonNode url = claims.get("server_url");
    Optional<String> serverUrl =
        url != null && url.isTextual() && !url.asText().isBlank()
            ? Optional.of(url.asText())
            : Optional.empty();
    return new EngineToken(token, sub.asText(), serverUrl);
  }

  private static JsonNode claims(String payload, String token) {
    try {
      byte[] bytes = Base64.getUrlDecoder().decode(payload.replace("=", ""));
      JsonNode node = JSON.readTree(new String(bytes, StandardCharsets.UTF_8));
      if (node == null || !node.isObject()) {
        throw new IllegalArgumentException("payload is not a JSON object");
      }
      return node;
    } catch (IllegalArgumentException | java.io.IOException e) {
      throw new IllegalArgumentException(
          "engine token (fingerprint " + fingerprintOf(token) + ") has an unreadable payload"
              + " (not base64url JSON); copy the whole token again into the Secret", e);
    }
  }

  /** The tenant id, i.e. the JWT {@code sub}. */
  public String tenantId() {
    return tenantId;
  }

  /** The REST base URL from the {@code server_url} claim, if present. */
  public Optional<String> serverUrl() {
    return serverUrl;
  }

  /** The first 12 hex digits of the token's SHA-256: safe to log, stable across restarts. */
  public String fingerprint() {
    return fingerprint;
  }

  /** The value for an {@code Authorization} header. Never log it. */
  String bearerHeader() {
    return "Bearer " + secret;
  }

  /** Replaces any occurrence of the token in {@code text} (e.g. an echoed response body). */
  String redact(String text) {
    return text == null ? "" : text.replace(secret, "<token " + fingerprint + ">");
  }

  private static String fingerprintOf(String token) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 6);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof EngineToken other && other.secret.equals(secret);
  }

  @Override
  public int hashCode() {
    return secret.hashCode();
  }

  @Override
  public String toString() {
    return "EngineToken[tenant=" + tenantId + ", fingerprint=" + fingerprint + "]";
  }
}
