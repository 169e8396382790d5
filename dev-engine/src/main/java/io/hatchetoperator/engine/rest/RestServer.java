package io.hatchetoperator.engine.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.hatchetoperator.engine.auth.TokenAuthority;
import io.hatchetoperator.engine.core.EngineException;
import io.hatchetoperator.engine.core.Ids;
import io.hatchetoperator.engine.core.Json;
import io.hatchetoperator.engine.core.Scheduler;
import io.hatchetoperator.engine.core.WorkerView;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The REST subset of Hatchet's API that the operator and the SDKs call, on the JDK's HTTP server: tenant, task-stats,
 * worker list, worker get/pause, workflows, task metrics and logs, scheduled runs, crons and filters
 * ({@link RestRoutes}), and {@code /metrics}. Errors are JSON ({@code {"errors":[{code, description}]}}).
 */
public final class RestServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(RestServer.class);
  private static final Pattern TENANT =
      Pattern.compile("^/api/v1/(?:stable/)?tenants/([^/]+)(/task-stats|/worker|/workflows|/task-metrics)?/?$");
  private static final Pattern WORKER = Pattern.compile("^/api/v1/workers/([^/]+)/?$");
  private static final Pattern TASK_LOGS = Pattern.compile("^/api/v1/stable/tasks/([^/]+)/logs/?$");

  private final HttpServer server;
  private final Scheduler scheduler;
  private final TokenAuthority tokens;
  private final long createdAtMillis;
  private volatile io.hatchetoperator.engine.core.TaskLogs taskLogs = new io.hatchetoperator.engine.core.TaskLogs();
  private volatile boolean available = true;
  private volatile java.util.function.Supplier<String> readiness = () -> null;
  private final List<RestRoutes> routes = new java.util.concurrent.CopyOnWriteArrayList<>();

  static {
    // The JDK's server reads these once, when its first server starts: a request (line and headers) must arrive
    // within maxReqTime seconds and the response be taken within maxRspTime, else the connection is closed and
    // its thread freed (jdk.httpserver, sun/net/httpserver/ServerConfig.java and ServerImpl.ReqRspTimeoutTask).
    // A value the user set with -D wins.
    System.getProperties().putIfAbsent("sun.net.httpserver.maxReqTime",
        String.valueOf(io.hatchetoperator.engine.DevEngineSettings.REST_READ_TIMEOUT.toSeconds()));
    System.getProperties().putIfAbsent("sun.net.httpserver.maxRspTime",
        String.valueOf(io.hatchetoperator.engine.DevEngineSettings.REST_WRITE_TIMEOUT.toSeconds()));
  }

  public RestServer(InetSocketAddress address, Scheduler scheduler, TokenAuthority tokens, ExecutorService executor,
      long createdAtMillis) throws IOException {
    this.scheduler = scheduler;
    this.tokens = tokens;
    this.createdAtMillis = createdAtMillis;
    this.server = HttpServer.create(address, 128);
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** While false, every route answers 503 with a JSON error (for failure tests); gRPC is unaffected. */
  public void setAvailable(boolean available) {
    this.available = available;
    LOG.info("REST API {}", available ? "available again" : "switched off: answering 503");
  }

  /** What {@code /api/ready} checks: null when ready, otherwise the reason (answered with 503). */
  public void setReadiness(java.util.function.Supplier<String> check) {
    this.readiness = check;
  }

  /**
   * Serves scheduled runs and crons (through {@code timed}, on the engine clock), v1 event filters and durable-task
   * branch and restore, with Hatchet's paths ({@link TimedRoutes}, {@link FilterRoutes}, {@link DurableRoutes}).
   */
  public void serveTriggers(io.hatchetoperator.engine.core.TimedTriggers timed, java.time.Clock clock) {
    routes.add(new TimedRoutes(scheduler, timed, createdAtMillis));
    routes.add(new FilterRoutes(scheduler, clock, createdAtMillis));
    routes.add(new DurableRoutes(scheduler));
  }

  /** Serves {@code GET /api/v1/stable/tasks/{task}/logs} from these logs. */
  public void setTaskLogs(io.hatchetoperator.engine.core.TaskLogs logs) {
    this.taskLogs = logs;
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void handle(HttpExchange ex) throws IOException {
    try (ex) {
      String path = ex.getRequestURI().getPath();
      String notReady = path.equals("/api/ready") ? readiness.get() : null;
      try {
        if (!available) {
          send(ex, 503, RestJson.error(503, "the dev engine's REST API is switched off (setRestAvailable(false));"
              + " retry later"));
        } else if (notReady != null) {
          send(ex, 503, RestJson.error(503, notReady));
        } else if (path.equals("/api/ready") || path.equals("/api/live")) {
          send(ex, 200, Map.of("ok", true));
        } else if (path.equals("/metrics")) {
          text(ex, PrometheusText.render(scheduler.tenantId(), scheduler.workers(), scheduler.queueSizes(),
              scheduler.registry().workflowOfActions(), scheduler.counters()));
        } else {
          route(ex, path);
        }
      } catch (EngineException e) {
        int code = switch (e.kind()) {
          case INVALID_ARGUMENT -> 400;
          case NOT_FOUND -> 404;
          case UNAUTHENTICATED -> 401;
          case UNAVAILABLE -> 503;
          default -> 409;
        };
        send(ex, code, RestJson.error(code, e.getMessage()));
      } catch (RuntimeException e) {
        LOG.error("{} {} failed", ex.getRequestMethod(), path, e);
        send(ex, 500, RestJson.error(500, "internal error in the dev engine: " + e));
      }
    }
  }

  private void route(HttpExchange ex, String path) throws IOException {
    for (RestRoutes r : routes) {
      if (r.matches(path)) {
        tokens.check(ex.getRequestHeaders().getFirst("Authorization"));
        RestAnswer a = r.serve(ex.getRequestMethod(), path, TaskLogsQuery.params(ex.getRequestURI().getRawQuery()),
            () -> RestBody.json(ex, "a JSON object"));
        if (a.body() == null) {
          ex.sendResponseHeaders(a.code(), -1);
        } else {
          send(ex, a.code(), a.body());
        }
        return;
      }
    }
    Matcher logs = TASK_LOGS.matcher(path);
    if (logs.matches()) {
      tokens.check(ex.getRequestHeaders().getFirst("Authorization"));
      if (!ex.getRequestMethod().equals("GET")) {
        methodNotAllowed(ex, ex.getRequestMethod(), path);
        return;
      }
      send(ex, 200, TaskLogsQuery.answer(scheduler, taskLogs, Ids.require("task", logs.group(1)),
          ex.getRequestURI().getRawQuery()));
      return;
    }
    Matcher tenant = TENANT.matcher(path);
    Matcher worker = WORKER.matcher(path);
    if (!tenant.matches() && !worker.matches()) {
      send(ex, 404, RestJson.error(404, ex.getRequestMethod() + " " + path + " is not served by the dev engine"));
      return;
    }
    tokens.check(ex.getRequestHeaders().getFirst("Authorization"));
    String method = ex.getRequestMethod();
    if (tenant.matches()) {
      if (!method.equals("GET")) {
        methodNotAllowed(ex, method, path);
        return;
      }
      String t = tenant.group(1);
      if (!t.equals(scheduler.tenantId())) {
        throw EngineException.notFound("tenant = " + t + " is not this engine's tenant " + scheduler.tenantId()
            + "; use the token's sub claim");
      }
      Map<String, String> q = query(ex);
      String sub = tenant.group(2) == null ? "" : tenant.group(2);
      boolean stable = path.startsWith("/api/v1/stable/");
      if (stable != sub.equals("/task-metrics")) {
        send(ex, 404, RestJson.error(404, "GET " + path + " is not served by the dev engine; task-metrics is under"
            + " /api/v1/stable/tenants/{tenant}/task-metrics, the rest under /api/v1/tenants/{tenant}"));
        return;
      }
      switch (sub) {
        case "/workflows" -> send(ex, 200, RestJson.workflowList(scheduler.tenantId(), workflowsNamed(q.get("name")),
            intParam(q, "offset", 0, 0), intParam(q, "limit", 50, 1), createdAtMillis));
        case "/task-metrics" -> send(ex, 200, TaskMetricsQuery.answer(scheduler, q, ex.getRequestURI().getRawQuery()));
        case "/task-stats" -> send(ex, 200, RestJson.taskStats(scheduler.taskStats(taskNames(q))));
        case "/worker" -> send(ex, 200, workers(q));
        default -> send(ex, 200, RestJson.tenant(scheduler.tenantId(), createdAtMillis));
      }
      return;
    }
    String id = Ids.require("worker", worker.group(1));
    switch (method) {
      case "GET" -> send(ex, 200, RestJson.worker(scheduler.worker("worker", id)));
      case "PATCH" -> send(ex, 200, RestJson.worker(scheduler.setPaused(id, isPaused(ex))));
      default -> methodNotAllowed(ex, method, path);
    }
  }

  /**
   * The workflows whose name contains {@code name}, ignoring case, as Hatchet's list searches
   * ({@code workflows.name iLIKE concat('%', search, '%')}, {@code pkg/repository/sqlcv1/workflows.sql}); the TS
   * SDK's {@code workflows.get(name)} sends it and takes the exact match among the rows.
   */
  private List<io.hatchetoperator.engine.core.WorkflowDef> workflowsNamed(String name) {
    List<io.hatchetoperator.engine.core.WorkflowDef> all = scheduler.registry().all();
    if (name == null || name.isEmpty()) {
      return all;
    }
    String needle = name.toLowerCase(java.util.Locale.ROOT);
    return all.stream().filter(w -> w.name().toLowerCase(java.util.Locale.ROOT).contains(needle)).toList();
  }

  private Map<String, Object> workers(Map<String, String> q) {
    int offset = intParam(q, "offset", 0, 0);
    int limit = intParam(q, "limit", 50, 1);
    List<WorkerView> all = scheduler.workers();
    if (q.containsKey("statuses")) {
      List<String> statuses = Arrays.asList(q.get("statuses").split(","));
      all = all.stream().filter(w -> statuses.contains(w.status())).toList();
    }
    return RestJson.workerList(all, offset, limit);
  }

  private static boolean isPaused(HttpExchange ex) {
    JsonNode body = RestBody.json(ex, "{\"isPaused\": true}");
    JsonNode paused = body == null ? null : body.get("isPaused");
    if (paused == null || !paused.isBoolean()) {
      throw EngineException.invalid("isPaused = " + paused + " is not a boolean; send {\"isPaused\": true} or false");
    }
    return paused.booleanValue();
  }

  private static List<String> taskNames(Map<String, String> q) {
    String names = q.get("taskNames");
    if (names == null || names.isBlank()) {
      return null;
    }
    return Arrays.stream(names.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  private static int intParam(Map<String, String> q, String name, int fallback, int min) {
    String v = q.get(name);
    if (v == null || v.isBlank()) {
      return fallback;
    }
    try {
      int n = Integer.parseInt(v.trim());
      if (n >= min) {
        return n;
      }
    } catch (NumberFormatException ignored) {
      // reported below
    }
    throw EngineException.invalid(name + " = '" + v + "' is not an integer >= " + min);
  }

  private static Map<String, String> query(HttpExchange ex) {
    Map<String, String> out = new HashMap<>();
    String raw = ex.getRequestURI().getRawQuery();
    if (raw == null) {
      return out;
    }
    for (String pair : raw.split("&")) {
      int eq = pair.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
      out.merge(k, v, (a, b) -> a + "," + b);
    }
    return out;
  }

  private static void methodNotAllowed(HttpExchange ex, String method, String path) throws IOException {
    send(ex, 405, RestJson.error(405, method + " is not allowed on " + path));
  }

  private static void send(HttpExchange ex, int code, Object body) throws IOException {
    byte[] bytes = Json.MAPPER.writeValueAsBytes(body);
    ex.getResponseHeaders().set("Content-Type", "application/json");
    write(ex, code, bytes);
  }

  private static void text(HttpExchange ex, String body) throws IOException {
    ex.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
    write(ex, 200, body.getBytes(StandardCharsets.UTF_8));
  }

  private static void write(HttpExchange ex, int code, byte[] bytes) throws IOException {
    ex.sendResponseHeaders(code, bytes.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(bytes);
    }
  }
}
