package io.hatchetoperator.worker.client;

import io.hatchetoperator.worker.config.HatchetSettings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The engine's REST API, for the one call a worker makes there: pausing itself before it drains. */
public final class EngineRestClient {

  private static final Duration TIMEOUT = Duration.ofSeconds(10);

  private final HatchetSettings settings;

  public EngineRestClient(HatchetSettings settings) {
    this.settings = settings;
  }

  /**
   * {@code PATCH {server_url}/api/v1/workers/{id}} with {@code {"isPaused":true}}, so the engine
   * assigns nothing more to this worker. Returns the HTTP status; throws on network failure.
   */
  public int pauseWorker(String workerId) throws IOException, InterruptedException {
    HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    HttpRequest request = HttpRequest.newBuilder(URI.create(settings.serverUrl() + "/api/v1/workers/" + workerId))
        .timeout(TIMEOUT)
        .header("Authorization", "Bearer " + settings.token())
        .header("Content-Type", "application/json")
        .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"isPaused\":true}"))
        .build();
    return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}
