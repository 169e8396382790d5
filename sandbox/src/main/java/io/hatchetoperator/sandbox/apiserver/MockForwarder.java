package io.hatchetoperator.sandbox.apiserver;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Passes a request on to the mock API server unchanged (method, path and query, body, Content-Type, Accept). */
class MockForwarder {

  /** The mock's answer. */
  record Reply(int status, String contentType, byte[] body) {}

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final String base;

  MockForwarder(String mockUrl) {
    this.base = mockUrl.endsWith("/") ? mockUrl.substring(0, mockUrl.length() - 1) : mockUrl;
  }

  Reply send(String method, String pathAndQuery, String contentType, String accept, byte[] body)
      throws IOException, InterruptedException {
    HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(base + pathAndQuery)).timeout(Duration.ofSeconds(30))
        .method(method, body == null || body.length == 0 ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofByteArray(body));
    if (contentType != null) {
      req.header("Content-Type", contentType);
    }
    req.header("Accept", accept == null ? "application/json" : accept);
    HttpResponse<byte[]> res = http.send(req.build(), HttpResponse.BodyHandlers.ofByteArray());
    return new Reply(res.statusCode(), res.headers().firstValue("Content-Type").orElse("application/json"),
        res.body());
  }

  /** A GET of plain JSON. */
  Reply get(String pathAndQuery) throws IOException, InterruptedException {
    return send("GET", pathAndQuery, null, "application/json", null);
  }
}
