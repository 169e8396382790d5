package io.hatchetoperator.sandbox.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The sandbox's API server as kubectl sees it: a local HTTP front of the mock that answers discovery, server-side
 * Tables, watches over HTTP and the custom resources' {@code /scale}, and passes every other request to the mock.
 */
public final class KubeApiFront implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(KubeApiFront.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CRDS = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";

  private final HttpServer server;
  private final ExecutorService threads;
  private final KubernetesClient client;
  private final MockForwarder mock;
  private final ScaleEndpoint scale;
  private final Clock clock;

  private KubeApiFront(HttpServer server, ExecutorService threads, KubernetesClient client, String mockUrl,
      Clock clock) {
    this.server = server;
    this.threads = threads;
    this.client = client;
    this.mock = new MockForwarder(mockUrl);
    this.scale = new ScaleEndpoint(mock);
    this.clock = clock;
  }

  /** Starts the front on a free loopback port, in front of the mock at {@code mockUrl} reached by {@code client}. */
  public static KubeApiFront start(KubernetesClient client, String mockUrl) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    ExecutorService threads = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "kube-api-front");
      t.setDaemon(true);
      return t;
    });
    KubeApiFront front = new KubeApiFront(server, threads, client, mockUrl, Clock.systemUTC());
    server.createContext("/", front::handle);
    server.setExecutor(threads);
    server.start();
    log.info("Kubernetes API for kubectl at {} (discovery, Tables, watches, /scale; the rest from the mock)",
        front.url());
    return front;
  }

  /** The front's URL, e.g. {@code http://127.0.0.1:PORT}, for a kubeconfig. */
  public String url() {
    return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort();
  }

  /** The resources served now: the built-in ones and those of every CRD in the cluster. */
  public ApiCatalog catalog() throws IOException, InterruptedException {
    List<ApiResource> custom = new ArrayList<>();
    MockForwarder.Reply crds = mock.get(CRDS);
    if (crds.status() == 200) {
      for (JsonNode crd : JSON.readTree(crds.body()).path("items")) {
        custom.addAll(CrdResources.of(crd));
      }
    }
    return ApiCatalog.of(custom);
  }

  private void handle(HttpExchange ex) {
    try {
      route(ex);
    } catch (IllegalArgumentException e) {
      try {
        reply(ex, 400, "application/json", ApiStatus.failure(400, "BadRequest", ex.getRequestMethod() + " "
            + ex.getRequestURI().getPath() + ": " + e.getMessage()).toString());
      } catch (IOException ignored) {
        // the client is gone
      }
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      log.warn("kubectl front: {} {} failed", ex.getRequestMethod(), ex.getRequestURI(), e);
      try {
        reply(ex, 500, "application/json", ApiStatus.failure(500, "InternalError", ex.getRequestMethod() + " "
            + ex.getRequestURI().getPath() + " failed in the sandbox's API front: " + e).toString());
      } catch (IOException ignored) {
        // the client is gone
      }
    } finally {
      ex.close();
    }
  }

  private void route(HttpExchange ex) throws IOException, InterruptedException {
    String method = ex.getRequestMethod().toUpperCase(java.util.Locale.ROOT);
    String path = ex.getRequestURI().getRawPath();
    Query query = Query.parse(ex.getRequestURI().getRawQuery());
    String accept = ex.getRequestHeaders().getFirst("Accept");
    if (method.equals("GET") && path.equals("/version")) {
      reply(ex, 200, "application/json", ServerVersion.json());
      return;
    }
    if (path.startsWith("/openapi/")) {
      reply(ex, 404, "application/json", ApiStatus.failure(404, "NotFound", "the sandbox serves no OpenAPI "
          + "document (" + path + "); kubectl explain and client-side validation need one: use --validate=false "
          + "for apply").toString());
      return;
    }
    if (method.equals("GET") && isDiscovery(path)) {
      ApiCatalog catalog = catalog();
      Optional<com.fasterxml.jackson.databind.node.ObjectNode> doc =
          DiscoveryDocuments.at(path, catalog, server.getAddress().getHostString() + ":" + server.getAddress().getPort());
      if (doc.isPresent()) {
        reply(ex, 200, "application/json", doc.get().toString());
      } else {
        reply(ex, 404, "application/json", ApiStatus.failure(404, "NotFound", "the server could not find the "
            + "requested resource: " + path + " is no group or version served here (kubectl api-resources lists "
            + "them)").toString());
      }
      return;
    }
    Optional<ResourcePath> parsed = ResourcePath.parse(path);
    Optional<ApiResource> resource = parsed.isEmpty() ? Optional.empty()
        : catalog().find(parsed.get().group(), parsed.get().version(), parsed.get().plural());
    if (resource.isPresent()) {
      ResourcePath rp = parsed.get();
      ApiResource r = resource.get();
      if ("scale".equals(rp.subresource()) && r.scale() != null) {
        byte[] body = ex.getRequestBody().readAllBytes();
        ScaleEndpoint.Answer a = scale.handle(method, path.substring(0, path.length() - "/scale".length()), r,
            ex.getRequestHeaders().getFirst("Content-Type"), body);
        reply(ex, a.status(), "application/json", a.body().toString());
        return;
      }
      if (rp.subresource() != null && !rp.subresource().equals("status")) {
        reply(ex, 404, "application/json", ApiStatus.failure(404, "NotFound", "the sandbox does not serve "
            + rp.plural() + "/" + rp.subresource() + (rp.subresource().equals("log") ? ": a pod's worker runs in the "
            + "sandbox's JVM (its lines are in the sandbox's log) or as a local process (its output is under "
            + "REPORT_DIR/pods/)" : "") + "; docs/sandbox.md lists what kubectl can do here").toString());
        return;
      }
      Optional<TableRequest> table = TableRequest.from(accept, query.get("includeObject"));
      if (table.isPresent() && table.get().problem() != null) {
        reply(ex, 400, "application/json", ApiStatus.failure(400, "BadRequest", table.get().problem()).toString());
        return;
      }
      if (method.equals("GET") && query.watch()) {
        WatchRelay.serve(ex, client, r, rp, query, table, clock);
        return;
      }
      if (method.equals("GET") && rp.subresource() == null) {
        ReadAnswer.Answer a = ReadAnswer.of(mock, r, rp, path, query, table, clock.instant());
        reply(ex, a.status(), a.contentType(), a.body());
        return;
      }
    }
    byte[] body = ex.getRequestBody().readAllBytes();
    MockForwarder.Reply r = mock.send(method, ex.getRequestURI().getRawPath()
        + (ex.getRequestURI().getRawQuery() == null ? "" : "?" + ex.getRequestURI().getRawQuery()),
        ex.getRequestHeaders().getFirst("Content-Type"), accept, body);
    reply(ex, r.status(), r.contentType(), new String(r.body(), StandardCharsets.UTF_8));
  }

  private static boolean isDiscovery(String path) {
    return path.equals("/api") || path.equals("/api/") || path.matches("/api/v1/?")
        || path.matches("/apis(/[^/]+){0,2}/?");
  }

  private static void reply(HttpExchange ex, int status, String contentType, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().set("Content-Type", contentType);
    ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
    if (bytes.length > 0) {
      ex.getResponseBody().write(bytes);
    }
  }

  @Override
  public void close() {
    server.stop(0);
    threads.shutdownNow();
  }
}
