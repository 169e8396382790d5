package io.hatchetoperator.worker.health;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * A worker's HTTP endpoints on the JDK server: {@code /healthz} (alive, not given up),
 * {@code /readyz} (registered, listening, not draining) and {@code /metrics} (Prometheus text).
 * One per worker, on one thread of its own.
 */
public final class HealthServer implements AutoCloseable {
  private final HttpServer server;
  private final ExecutorService executor;

  /** Binds {@code port} (0 = any free port) and starts serving. */
  public HealthServer(String workerName, int port, WorkerMetrics metrics, BooleanSupplier alive,
      BooleanSupplier ready, Supplier<String> state) {
    try {
      server = HttpServer.create(new InetSocketAddress(port), 16);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot bind the health server of worker '" + workerName
          + "' to port " + port + " (" + e.getMessage() + "): set HATCHET_WORKER_HEALTH_PORT to a "
          + "free port, 0 for any free port, or -1 to disable it", e);
    }
    executor = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "hatchet-" + workerName + "-health");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    server.createContext("/healthz", ex -> respond(ex, alive.getAsBoolean(), state.get()));
    server.createContext("/readyz", ex -> respond(ex, ready.getAsBoolean(), state.get()));
    server.createContext("/metrics", ex -> {
      ByteArrayOutputStream body = new ByteArrayOutputStream();
      metrics.write(body);
      send(ex, 200, "text/plain; version=0.0.4; charset=utf-8", body.toByteArray());
    });
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }

  private static void respond(HttpExchange ex, boolean ok, String state) throws IOException {
    String body = (ok ? "ok" : "unavailable") + " (" + state + ")\n";
    send(ex, ok ? 200 : 503, "text/plain; charset=utf-8", body.getBytes(StandardCharsets.UTF_8));
  }

  private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
    ex.getResponseHeaders().set("Content-Type", type);
    ex.sendResponseHeaders(status, body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }
}
