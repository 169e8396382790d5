package io.hatchetoperator.sandbox.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * Serves a watch as the API server does over HTTP (the mock only watches over WebSocket): a chunked stream of
 * {@code {"type":...,"object":...}} lines, fed by a watch on the mock. Objects are filtered by the selectors;
 * with a resourceVersion other than 0 the mock's initial ADDED events of objects not newer are dropped (a real
 * watch starts after that version; without one, or with 0, both send the current objects as ADDED first); with {@code as=Table} each object becomes a one-row Table, the first with
 * column definitions and the rest without (staging/src/k8s.io/apiserver/pkg/endpoints/handlers/response.go,
 * watchEmbeddedEncoder). The response starts once the mock's watch is open (events before are held), as a real
 * watch's does. A newline every few seconds finds clients that left; timeoutSeconds ends the stream.
 */
final class WatchRelay {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long KEEPALIVE_MS = 5_000;

  private WatchRelay() {}

  static void serve(HttpExchange exchange, KubernetesClient client, ApiResource resource, ResourcePath path,
      Query query, Optional<TableRequest> table, Clock clock) throws IOException {
    Predicate<JsonNode> filter = ObjectFilter.of(query.get("fieldSelector"), query.get("labelSelector"));
    long timeoutMs = timeoutMs(query.get("timeoutSeconds"));
    long since = resourceVersion(query.get("resourceVersion"));
    exchange.getResponseHeaders().set("Content-Type", table.isPresent()
        ? "application/json;as=Table;v=" + table.get().version() + ";g=meta.k8s.io" : "application/json");
    OutputStream out = exchange.getResponseBody();
    CountDownLatch done = new CountDownLatch(1);
    boolean[] headersSent = {false};
    Object lock = new Object();
    java.util.List<String> pending = new java.util.ArrayList<>();
    boolean[] started = {false};
    Watcher<GenericKubernetesResource> watcher = new Watcher<>() {
      @Override
      public void eventReceived(Action action, GenericKubernetesResource resourceObject) {
        JsonNode obj;
        try {
          obj = JSON.readTree(client.getKubernetesSerialization().asJson(resourceObject));
        } catch (IOException e) {
          return;
        }
        boolean old = action == Action.ADDED
            && resourceVersion(obj.path("metadata").path("resourceVersion").asText()) <= since;
        if (!filter.test(obj) || old) {
          return;
        }
        ObjectNode event = JSON.createObjectNode().put("type", action.name());
        synchronized (lock) {
          if (table.isPresent()) {
            event.set("object", TableRenderer.render(resource, java.util.List.of(obj),
                obj.path("metadata").path("resourceVersion").asText(null), table.get(), !headersSent[0],
                clock.instant()));
            headersSent[0] = true;
          } else {
            event.set("object", obj);
          }
          if (started[0]) {
            write(out, event.toString() + "\n", done);
          } else {
            pending.add(event.toString() + "\n");
          }
        }
      }

      @Override
      public void onClose(WatcherException cause) {
        done.countDown();
      }
    };
    ResourceDefinitionContext context = new ResourceDefinitionContext.Builder().withGroup(resource.group())
        .withVersion(resource.version()).withPlural(resource.plural()).withKind(resource.kind())
        .withNamespaced(resource.namespaced()).build();
    var all = client.genericKubernetesResources(context);
    try (Watch watch = path.namespace() != null ? all.inNamespace(path.namespace()).watch(watcher)
        : all.inAnyNamespace().watch(watcher)) {
      synchronized (lock) {
        exchange.sendResponseHeaders(200, 0);
        started[0] = true;
        pending.forEach(line -> write(out, line, done));
      }
      long end = clock.millis() + Math.min(timeoutMs, Long.MAX_VALUE / 2);
      while (clock.millis() < end) {
        if (done.await(Math.min(KEEPALIVE_MS, Math.max(1, end - clock.millis())), TimeUnit.MILLISECONDS)) {
          break;
        }
        synchronized (lock) {
          write(out, "\n", done);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      exchange.close();
    }
  }

  private static void write(OutputStream out, String text, CountDownLatch done) {
    if (done.getCount() == 0) {
      return;
    }
    try {
      out.write(text.getBytes(StandardCharsets.UTF_8));
      out.flush();
    } catch (IOException gone) {
      done.countDown();
    }
  }

  /** {@code timeoutSeconds} in milliseconds (no limit when absent); a bad value names the parameter and the fix. */
  static long timeoutMs(String timeoutSeconds) {
    if (timeoutSeconds == null || timeoutSeconds.isEmpty()) {
      return Long.MAX_VALUE;
    }
    try {
      long s = Long.parseLong(timeoutSeconds);
      if (s >= 0) {
        return s == 0 ? Long.MAX_VALUE : s * 1000;
      }
    } catch (NumberFormatException e) {
      // named below
    }
    throw new IllegalArgumentException("timeoutSeconds is '" + timeoutSeconds + "': give a whole number of "
        + "seconds, e.g. timeoutSeconds=60");
  }

  /** A numeric resourceVersion, or -1 for none, "0" or a non-numeric one (then nothing is dropped). */
  static long resourceVersion(String rv) {
    if (rv == null || rv.isEmpty()) {
      return -1;
    }
    try {
      long v = Long.parseLong(rv);
      return v == 0 ? -1 : v;
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
