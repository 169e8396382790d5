package io.hatchetoperator.sandbox.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A GET of one object or a list, read from the mock and answered as the API server would: selectors applied,
 * items in namespace/name order (the order of etcd's keys), a list typed {@code KIND List} of its group version with a resourceVersion (the newest of its items when the
 * mock gives none, so a following watch from it skips what the list showed), or a Table when asked for one.
 */
final class ReadAnswer {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Status, Content-Type and body. */
  record Answer(int status, String contentType, String body) {}

  private ReadAnswer() {}

  static Answer of(MockForwarder mock, ApiResource resource, ResourcePath rp, String path, Query query,
      Optional<TableRequest> table, Instant now) throws IOException, InterruptedException {
    MockForwarder.Reply reply = mock.get(path + query.without("fieldSelector", "includeObject"));
    String body = new String(reply.body(), StandardCharsets.UTF_8);
    if (reply.status() != 200) {
      return new Answer(reply.status(), reply.contentType(), body);
    }
    JsonNode read = JSON.readTree(body);
    boolean list = rp.name() == null;
    List<JsonNode> objects = new ArrayList<>();
    String rv;
    if (list) {
      Predicate<JsonNode> filter = ObjectFilter.of(query.get("fieldSelector"), query.get("labelSelector"));
      long newest = 0;
      for (JsonNode item : read.path("items")) {
        newest = Math.max(newest, WatchRelay.resourceVersion(item.path("metadata").path("resourceVersion").asText()));
        if (filter.test(item)) {
          objects.add(withType(item, resource));
        }
      }
      objects.sort(java.util.Comparator.comparing((JsonNode o) -> o.path("metadata").path("namespace").asText(""))
          .thenComparing(o -> o.path("metadata").path("name").asText("")));
      rv = read.path("metadata").path("resourceVersion").asText("");
      if (rv.isEmpty() && newest > 0) {
        rv = Long.toString(newest);
      }
    } else {
      objects.add(read);
      rv = read.path("metadata").path("resourceVersion").asText(null);
    }
    if (table.isPresent()) {
      return new Answer(200, "application/json;as=Table;v=" + table.get().version() + ";g=meta.k8s.io",
          TableRenderer.render(resource, objects, rv, table.get(), true, now).toString());
    }
    if (!list) {
      return new Answer(200, "application/json", body);
    }
    ObjectNode out = JSON.createObjectNode().put("kind", resource.kind() + "List")
        .put("apiVersion", resource.groupVersion());
    out.putObject("metadata").put("resourceVersion", rv);
    ArrayNode items = out.putArray("items");
    objects.forEach(items::add);
    return new Answer(200, "application/json", out.toString());
  }

  private static JsonNode withType(JsonNode item, ApiResource resource) {
    if (item.has("kind") && item.has("apiVersion")) {
      return item;
    }
    ObjectNode copy = item.deepCopy();
    copy.put("kind", resource.kind()).put("apiVersion", resource.groupVersion());
    return copy;
  }
}
