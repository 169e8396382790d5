package io.hatchetoperator.worker.testing;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A recording stand-in for the engine's REST API: answers {@link #status} to every request and keeps them. */
public final class TestingRest implements AutoCloseable {

  /** One request as received. */
  public record Request(String method, String path, String authorization, String body, long nanos) {}

  private final HttpServer server;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  /** The HTTP status every request gets. */
  public volatile int status = 200;

  public TestingRest() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", ex -> {
      String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      requests.add(new Request(ex.getRequestMethod(), ex.getRequestURI().getPath(),
          ex.getRequestHeaders().getFirst("Authorization"), body, System.nanoTime()));
      byte[] out = "{}".getBytes(StandardCharsets.UTF_8);
      ex.sendResponseHeaders(status, out.length);
      ex.getResponseBody().write(out);
      ex.close();
    });
    server.start();
  }

  public String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public List<Request> requests() {
    return List.copyOf(requests);
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
