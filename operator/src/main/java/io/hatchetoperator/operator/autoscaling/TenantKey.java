package io.hatchetoperator.operator.autoscaling;

import io.hatchetoperator.operator.engine.EngineToken;
import java.net.URI;

/**
 * Identifies one engine tenant as the operator reaches it: the REST URL and the token (by fingerprint).
 * Pools with the same key share one poller.
 *
 * @param apiUrl the engine's REST base URL
 * @param tenantId the token's {@code sub}
 * @param tokenFingerprint {@link EngineToken#fingerprint()}, so a rotated token gets a new poller
 */
public record TenantKey(String apiUrl, String tenantId, String tokenFingerprint) {

  /** The key of {@code token} at {@code apiUrl}. */
  public static TenantKey of(URI apiUrl, EngineToken token) {
    String url = apiUrl.toString();
    return new TenantKey(url.endsWith("/") ? url.substring(0, url.length() - 1) : url,
        token.tenantId(), token.fingerprint());
  }

  /** A short form for logs and metric labels: {@code tenant@url}. */
  public String label() {
    return tenantId + "@" + apiUrl;
  }
}
