package io.hatchetoperator.worker.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hatchetoperator.worker.EngineRejectedException;
import io.hatchetoperator.worker.EngineUnavailableException;
import io.hatchetoperator.worker.RunOptions;
import io.hatchetoperator.worker.config.HatchetSettings;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Crons and scheduled runs over the engine's REST API, as the official SDKs' {@code crons} and {@code scheduled}
 * clients call it ({@code cronWorkflowTriggerCreate}, {@code workflowCronDelete}, {@code cronWorkflowList},
 * {@code workflowScheduledList}, {@code workflowScheduledDelete} in Hatchet's OpenAPI).
 */
public final class TimedTriggersClient {

  /** A cron: its id, workflow, name and expression; {@code declared} when the workflow's code declares it. */
  public record Cron(String id, String workflowName, String name, String expression, boolean declared) {}

  /** A scheduled run: its id, workflow, time, and the run it started (null while pending). */
  public record Scheduled(String id, String workflowName, Instant triggerAt, String runId) {}

  private static final Duration TIMEOUT = Duration.ofSeconds(10);
  private static final int PAGE = 100;

  private final HatchetSettings settings;
  private final ObjectMapper mapper;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();

  public TimedTriggersClient(HatchetSettings settings, ObjectMapper mapper) {
    this.settings = settings;
    this.mapper = mapper;
  }

  /** Creates a cron of {@code workflowName} that starts a run with {@code input} on each fire time of {@code expression}. */
  public Cron createCron(String workflowName, String cronName, String expression, Object input, RunOptions options) {
    ObjectNode body = mapper.createObjectNode();
    body.put("cronName", cronName);
    body.put("cronExpression", expression);
    body.set("input", input == null ? mapper.createObjectNode() : mapper.valueToTree(input));
    body.set("additionalMetadata", mapper.valueToTree(options.additionalMetadata()));
    if (options.priority() != null) {
      body.put("priority", options.priority());
    }
    JsonNode c = send("creating cron '" + cronName + "' of workflow '" + workflowName + "'", "POST",
        tenantPath("/workflows/" + segment(settings.namespaced(workflowName)) + "/crons"), body.toString());
    return cron(c);
  }

  /** Deletes a cron: it fires no more. */
  public void deleteCron(String cronId) {
    send("deleting cron " + cronId, "DELETE", tenantPath("/workflows/crons/" + segment(cronId)), null);
  }

  /** The crons of {@code workflowName}: those created over the API and those its code declares. */
  public List<Cron> crons(String workflowName) {
    List<Cron> out = new ArrayList<>();
    for (JsonNode row : all("listing crons", "/workflows/crons?workflowName="
        + URLEncoder.encode(settings.namespaced(workflowName), StandardCharsets.UTF_8))) {
      out.add(cron(row));
    }
    return out;
  }

  /** The scheduled runs of {@code workflowName} (pending ones and those the engine still lists as started). */
  public List<Scheduled> schedules(String workflowName) {
    String name = settings.namespaced(workflowName);
    List<Scheduled> out = new ArrayList<>();
    for (JsonNode row : all("listing scheduled runs", "/workflows/scheduled?orderByField=triggerAt&orderByDirection=ASC")) {
      if (row.path("workflowName").asText().equals(name)) {
        out.add(new Scheduled(row.at("/metadata/id").asText(), name, Instant.parse(row.path("triggerAt").asText()),
            row.hasNonNull("workflowRunId") ? row.get("workflowRunId").asText() : null));
      }
    }
    return out;
  }

  /** Deletes a scheduled run: a pending one never starts. */
  public void deleteSchedule(String scheduleId) {
    send("deleting scheduled run " + scheduleId, "DELETE", tenantPath("/workflows/scheduled/" + segment(scheduleId)),
        null);
  }

  private List<JsonNode> all(String what, String pathAndQuery) {
    List<JsonNode> rows = new ArrayList<>();
    for (int offset = 0; ; offset += PAGE) {
      JsonNode page = send(what, "GET", tenantPath(pathAndQuery + (pathAndQuery.contains("?") ? "&" : "?")
          + "limit=" + PAGE + "&offset=" + offset), null);
      page.path("rows").forEach(rows::add);
      if (page.path("rows").size() < PAGE) {
        return rows;
      }
    }
  }

  private static Cron cron(JsonNode c) {
    return new Cron(c.at("/metadata/id").asText(), c.path("workflowName").asText(), c.path("name").asText(),
        c.path("cron").asText(), "DEFAULT".equals(c.path("method").asText()));
  }

  private String tenantPath(String rest) {
    return "/api/v1/tenants/" + settings.tenantId() + rest;
  }

  private static String segment(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
  }

  private JsonNode send(String what, String method, String path, String body) {
    HttpRequest request = HttpRequest.newBuilder(URI.create(settings.serverUrl() + path)).timeout(TIMEOUT)
        .header("Authorization", "Bearer " + settings.token()).header("Content-Type", "application/json")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .build();
    HttpResponse<String> r;
    try {
      r = http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new EngineUnavailableException(what + ": the engine's REST API at " + settings.serverUrl()
          + " could not be reached (" + e.getMessage() + ")", null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new EngineUnavailableException(what + ": interrupted", null);
    }
    if (r.statusCode() / 100 == 2) {
      return r.body().isEmpty() ? mapper.createObjectNode() : read(what, r.body());
    }
    String description = r.body();
    try {
      description = mapper.readTree(r.body()).at("/errors/0/description").asText(r.body());
    } catch (IOException notJson) {
      // keep the raw body
    }
    if (r.statusCode() == 503 || r.statusCode() == 502 || r.statusCode() == 504) {
      throw new EngineUnavailableException(what + ": HTTP " + r.statusCode() + ": " + description, null);
    }
    throw new EngineRejectedException(reason(r.statusCode()), what + ": " + description, null);
  }

  private JsonNode read(String what, String body) {
    try {
      return mapper.readTree(body);
    } catch (IOException e) {
      throw new EngineRejectedException("INTERNAL", what + ": the engine answered with a body that is not JSON", null);
    }
  }

  private static String reason(int status) {
    return switch (status) {
      case 400 -> "INVALID_ARGUMENT";
      case 401 -> "UNAUTHENTICATED";
      case 403 -> "PERMISSION_DENIED";
      case 404 -> "NOT_FOUND";
      case 409 -> "ALREADY_EXISTS";
      default -> "HTTP_" + status;
    };
  }
}
