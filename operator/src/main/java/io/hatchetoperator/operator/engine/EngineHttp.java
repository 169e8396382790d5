package io.hatchetoperator.operator.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.hatchetoperator.operator.engine.EngineApiException.Kind;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one REST request to the engine and turns every failure into an {@link EngineApiException}
 * whose message names the endpoint and the fix, with the token redacted.
 */
final class EngineHttp {

  private static final Logger LOG = LoggerFactory.getLogger(EngineHttp.class);
  private static final int SNIPPET = 160;

  private final String baseUrl;
  private final EngineToken token;
  private final Duration timeout;
  private final HttpClient client;

  EngineHttp(URI apiUrl, EngineToken token, Duration timeout, HttpClient client) {
    String url = apiUrl.toString();
    this.baseUrl = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    this.token = token;
    this.timeout = timeout;
    this.client = client;
  }

  <T> T getJson(String path, String query, String what, Function<JsonNode, T> reader) {
    String url = baseUrl + path + (query == null ? "" : "?" + query);
    HttpRequest request = base(url).GET().build();
    String endpoint = "GET " + baseUrl + path;
    String body = send(request, endpoint);
    try {
      return reader.apply(EngineRestClient.readTree(body));
    } catch (IOException | EngineResponses.MalformedBody | IllegalArgumentException e) {
      throw new EngineApiException(Kind.MALFORMED_RESPONSE, endpoint, 200, null,
          endpoint + " answered with a body that is not Hatchet's " + what + " JSON ("
              + token.redact(e.getMessage()) + "); body starts with '" + snippet(body)
              + "'. Check that spec.engine.apiUrl points at Hatchet's REST API (port 8080), not"
              + " the gRPC port or a proxy page", null);
    }
  }

  void patchJson(String path, String json) {
    HttpRequest request = base(baseUrl + path)
        .header("Content-Type", "application/json")
        .method("PATCH", HttpRequest.BodyPublishers.ofString(json))
        .build();
    send(request, "PATCH " + baseUrl + path);
  }

  private HttpRequest.Builder base(String url) {
    return HttpRequest.newBuilder(URI.create(url))
        .timeout(timeout)
        .header("Accept", "application/json")
        .header("Authorization", token.bearerHeader());
  }

  private String send(HttpRequest request, String endpoint) {
    long start = System.nanoTime();
    HttpResponse<String> response;
    try {
      response = client.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (HttpTimeoutException e) {
      throw failure(Kind.TIMEOUT, endpoint, 0, null, endpoint + " did not answer within "
          + timeout.toMillis() + " ms; check that the engine is healthy and reachable from the"
          + " operator, or raise the request timeout", e);
    } catch (IOException e) {
      throw failure(Kind.UNREACHABLE, endpoint, 0, null, endpoint + " failed: "
          + e.getClass().getSimpleName() + " " + token.redact(String.valueOf(e.getMessage()))
          + "; check spec.engine.apiUrl (the engine's REST URL), DNS and network policies", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failure(Kind.UNREACHABLE, endpoint, 0, null, endpoint + " was interrupted", e);
    }
    int status = response.statusCode();
    LOG.debug("{} -> {} in {} ms", endpoint, status, (System.nanoTime() - start) / 1_000_000);
    if (status >= 200 && status < 300) {
      return response.body();
    }
    String body = snippet(response.body());
    if (status == 401 || status == 403) {
      throw failure(Kind.TOKEN_REJECTED, endpoint, status, null, endpoint + " answered " + status
          + ": the engine rejected the API token (fingerprint " + token.fingerprint() + ") for"
          + " tenant " + token.tenantId() + "; it is invalid, revoked, expired or issued by another"
          + " engine. Create a new API token in Hatchet and update spec.engine.tokenSecretRef's"
          + " Secret", null);
    }
    if (status == 429) {
      Duration retryAfter = retryAfter(response);
      throw failure(Kind.RATE_LIMITED, endpoint, status, retryAfter, endpoint + " answered 429"
          + " (rate limited); backing off" + (retryAfter == null ? "" : " for " + retryAfter)
          + ". Raise spec.autoscaling.pollInterval if this persists", null);
    }
    if (status >= 500) {
      throw failure(Kind.SERVER_ERROR, endpoint, status, retryAfter(response), endpoint
          + " answered " + status + " ('" + body + "'); backing off. Check the engine's logs", null);
    }
    throw failure(Kind.REJECTED, endpoint, status, null, endpoint + " answered " + status + " ('"
        + body + "'); check spec.engine.apiUrl and that this engine version serves the endpoint",
        null);
  }

  private EngineApiException failure(Kind kind, String endpoint, int status, Duration retryAfter,
      String message, Throwable cause) {
    return new EngineApiException(kind, endpoint, status, retryAfter, message, cause);
  }

  private static Duration retryAfter(HttpResponse<?> response) {
    return response.headers().firstValue("Retry-After")
        .filter(value -> value.strip().matches("\\d{1,6}"))
        .map(value -> Duration.ofSeconds(Long.parseLong(value.strip())))
        .orElse(null);
  }

  private String snippet(String body) {
    String text = token.redact(body).replaceAll("\\s+", " ").strip();
    return text.length() <= SNIPPET ? text : text.substring(0, SNIPPET) + "…";
  }
}
