package io.hatchetoperator.sandbox;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.utils.Serialization;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.hatchetoperator.sandbox.validation.PoolValidation;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code HatchetWorkerPool} manifest as the user wrote it, and the copy the sandbox applies: the same
 * pool, pointed at the in-process dev engine (its host:port and API URL, plaintext).
 */
public final class PoolManifest {

  /** The only API version the operator serves. */
  public static final String API_VERSION = "hatchet-operator.io/v1alpha1";
  private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
  private final String source;
  private final GenericKubernetesResource pool;

  private PoolManifest(String source, GenericKubernetesResource pool) {
    this.source = source;
    this.pool = pool;
  }

  /** Where a complete pool can be seen. */
  static final String EXAMPLE = "examples/java-worker-pool.yaml";

  /**
   * Parses {@code yaml} read from {@code source} (named in errors); it must hold one valid HatchetWorkerPool: the
   * operator's own checks ({@link PoolValidation}) run here, before anything starts.
   */
  public static PoolManifest parse(String source, String yaml) {
    Object parsed;
    try {
      parsed = YAML.readValue(yaml, Object.class);
    } catch (java.io.IOException | RuntimeException e) {
      String reason = e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage()
          : e.getMessage();
      throw new IllegalArgumentException("--pool " + source + " is not valid YAML (" + reason.lines().findFirst()
          .orElse("") + "); give one HatchetWorkerPool manifest, e.g. " + EXAMPLE);
    }
    if (!(parsed instanceof Map<?, ?>)) {
      throw new IllegalArgumentException("--pool " + source + " holds " + (parsed == null ? "nothing"
          : "a YAML " + (parsed instanceof java.util.List ? "list" : "value") + ", not a HatchetWorkerPool object")
          + "; give one HatchetWorkerPool manifest (apiVersion, kind, metadata, spec), e.g. " + EXAMPLE);
    }
    @SuppressWarnings("unchecked")
    Map<String, Object> object = (Map<String, Object>) parsed;
    if (!"HatchetWorkerPool".equals(object.get("kind")) || !API_VERSION.equals(object.get("apiVersion"))) {
      throw new IllegalArgumentException("--pool " + source + ": kind is '" + object.get("kind")
          + "' and apiVersion '" + object.get("apiVersion") + "'; give one HatchetWorkerPool "
          + "with apiVersion " + API_VERSION + ", e.g. " + EXAMPLE);
    }
    List<String> problems = PoolValidation.problems(object);
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("--pool " + source + " is not a valid HatchetWorkerPool ("
          + problems.size() + (problems.size() == 1 ? " problem" : " problems") + "); fix each and run again:\n  "
          + String.join("\n  ", problems));
    }
    GenericKubernetesResource pool = Serialization.jsonMapper().convertValue(object, GenericKubernetesResource.class);
    PoolManifest manifest = new PoolManifest(source, pool);
    manifest.tokenSecretRef();
    return manifest;
  }

  /** The pool's name. */
  public String name() {
    return pool.getMetadata().getName();
  }

  /** The Secret name and key that hold the engine token ({@code spec.engine.tokenSecretRef}). */
  public Map.Entry<String, String> tokenSecretRef() {
    Object ref = map(map(spec().get("engine"), "spec.engine").get("tokenSecretRef"), "spec.engine.tokenSecretRef");
    Map<String, Object> r = map(ref, "spec.engine.tokenSecretRef");
    if (!(r.get("name") instanceof String name) || !(r.get("key") instanceof String key)) {
      throw new IllegalArgumentException("--pool " + source + ": spec.engine.tokenSecretRef needs a name and a key");
    }
    return Map.entry(name, key);
  }

  /** The lowest replica count the pool may reach: {@code autoscaling.minReplicas} (1 when unset), or replicas. */
  public int minReplicas() {
    Object autoscaling = spec().get("autoscaling");
    if (autoscaling instanceof Map<?, ?> a) {
      return a.get("minReplicas") instanceof Number n ? n.intValue() : 1;
    }
    return spec().get("replicas") instanceof Number n ? n.intValue() : 1;
  }

  /** {@code spec.slots}, or 0 when missing (the operator then reports it). */
  public int slots() {
    return spec().get("slots") instanceof Number n ? n.intValue() : 0;
  }

  /** {@code spec.tasks}: the task names whose queue drives scaling; empty when unset. */
  public List<String> tasks() {
    return spec().get("tasks") instanceof List<?> list ? list.stream().map(String::valueOf).toList() : List.of();
  }

  /**
   * The task the load generator triggers when {@code --task} is not given: the first {@code spec.tasks}
   * entry; rejected with the fix when the pool lists none.
   */
  public String defaultTask() {
    if (tasks().isEmpty()) {
      throw new IllegalArgumentException("--pool " + source + ": spec.tasks is empty, so the sandbox does not know "
          + "which task to trigger; list the pool's tasks in spec.tasks or give --task NAME");
    }
    return tasks().get(0);
  }

  /** True when the pool's first container has a {@code command}: its pods run it as a child OS process. */
  public boolean runsProcess() {
    Object template = spec().get("template");
    if (template instanceof Map<?, ?> t && t.get("spec") instanceof Map<?, ?> ps
        && ps.get("containers") instanceof List<?> cs && !cs.isEmpty() && cs.get(0) instanceof Map<?, ?> c) {
      return c.get("command") instanceof List<?> cmd && !cmd.isEmpty();
    }
    return false;
  }

  /** Where the manifest was read from, as the user named it. */
  public String source() {
    return source;
  }

  /** The settings a user wants to see: slots, tasks, autoscaling and drain, as YAML. */
  public String settingsSummary() {
    Map<String, Object> shown = new LinkedHashMap<>();
    for (String key : new String[] {"slots", "tasks", "replicas", "autoscaling", "drain"}) {
      if (spec().get(key) != null) {
        shown.put(key, spec().get(key));
      }
    }
    return Serialization.asYaml(shown).replaceFirst("^---\\n", "");
  }

  /** A copy for {@code namespace}, pointed at the engine at {@code hostPort} / {@code apiUrl} in plaintext. */
  public GenericKubernetesResource forSandbox(String namespace, String hostPort, String apiUrl) {
    GenericKubernetesResource copy = Serialization.clone(pool);
    copy.getMetadata().setNamespace(namespace);
    copy.getMetadata().setResourceVersion(null);
    Map<String, Object> engine = map(specOf(copy).get("engine"), "spec.engine");
    engine.put("hostPort", hostPort);
    engine.put("apiUrl", apiUrl);
    Map<String, Object> tls = new LinkedHashMap<>();
    tls.put("strategy", "none");
    engine.put("tls", tls);
    return copy;
  }

  private Map<String, Object> spec() {
    return specOf(pool);
  }

  private Map<String, Object> specOf(GenericKubernetesResource resource) {
    return map(resource.getAdditionalProperties().get("spec"), "spec");
  }

  @SuppressWarnings("unchecked")
  private Map<String, Object> map(Object value, String field) {
    if (!(value instanceof Map)) {
      throw new IllegalArgumentException("--pool " + source + ": " + field + " is missing or not an object; "
          + "see " + EXAMPLE + " for a complete pool");
    }
    return (Map<String, Object>) value;
  }
}
