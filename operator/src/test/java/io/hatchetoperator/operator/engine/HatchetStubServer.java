package io.hatchetoperator.operator.engine;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A local HTTP server that answers like Hatchet's REST API, with scripted answers per path, and
 * records every request it receives (for counting polls and checking headers).
 */
public final class HatchetStubServer implements AutoCloseable {

  /** One request as received. */
  public record Request(String method, String path, String query, String authorization,
      String body) {}

  /** One scripted answer. */
  public record Answer(int status, String body, Map<String, String> headers, long delayMillis) {
    /** A JSON answer with no delay. */
    public static Answer json(int status, String body) {
      return new Answer(status, body, Map.of(), 0);
    }
  }

  private final HttpServer server;
  private final Map<String, Function<Request, Answer>> routes = new ConcurrentHashMap<>();
  private final List<Request> requests = new CopyOnWriteArrayList<>();

  /** Starts on a free port of 127.0.0.1. */
  public HatchetStubServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(4));
    server.createContext("/", this::handle);
    server.start();
  }

  /** The base URL, e.g. {@code http://127.0.0.1:41234}. */
  public URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** Answers requests whose path is exactly {@code path}. */
  public HatchetStubServer on(String path, Function<Request, Answer> answer) {
    routes.put(path, answer);
    return this;
  }

  /** Answers requests to {@code path} always with {@code status} and {@code body}. */
  public HatchetStubServer on(String path, int status, String body) {
    return on(path, request -> Answer.json(status, body));
  }

  /** Every request received so far. */
  public List<Request> requests() {
    return List.copyOf(requests);
  }

  /** The requests received for one path. */
  public List<Request> requests(String path) {
    return requests.stream().filter(r -> r.path().equals(path)).toList();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
    Request request = new Request(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
        exchange.getRequestURI().getRawQuery(),
        exchange.getRequestHeaders().getFirst("Authorization"), body);
    requests.add(request);
    Function<Request, Answer> route = routes.get(request.path());
    Answer answer = route == null ? Answer.json(404, "{\"errors\":[]}") : route.apply(request);
    if (answer.delayMillis() > 0) {
      try {
        Thread.sleep(answer.delayMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
    answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    try (OutputStream out = exchange.getResponseBody()) {
      exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
      if (bytes.length > 0) {
        out.write(bytes);
      }
    } catch (IOException e) {
      // the client gave up (a timeout test): nothing to answer
    }
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }
}
