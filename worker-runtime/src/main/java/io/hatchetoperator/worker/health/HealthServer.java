package io.hatchetoperator.worker.health;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;

/**
 * A worker's HTTP endpoints on the JDK server, on the paths of Hatchet's TypeScript SDK
 * ({@code v1/client/worker/health-server.js}: {@code /health}, {@code /readyz}, {@code /livez},
 * {@code /metrics}; the Python SDK serves {@code /health} and {@code /metrics},
 * {@code hatchet_sdk/worker/action_listener_process.py}). {@code /livez} (and its alias
 * {@code /healthz}) answers 200 while the worker is alive, with body {@code ok} or, while the engine
 * is unreachable, {@code degraded} (a restart would not bring the engine back and would drop running
 * tasks), and 503 once the worker gave up or was killed. {@code /readyz} answers 200 only while the
 * engine accepts the worker's stream and heartbeats and it is not draining. {@code /health} is a JSON
 * summary with the liveness status code. One server per worker, on one thread of its own.
 */
public final class HealthServer implements AutoCloseable {

  /** What liveness says. */
  public enum Liveness { OK, DEGRADED, DEAD }

  private final HttpServer server;
  private final ExecutorService executor;

  /** Binds {@code port} (0 = any free port) and starts serving. */
  public HealthServer(String workerName, int port, WorkerMetrics metrics, Supplier<Liveness> alive,
      BooleanSupplier ready, Supplier<String> state, Map<String, Integer> slotTotals,
      ToIntFunction<String> slotsUsed) {
    try {
      server = HttpServer.create(new InetSocketAddress(port), 16);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot bind the health server of worker '" + workerName
          + "' to port " + port + " (" + e.getMessage() + "): set HATCHET_CLIENT_WORKER_HEALTHCHECK_PORT "
          + "to a free port, or HATCHET_CLIENT_WORKER_HEALTHCHECK_ENABLED=false to turn it off", e);
    }
    executor = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "hatchet-" + workerName + "-health");
      t.setDaemon(true);
      return t;
    });
    server.setExecutor(executor);
    for (String path : new String[] {"/livez", "/healthz"}) {
      server.createContext(path, ex -> {
        Liveness l = alive.get();
        respond(ex, l != Liveness.DEAD, l.name().toLowerCase(java.util.Locale.ROOT) + " (" + state.get() + ")");
      });
    }
    server.createContext("/readyz", ex -> {
      boolean ok = ready.getAsBoolean();
      respond(ex, ok, (ok ? "ok" : "not ready") + " (" + state.get() + ")");
    });
    server.createContext("/health", ex -> {
      Liveness l = alive.get();
      StringJoiner slots = new StringJoiner(",", "{", "}");
      slotTotals.forEach((type, n) -> slots.add("\"" + type + "\":{\"used\":" + slotsUsed.applyAsInt(type)
          + ",\"limit\":" + n + "}"));
      String body = "{\"status\":\"" + (l == Liveness.OK ? "HEALTHY" : l == Liveness.DEGRADED ? "DEGRADED" : "UNHEALTHY")
          + "\",\"name\":\"" + workerName.replace("\"", "") + "\",\"state\":\"" + state.get() + "\",\"ready\":"
          + ready.getAsBoolean() + ",\"slots\":" + slots + "}";
      send(ex, l == Liveness.DEAD ? 503 : 200, "application/json", body.getBytes(StandardCharsets.UTF_8));
    });
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

  private static void respond(HttpExchange ex, boolean ok, String body) throws IOException {
    send(ex, ok ? 200 : 503, "text/plain; charset=utf-8", (body + "\n").getBytes(StandardCharsets.UTF_8));
  }

  private static void send(HttpExchange ex, int status, String type, byte[] body) throws IOException {
    ex.getResponseHeaders().set("Content-Type", type);
    ex.sendResponseHeaders(status, body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(body);
    }
  }
}
