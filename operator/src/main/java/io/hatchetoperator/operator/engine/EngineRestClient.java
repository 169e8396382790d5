package io.hatchetoperator.operator.engine;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hatchetoperator.operator.engine.EngineResponses.WorkerPage;
import io.hatchetoperator.operator.engine.EngineResponses.WorkerRow;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link EngineApi} over Hatchet's REST API with the JDK {@link HttpClient} and Jackson.
 *
 * <p>Works against Hatchet itself and the dev engine: it sends {@code Authorization: Bearer} with the
 * API token, reads the worker list page by page (one page when the engine does not paginate), and
 * when an older engine lists workers without labels it reads each live worker once by id and
 * remembers its labels. Failures become {@link EngineApiException}s; the token never appears in a log
 * line or a message.
 */
public final class EngineRestClient implements EngineApi {

  private static final Logger LOG = LoggerFactory.getLogger(EngineRestClient.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final EngineHttp http;
  private final String tenantId;
  private final EngineClientSettings settings;
  private final Map<String, Map<String, String>> labelsById = new ConcurrentHashMap<>();

  /**
   * A client for one tenant.
   *
   * @param apiUrl the engine's REST base URL, e.g. {@code http://hatchet-api:8080}
   * @param token the API token; its {@code sub} is the tenant
   * @param settings timeouts and paging
   * @param httpClient a shared client, see {@link #httpClient(EngineClientSettings)}
   */
  public EngineRestClient(
      URI apiUrl, EngineToken token, EngineClientSettings settings, HttpClient httpClient) {
    this.http = new EngineHttp(apiUrl, token, settings.requestTimeout(), httpClient);
    this.tenantId = token.tenantId();
    this.settings = settings;
  }

  /** An HTTP/1.1 client with the connect timeout of {@code settings}; share it between tenants. */
  public static HttpClient httpClient(EngineClientSettings settings) {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(settings.connectTimeout())
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  @Override
  public String tenantId() {
    return tenantId;
  }

  @Override
  public Map<String, TaskStats> taskStats(Collection<String> taskNames) {
    if (taskNames.isEmpty()) {
      return Map.of();
    }
    String names = new TreeSet<>(taskNames).stream()
        .map(name -> URLEncoder.encode(name, StandardCharsets.UTF_8))
        .collect(Collectors.joining(","));
    String path = "/api/v1/tenants/" + segment(tenantId) + "/task-stats";
    return http.getJson(path, "taskNames=" + names, "task-stats",
        root -> EngineResponses.taskStats(root, taskNames));
  }

  @Override
  public List<EngineWorker> workers() {
    String path = "/api/v1/tenants/" + segment(tenantId) + "/worker";
    int limit = settings.workerPageSize();
    Map<String, WorkerRow> rows = new LinkedHashMap<>();
    for (int page = 0; page < settings.maxWorkerPages(); page++) {
      String query = "offset=" + (page * limit) + "&limit=" + limit;
      WorkerPage result = http.getJson(path, query, "worker list", EngineResponses::workerPage);
      result.rows().forEach(row -> rows.putIfAbsent(row.worker().id(), row));
      if (!result.morePages()) {
        return withLabels(rows.values());
      }
    }
    LOG.warn("tenant {}: the worker list has more than {} pages of {}; using the first {} workers",
        tenantId, settings.maxWorkerPages(), limit, rows.size());
    return withLabels(rows.values());
  }

  @Override
  public List<EngineWorkflow> workflows() {
    String path = "/api/v1/tenants/" + segment(tenantId) + "/workflows";
    int limit = settings.workerPageSize();
    Map<String, EngineWorkflow> byId = new LinkedHashMap<>();
    for (int page = 0; page < settings.maxWorkerPages(); page++) {
      String query = "offset=" + (page * limit) + "&limit=" + limit;
      EngineResponses.WorkflowPage result =
          http.getJson(path, query, "workflow list", EngineResponses::workflowPage);
      result.rows().forEach(w -> byId.putIfAbsent(w.id(), w));
      if (!result.morePages()) {
        break;
      }
    }
    return List.copyOf(byId.values());
  }

  @Override
  public TaskRunCounts taskMetrics(Instant since, Collection<String> workflowIds) {
    String path = "/api/v1/stable/tenants/" + segment(tenantId) + "/task-metrics";
    StringBuilder query = new StringBuilder("since=")
        .append(URLEncoder.encode(since.toString(), StandardCharsets.UTF_8));
    for (String id : new TreeSet<>(workflowIds)) {
      query.append("&workflow_ids=").append(URLEncoder.encode(id, StandardCharsets.UTF_8));
    }
    return http.getJson(path, query.toString(), "task-metrics", EngineResponses::taskRunCounts);
  }

  @Override
  public void setPaused(String workerId, boolean paused) {
    String body = "{\"isPaused\":" + paused + "}";
    http.patchJson("/api/v1/workers/" + segment(workerId), body);
    LOG.debug("tenant {}: worker {} isPaused={}", tenantId, workerId, paused);
  }

  private List<EngineWorker> withLabels(Collection<WorkerRow> rows) {
    List<EngineWorker> workers = new ArrayList<>(rows.size());
    for (WorkerRow row : rows) {
      EngineWorker worker = row.worker();
      if (row.labelsListed() || worker.status() == EngineWorker.Status.INACTIVE) {
        workers.add(worker);
        continue;
      }
      Map<String, String> labels = labelsById.get(worker.id());
      if (labels == null) {
        labels = labelsOf(worker.id());
      }
      workers.add(new EngineWorker(worker.id(), worker.name(), worker.status(), worker.busySlots(),
          worker.slotLimit(), worker.slotsReported(), labels, worker.registeredAt()));
    }
    labelsById.keySet().retainAll(rows.stream().map(r -> r.worker().id()).toList());
    return workers;
  }

  /** The labels of one worker, remembered; none (and retried next time) when it cannot be read. */
  private Map<String, String> labelsOf(String workerId) {
    try {
      Map<String, String> labels = http.getJson("/api/v1/workers/" + segment(workerId), null,
          "worker", root -> EngineResponses.worker(root, "the body").worker().labels());
      labelsById.put(workerId, labels);
      return labels;
    } catch (EngineApiException e) {
      if (e.kind() == EngineApiException.Kind.TOKEN_REJECTED) {
        throw e;
      }
      LOG.debug("tenant {}: labels of worker {} unreadable ({}); it counts for no pool this poll",
          tenantId, workerId, e.kind());
      return Map.of();
    }
  }

  private static String segment(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }

  static JsonNode readTree(String body) throws java.io.IOException {
    return JSON.readTree(body);
  }
}
