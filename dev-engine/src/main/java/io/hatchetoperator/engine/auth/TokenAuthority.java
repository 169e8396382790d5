package io.hatchetoperator.engine.auth;

import io.hatchetoperator.engine.core.EngineException;
import io.hatchetoperator.engine.core.Ids;
import io.hatchetoperator.engine.core.Json;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Issues and checks the engine's API tokens: HS256 JWTs with Hatchet's claims ({@code sub} = tenant,
 * {@code server_url}, {@code grpc_broadcast_address}, {@code iat}, {@code exp}, {@code token_id}). The signing key is
 * random per engine unless one is given (the dev engine's {@code --key-file}), so without it tokens of an earlier run
 * are rejected. Thread-safe.
 */
public final class TokenAuthority {

  private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
  private static final Base64.Decoder B64D = Base64.getUrlDecoder();
  private static final String HEADER = B64.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8));

  private final byte[] key;
  private final Clock clock;
  private final String tenantId;
  /** Tokens whose signature and claims were checked, with their expiry (epoch seconds). */
  private final Map<String, Long> verified = new ConcurrentHashMap<>();

  /** An authority with a fresh random key. */
  public TokenAuthority(Clock clock, String tenantId) {
    this(clock, tenantId, randomKey());
  }

  /** An authority signing with {@code key} (at least 32 bytes), so tokens outlive a restart. */
  public TokenAuthority(Clock clock, String tenantId, byte[] key) {
    if (key.length < 32) {
      throw new IllegalArgumentException("the signing key has " + key.length + " bytes; HS256 needs at least 32");
    }
    this.key = key.clone();
    this.clock = clock;
    this.tenantId = tenantId;
  }

  /** 32 random bytes from a strong source. */
  public static byte[] randomKey() {
    byte[] k = new byte[32];
    new SecureRandom().nextBytes(k);
    return k;
  }

  /** A signed token for this tenant, valid for {@code ttl}. */
  public String issue(String serverUrl, String grpcAddress, Duration ttl) {
    long now = clock.millis() / 1000;
    Map<String, Object> claims = new LinkedHashMap<>();
    claims.put("iss", serverUrl);
    claims.put("aud", serverUrl);
    claims.put("sub", tenantId);
    claims.put("iat", now);
    claims.put("exp", now + ttl.toSeconds());
    claims.put("token_id", Ids.uuid());
    claims.put("server_url", serverUrl);
    claims.put("grpc_broadcast_address", grpcAddress);
    try {
      String payload = B64.encodeToString(Json.MAPPER.writeValueAsBytes(claims));
      String signingInput = HEADER + "." + payload;
      return signingInput + "." + B64.encodeToString(sign(signingInput));
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Checks an {@code authorization} header value ({@code bearer <jwt>}, any case); UNAUTHENTICATED with the reason
   * and the fix otherwise.
   */
  public void check(String authorization) {
    if (authorization == null || authorization.isBlank()) {
      throw unauthenticated("no authorization header");
    }
    String value = authorization.trim();
    if (value.length() < 7 || !value.substring(0, 7).equalsIgnoreCase("bearer ")) {
      throw unauthenticated("the authorization header is not 'bearer <token>'");
    }
    String token = value.substring(7).trim();
    long nowSeconds = clock.millis() / 1000;
    Long exp = verified.get(token);
    if (exp == null) {
      exp = verify(token);
      if (verified.size() > 10_000) {
        verified.clear();
      }
      verified.put(token, exp);
    }
    if (exp <= nowSeconds) {
      throw unauthenticated("the token expired");
    }
  }

  private long verify(String token) {
    String[] parts = token.split("\\.");
    if (parts.length != 3) {
      throw unauthenticated("the token is not a JWT (three dot-separated parts)");
    }
    byte[] expected = sign(parts[0] + "." + parts[1]);
    byte[] actual;
    try {
      actual = B64D.decode(parts[2]);
    } catch (IllegalArgumentException e) {
      throw unauthenticated("the token's signature is not base64url");
    }
    if (!MessageDigest.isEqual(expected, actual)) {
      throw unauthenticated("the token's signature does not match this engine's key (was it issued by another engine"
          + " or an earlier run?)");
    }
    Map<String, Object> claims = Json.map(new String(B64D.decode(parts[1]), StandardCharsets.UTF_8));
    if (!tenantId.equals(claims.get("sub"))) {
      throw unauthenticated("the token's sub is not this engine's tenant " + tenantId);
    }
    Object exp = claims.get("exp");
    return exp instanceof Number n ? n.longValue() : Long.MAX_VALUE;
  }

  private byte[] sign(String input) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(input.getBytes(StandardCharsets.US_ASCII));
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available in this JDK", e);
    }
  }

  private static EngineException unauthenticated(String reason) {
    return new EngineException(EngineException.Kind.UNAUTHENTICATED, "invalid auth token: " + reason
        + "; send 'authorization: bearer <token>' with the token this engine printed (HATCHET_CLIENT_TOKEN)");
  }
}
