package io.hatchetoperator.sandbox.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.hatchetoperator.sandbox.cluster.MockCluster;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The front over a real CRUD mock, at the HTTP level: discovery, Tables, /scale and a Table watch. */
class KubeApiFrontTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  static final String TABLE = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json;as=Table;v=v1beta1;"
      + "g=meta.k8s.io,application/json";
  static final String POOLS = "/apis/hatchet-operator.io/v1alpha1/namespaces/ns1/hatchetworkerpools";
  static final ResourceDefinitionContext HWP = new ResourceDefinitionContext.Builder()
      .withGroup("hatchet-operator.io").withVersion("v1alpha1").withPlural("hatchetworkerpools")
      .withKind("HatchetWorkerPool").withNamespaced(true).build();

  private static MockCluster cluster;
  private static KubeApiFront front;
  private static final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void start() throws Exception {
    cluster = MockCluster.start();
    cluster.applyResource("crds/hatchetworkerpools.hatchet-operator.io-v1.yml");
    KubernetesClient k8s = cluster.client();
    k8s.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("ns1").endMetadata().build()).create();
    createPool("auto", Map.of("autoscaling", Map.of("minReplicas", 1, "maxReplicas", 10)), Map.of("mode",
        "Autoscaling", "desiredReplicas", 3, "readyReplicas", 2, "queued", 5, "busySlots", "40%", "replicas", 3,
        "selector", "hatchet-operator.io/pool=auto", "conditions",
        List.of(Map.of("type", "SpecValid", "status", "True"), Map.of("type", "Ready", "status", "False"))));
    createPool("manual", Map.of("replicas", 2), Map.of("mode", "Manual", "replicas", 2));
    createPool("watched", Map.of("replicas", 1), Map.of("mode", "Manual", "replicas", 1));
    k8s.apps().deployments().inNamespace("ns1").resource(new DeploymentBuilder().withNewMetadata().withName("auto")
        .endMetadata().withNewSpec().withReplicas(3).withNewSelector().addToMatchLabels("app", "auto").endSelector()
        .withNewTemplate().withNewSpec().addNewContainer().withName("worker").withImage("img:1").endContainer()
        .endSpec().endTemplate().endSpec().withNewStatus().withReadyReplicas(2).withUpdatedReplicas(3)
        .withAvailableReplicas(2).endStatus().build()).create();
    k8s.pods().inNamespace("ns1").resource(new PodBuilder().withNewMetadata().withName("auto-b").endMetadata()
        .withNewSpec().addNewContainer().withName("worker").endContainer().endSpec().withNewStatus()
        .withPhase("Running").addNewContainerStatus().withName("worker").withReady(true).withRestartCount(0)
        .withNewState().withNewRunning().endRunning().endState().endContainerStatus().endStatus().build()).create();
    k8s.pods().inNamespace("ns1").resource(new PodBuilder().withNewMetadata().withName("auto-a").endMetadata()
        .withNewSpec().addNewContainer().withName("worker").endContainer().endSpec().withNewStatus()
        .withPhase("Pending").addNewContainerStatus().withName("worker").withReady(false).withNewState()
        .withNewWaiting().withReason("CrashLoopBackOff").endWaiting().endState().endContainerStatus().endStatus()
        .build()).create();
    front = KubeApiFront.start(k8s, cluster.url());
  }

  private static void createPool(String name, Map<String, Object> spec, Map<String, Object> status) {
    GenericKubernetesResource pool = new GenericKubernetesResource();
    pool.setApiVersion("hatchet-operator.io/v1alpha1");
    pool.setKind("HatchetWorkerPool");
    pool.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder().withName(name).withNamespace("ns1")
        .build());
    pool.setAdditionalProperty("spec", new java.util.HashMap<>(spec));
    var created = cluster.client().genericKubernetesResources(HWP).inNamespace("ns1").resource(pool).create();
    created.setAdditionalProperty("status", status);
    cluster.client().genericKubernetesResources(HWP).inNamespace("ns1").resource(created).updateStatus();
  }

  @AfterAll
  static void stop() {
    if (front != null) {
      front.close();
    }
    if (cluster != null) {
      cluster.close();
    }
  }

  static HttpResponse<String> send(String method, String path, String accept, String contentType, String body)
      throws Exception {
    HttpRequest.Builder req = HttpRequest.newBuilder(URI.create(front.url() + path)).timeout(Duration.ofSeconds(10))
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body))
        .header("Accept", accept);
    if (contentType != null) {
      req.header("Content-Type", contentType);
    }
    return http.send(req.build(), HttpResponse.BodyHandlers.ofString());
  }

  static JsonNode get(String path, String accept) throws Exception {
    HttpResponse<String> res = send("GET", path, accept, null, null);
    assertThat(res.statusCode()).as(path + ": " + res.body()).isEqualTo(200);
    return JSON.readTree(res.body());
  }

  static List<String> texts(JsonNode array, String field) {
    List<String> out = new ArrayList<>();
    array.forEach(n -> out.add(field == null ? n.asText() : n.path(field).asText()));
    return out;
  }

  @Test
  void discoveryListsTheCoreGroupsAndTheCrdWithItsNamesAndScaleAndRefusesWhatIsNotServed() throws Exception {
    assertThat(texts(get("/api", "application/json").path("versions"), null)).containsExactly("v1");
    assertThat(texts(get("/api/v1", "application/json").path("resources"), "name")).contains("pods", "events",
        "namespaces", "pods/status");
    JsonNode groups = get("/apis", "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,"
        + "application/json");
    assertThat(groups.path("kind").asText()).isEqualTo("APIGroupList");
    assertThat(texts(groups.path("groups"), "name")).contains("apps", "coordination.k8s.io", "events.k8s.io",
        "hatchet-operator.io");
    JsonNode list = get("/apis/hatchet-operator.io/v1alpha1", "application/json");
    JsonNode pools = list.path("resources").get(0);
    assertThat(pools.path("name").asText()).isEqualTo("hatchetworkerpools");
    assertThat(texts(pools.path("shortNames"), null)).containsExactly("hwp");
    assertThat(texts(pools.path("categories"), null)).containsExactly("hatchet");
    assertThat(texts(pools.path("verbs"), null)).contains("get", "list", "watch", "patch");
    JsonNode scale = list.path("resources").get(2);
    assertThat(scale.path("name").asText()).isEqualTo("hatchetworkerpools/scale");
    assertThat(scale.path("group").asText() + "/" + scale.path("version").asText() + " " + scale.path("kind").asText())
        .isEqualTo("autoscaling/v1 Scale");
    assertThat(texts(get("/apis/apps/v1", "application/json").path("resources"), "name")).contains("deployments");
    assertThat(send("GET", "/apis/nothing.example/v1", "application/json", null, null).statusCode()).isEqualTo(404);
    HttpResponse<String> openapi = send("GET", "/openapi/v2", "application/json", null, null);
    assertThat(openapi.statusCode()).isEqualTo(404);
    assertThat(openapi.body()).contains("no OpenAPI document").contains("--validate=false");
    HttpResponse<String> log = send("GET", "/api/v1/namespaces/ns1/pods/auto-a/log", "application/json", null, null);
    assertThat(log.statusCode()).isEqualTo(404);
    assertThat(log.body()).contains("does not serve pods/log").contains("REPORT_DIR/pods/");
    assertThat(send("GET", "/apis/apps/v1/namespaces/ns1/deployments/auto/scale", "application/json", null, null)
        .body()).contains("does not serve deployments/scale");
    assertThat(get("/version", "application/json").path("gitVersion").asText()).startsWith("v1.32.");
  }

  @Test
  void poolTableFollowsThePrinterColumnsWithTheirTypesAndPriorities() throws Exception {
    JsonNode table = get(POOLS, TABLE);
    assertThat(table.path("kind").asText()).isEqualTo("Table");
    assertThat(table.path("apiVersion").asText()).isEqualTo("meta.k8s.io/v1");
    assertThat(texts(table.path("columnDefinitions"), "name")).containsExactly("Name", "Ready", "Mode", "Desired",
        "Ready pods", "Queued", "Busy", "Age", "Min", "Max");
    assertThat(texts(table.path("columnDefinitions"), "priority")).containsExactly("0", "0", "0", "0", "0", "0",
        "0", "0", "1", "1");
    JsonNode auto = row(table, "auto");
    assertThat(auto.path("cells").toString()).matches(
        "\\[\"auto\",\"False\",\"Autoscaling\",3,2,5,\"40%\",\"\\d+s\",1,10]");
    assertThat(auto.path("object").path("kind").asText()).isEqualTo("PartialObjectMetadata");
    assertThat(auto.path("object").path("metadata").path("name").asText()).isEqualTo("auto");
    JsonNode manual = row(table, "manual");
    assertThat(manual.path("cells").toString()).matches("\\[\"manual\",null,\"Manual\",null,null,null,null,"
        + "\"\\d+s\",null,null]");
    assertThat(table.path("metadata").path("resourceVersion").asText()).isNotEmpty();
  }

  private static JsonNode row(JsonNode table, String name) {
    for (JsonNode r : table.path("rows")) {
      if (r.path("cells").get(0).asText().equals(name)) {
        return r;
      }
    }
    throw new AssertionError("no row " + name + " in " + table);
  }

  @Test
  void includeObjectIsHonouredAndABadValueIsRefusedWithTheFix() throws Exception {
    assertThat(row(get(POOLS + "?includeObject=Object", TABLE), "auto").path("object").path("spec")
        .path("autoscaling").path("maxReplicas").asInt()).isEqualTo(10);
    assertThat(get(POOLS + "/auto?includeObject=None", TABLE).path("rows").get(0).path("object").isNull()).isTrue();
    HttpResponse<String> bad = send("GET", POOLS + "?includeObject=All", TABLE, null, null);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("includeObject").contains("\\\"All\\\"").contains("Metadata, Object or None");
  }

  @Test
  void deploymentsAndPodsGetTheUsualColumnsInNameOrder() throws Exception {
    JsonNode deploy = get("/apis/apps/v1/namespaces/ns1/deployments", TABLE);
    assertThat(texts(deploy.path("columnDefinitions"), "name")).containsExactly("Name", "Ready", "Up-to-date",
        "Available", "Age", "Containers", "Images", "Selector");
    assertThat(deploy.path("rows").get(0).path("cells").toString())
        .matches("\\[\"auto\",\"2/3\",3,2,\"\\d+s\",\"worker\",\"img:1\",\"app=auto\"]");
    JsonNode pods = get("/api/v1/namespaces/ns1/pods", TABLE);
    assertThat(texts(pods.path("columnDefinitions"), "name")).startsWith("Name", "Ready", "Status", "Restarts",
        "Age");
    assertThat(pods.path("rows").get(0).path("cells").toString()).startsWith("[\"auto-a\",\"0/1\","
        + "\"CrashLoopBackOff\",\"0\"");
    assertThat(pods.path("rows").get(1).path("cells").toString()).startsWith("[\"auto-b\",\"1/1\",\"Running\"");
    JsonNode plain = get("/api/v1/namespaces/ns1/pods?fieldSelector=metadata.name%3Dauto-b", "application/json");
    assertThat(plain.path("kind").asText()).isEqualTo("PodList");
    assertThat(texts(plain.path("items"), null)).hasSize(1);
    assertThat(plain.path("items").get(0).path("metadata").path("name").asText()).isEqualTo("auto-b");
    HttpResponse<String> badSelector = send("GET", "/api/v1/namespaces/ns1/pods?fieldSelector=status", TABLE, null, null);
    assertThat(badSelector.statusCode()).isEqualTo(400);
    assertThat(badSelector.body()).contains("fieldSelector 'status'").contains("field=value");
    HttpResponse<String> badTimeout = send("GET", POOLS + "?watch=true&timeoutSeconds=soon", TABLE, null, null);
    assertThat(badTimeout.statusCode()).isEqualTo(400);
    assertThat(badTimeout.body()).contains("timeoutSeconds is 'soon'");
  }

  @Test
  void scaleReadsAndWritesTheSpecReplicasPathWithOptimisticConcurrency() throws Exception {
    JsonNode scale = get(POOLS + "/manual/scale", "application/json");
    assertThat(scale.path("kind").asText()).isEqualTo("Scale");
    assertThat(scale.path("spec").path("replicas").asInt()).isEqualTo(2);
    assertThat(get(POOLS + "/auto/scale", "application/json").path("status").path("selector").asText())
        .isEqualTo("hatchet-operator.io/pool=auto");
    HttpResponse<String> patched = send("PATCH", POOLS + "/manual/scale", "application/json",
        "application/merge-patch+json", "{\"spec\":{\"replicas\":4}}");
    assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
    assertThat(JSON.readTree(patched.body()).path("spec").path("replicas").asInt()).isEqualTo(4);
    assertThat(cluster.client().genericKubernetesResources(HWP).inNamespace("ns1").withName("manual").get()
        .get("spec", "replicas").toString()).isEqualTo("4");
    String stale = scale.path("metadata").path("resourceVersion").asText();
    HttpResponse<String> conflict = send("PUT", POOLS + "/manual/scale", "application/json", "application/json",
        "{\"kind\":\"Scale\",\"apiVersion\":\"autoscaling/v1\",\"metadata\":{\"name\":\"manual\",\"resourceVersion\":\""
            + stale + "\"},\"spec\":{\"replicas\":5}}");
    assertThat(conflict.statusCode()).isEqualTo(409);
    assertThat(conflict.body()).contains("Conflict").contains("latest version");
    HttpResponse<String> negative = send("PATCH", POOLS + "/manual/scale", "application/json",
        "application/merge-patch+json", "{\"spec\":{\"replicas\":-1}}");
    assertThat(negative.statusCode()).isEqualTo(422);
    assertThat(negative.body()).contains("spec.replicas").contains("-1").contains("greater than or equal to 0");
    HttpResponse<String> xml = send("PATCH", POOLS + "/manual/scale", "application/json", "application/xml", "<a/>");
    assertThat(xml.statusCode()).isEqualTo(415);
    assertThat(xml.body()).contains("application/xml").contains("application/merge-patch+json");
    assertThat(send("GET", POOLS + "/missing/scale", "application/json", null, null).statusCode()).isEqualTo(404);
  }

  @Test
  void scaleOfAnAutoscaledPoolIsRefusedByTheCrdRuleUnlessItsSourceIsExternal() throws Exception {
    HttpResponse<String> refused = send("PATCH", POOLS + "/auto/scale", "application/json",
        "application/merge-patch+json", "{\"spec\":{\"replicas\":4}}");
    assertThat(refused.statusCode()).isEqualTo(422);
    assertThat(refused.body()).contains("HatchetWorkerPool.hatchet-operator.io \\\"auto\\\" is invalid: spec: "
        + "Invalid value: \\\"object\\\": spec.replicas cannot be set together with spec.autoscaling");
    Object replicas = cluster.client().genericKubernetesResources(HWP).inNamespace("ns1").withName("auto").get()
        .get("spec", "replicas");
    assertThat(replicas).isNull();
    createPool("external", Map.of("autoscaling", Map.of("minReplicas", 1, "maxReplicas", 10, "source", "External")),
        Map.of("mode", "Autoscaling"));
    HttpResponse<String> external = send("PATCH", POOLS + "/external/scale", "application/json",
        "application/merge-patch+json", "{\"spec\":{\"replicas\":4}}");
    assertThat(external.statusCode()).as(external.body()).isEqualTo(200);
    assertThat(JSON.readTree(external.body()).path("spec").path("replicas").asInt()).isEqualTo(4);
  }

  @Test
  void tableWatchSkipsWhatTheListShowedAndSendsColumnsOnce() throws Exception {
    JsonNode list = get(POOLS, TABLE);
    String rv = list.path("metadata").path("resourceVersion").asText();
    HttpRequest req = HttpRequest.newBuilder(URI.create(front.url() + POOLS + "?watch=true&resourceVersion=" + rv
        + "&fieldSelector=metadata.name%3Dwatched")).header("Accept", TABLE).build();
    HttpResponse<java.io.InputStream> res = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
    assertThat(res.statusCode()).isEqualTo(200);
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(res.body(), StandardCharsets.UTF_8))) {
      setQueued("auto", 5);
      setQueued("watched", 7);
      setQueued("watched", 9);
      JsonNode first = nextEvent(lines);
      JsonNode second = nextEvent(lines);
      assertThat(first.path("type").asText()).isEqualTo("MODIFIED");
      assertThat(first.path("object").path("kind").asText()).isEqualTo("Table");
      assertThat(first.path("object").path("columnDefinitions")).hasSize(10);
      assertThat(first.path("object").path("rows").get(0).path("cells").get(5).asInt()).isEqualTo(7);
      assertThat(second.path("object").path("columnDefinitions")).isEmpty();
      assertThat(second.path("object").path("rows").get(0).path("cells").get(5).asInt()).isEqualTo(9);
    }
  }

  private static void setQueued(String pool, int queued) {
    var op = cluster.client().genericKubernetesResources(HWP).inNamespace("ns1").withName(pool);
    GenericKubernetesResource current = op.get();
    @SuppressWarnings("unchecked")
    Map<String, Object> status = new java.util.HashMap<>((Map<String, Object>) current.getAdditionalProperties()
        .getOrDefault("status", Map.of()));
    status.put("queued", queued);
    current.setAdditionalProperty("status", status);
    cluster.client().genericKubernetesResources(HWP).inNamespace("ns1").resource(current).updateStatus();
  }

  private static JsonNode nextEvent(BufferedReader lines) throws Exception {
    CompletableFuture<String> line = CompletableFuture.supplyAsync(() -> {
      try {
        String l;
        do {
          l = lines.readLine();
        } while (l != null && l.isBlank());
        return l;
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    return JSON.readTree(line.get(10, TimeUnit.SECONDS));
  }
}
