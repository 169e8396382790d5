package io.hatchetoperator.operator.engine;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Builders of Hatchet-shaped JSON and API tokens for tests. */
public final class HatchetJson {

  private HatchetJson() {}

  /** An unsigned JWT with {@code sub = tenant}, shaped like a Hatchet API token. */
  public static String token(String tenant) {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String header = b64.encodeToString("{\"alg\":\"ES256\",\"kid\":\"test\"}".getBytes(
        StandardCharsets.UTF_8));
    String claims = "{\"sub\":\"" + tenant + "\",\"server_url\":\"http://localhost:8080\","
        + "\"grpc_broadcast_address\":\"localhost:7070\",\"token_id\":\"tok-" + tenant + "\"}";
    return header + "." + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".c2ln";
  }

  /** A worker row as the v1 list returns it (slotConfig + labels). */
  public static String worker(String id, String status, int busy, int limit,
      Map<String, String> labels) {
    String labelJson = labels.entrySet().stream()
        .map(e -> "{\"metadata\":{\"id\":\"l-" + e.getKey() + "\",\"createdAt\":"
            + "\"2026-01-01T00:00:00Z\",\"updatedAt\":\"2026-01-01T00:00:00Z\"},\"key\":\""
            + e.getKey() + "\",\"value\":\"" + e.getValue() + "\"}")
        .collect(Collectors.joining(","));
    return "{\"metadata\":{\"id\":\"" + id + "\",\"createdAt\":\"2026-01-01T00:00:00Z\","
        + "\"updatedAt\":\"2026-01-01T00:00:00Z\"},\"name\":\"w-" + id + "\",\"type\":\"SELFHOSTED\","
        + "\"status\":\"" + status + "\",\"actions\":[\"simple:step1\"],"
        + "\"slotConfig\":{\"default\":{\"available\":" + (limit - busy) + ",\"limit\":" + limit
        + "}},\"labels\":[" + labelJson + "]}";
  }

  /** A worker row for pool {@code pool} and pod {@code pod}, with the operator's preset labels. */
  public static String poolWorker(String id, String pool, String pod, int busy, int limit) {
    return worker(id, "ACTIVE", busy, limit,
        Map.of("hatchet-operator.io/pool", pool, "hatchet-operator.io/pod", pod));
  }

  /** A {@code WorkerList} page. */
  public static String workerList(List<String> rows, int currentPage, int numPages) {
    return "{\"pagination\":{\"current_page\":" + currentPage + ",\"next_page\":"
        + Math.min(currentPage + 1, numPages) + ",\"num_pages\":" + numPages + "},\"rows\":["
        + String.join(",", rows) + "]}";
  }

  /** One task's entry of a task-stats body. */
  public static String taskStat(String task, long queued, long running, String oldest) {
    return "\"" + task + "\":{\"queued\":{\"total\":" + queued
        + (oldest == null ? "" : ",\"oldest\":\"" + oldest + "\"") + "},\"running\":{\"total\":"
        + running + "}}";
  }
}
