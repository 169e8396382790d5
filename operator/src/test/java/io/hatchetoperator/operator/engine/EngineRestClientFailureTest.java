package io.hatchetoperator.operator.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.hatchetoperator.operator.engine.EngineApiException.Kind;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Every way a call to the engine can fail, and what the error says. */
class EngineRestClientFailureTest {

  static final String TENANT = "tenant-f";
  static final String STATS = "/api/v1/tenants/" + TENANT + "/task-stats";
  static final String WORKERS = "/api/v1/tenants/" + TENANT + "/worker";

  HatchetStubServer engine;
  String rawToken = HatchetJson.token(TENANT);

  @BeforeEach
  void start() throws Exception {
    engine = new HatchetStubServer();
  }

  @AfterEach
  void stop() {
    engine.close();
  }

  EngineRestClient client(URI url, Duration timeout) {
    EngineClientSettings settings = EngineClientSettings.DEFAULTS.withRequestTimeout(timeout);
    return new EngineRestClient(url, EngineToken.parse(rawToken), settings,
        EngineRestClient.httpClient(settings));
  }

  EngineApiException statsFailure() {
    return catchThrowableOfType(EngineApiException.class,
        () -> client(engine.url(), Duration.ofSeconds(2)).taskStats(List.of("resize")));
  }

  static Stream<Arguments> statuses() {
    return Stream.of(
        Arguments.of(401, Kind.TOKEN_REJECTED, "rejected the API token"),
        Arguments.of(403, Kind.TOKEN_REJECTED, "update spec.engine.tokenSecretRef"),
        Arguments.of(429, Kind.RATE_LIMITED, "rate limited"),
        Arguments.of(500, Kind.SERVER_ERROR, "answered 500"),
        Arguments.of(503, Kind.SERVER_ERROR, "backing off"),
        Arguments.of(404, Kind.REJECTED, "answered 404"));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @MethodSource("statuses")
  void mapsEachStatusToAKindAndAMessageWithoutTheToken(int status, Kind kind, String phrase) {
    engine.on(STATS, status, "{\"errors\":[{\"description\":\"echo " + rawToken + "\"}]}");

    EngineApiException error = statsFailure();

    assertThat(error.kind()).isEqualTo(kind);
    assertThat(error.status()).isEqualTo(status);
    assertThat(error.getMessage()).contains(phrase).contains("GET " + engine.url() + STATS)
        .doesNotContain(rawToken);
    assertThat(error.kind().retryable()).isEqualTo(status == 429 || status >= 500);
  }

  @Test
  void keepsTheRetryAfterOfA429() {
    engine.on(STATS, r -> new HatchetStubServer.Answer(429, "{}", Map.of("Retry-After", "7"), 0));

    assertThat(statsFailure().retryAfter()).contains(Duration.ofSeconds(7));
  }

  @Test
  void namesTheEndpointAndTheFieldOfAMalformedBody() {
    engine.on(STATS, 200, "{\"resize\":{\"queued\":{\"total\":\"many\"}}}");

    EngineApiException error = statsFailure();

    assertThat(error.kind()).isEqualTo(Kind.MALFORMED_RESPONSE);
    assertThat(error.getMessage()).contains("task-stats").contains("resize.queued.total")
        .contains("spec.engine.apiUrl");
  }

  @Test
  void saysWhatCameBackWhenTheBodyIsNotJson() {
    engine.on(WORKERS, 200, "<html><body>Welcome to nginx " + rawToken + "</body></html>");

    EngineApiException error = catchThrowableOfType(EngineApiException.class,
        () -> client(engine.url(), Duration.ofSeconds(2)).workers());

    assertThat(error.kind()).isEqualTo(Kind.MALFORMED_RESPONSE);
    assertThat(error.getMessage()).contains("worker list").contains("Welcome to nginx")
        .doesNotContain(rawToken);
  }

  @Test
  void rejectsAWorkerListWhoseRowsAreNotAnArray() {
    engine.on(WORKERS, 200, "{\"rows\":{\"id\":1}}");

    EngineApiException error = catchThrowableOfType(EngineApiException.class,
        () -> client(engine.url(), Duration.ofSeconds(2)).workers());

    assertThat(error.getMessage()).contains("'rows' is OBJECT");
  }

  @Test
  void timesOutASlowEngine() {
    engine.on(STATS, r -> new HatchetStubServer.Answer(200, "{}", Map.of(), 1_500));

    EngineApiException error = catchThrowableOfType(EngineApiException.class,
        () -> client(engine.url(), Duration.ofMillis(150)).taskStats(List.of("resize")));

    assertThat(error.kind()).isEqualTo(Kind.TIMEOUT);
    assertThat(error.getMessage()).contains("did not answer within 150 ms");
  }

  @Test
  void saysWhenTheEngineIsUnreachable() throws Exception {
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }

    EngineApiException error = catchThrowableOfType(EngineApiException.class,
        () -> client(URI.create("http://127.0.0.1:" + port), Duration.ofSeconds(1)).workers());

    assertThat(error.kind()).isEqualTo(Kind.UNREACHABLE);
    assertThat(error.getMessage()).contains("spec.engine.apiUrl").doesNotContain(rawToken);
  }
}
