package io.hatchetoperator.operator.autoscaling;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.hatchetoperator.operator.api.HatchetWorkerPool;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads and writes what autoscaling needs of a pool in the cluster: lists its pods (by the pool label
 * the Deployment's selector uses) and writes the policy-state annotation with a JSON merge patch of the
 * metadata only (no resourceVersion, so it never conflicts with the reconciler's status patch). The patch is sent
 * for a name-only copy of the pool: fabric8's {@code withName(..).patch(..)} first GETs the object (it needs an item
 * for the URL), while {@code resource(item).patch(..)} uses the item it is given and sends the PATCH alone.
 */
public final class KubernetesPoolAccess {

  private static final Logger LOG = LoggerFactory.getLogger(KubernetesPoolAccess.class);

  private final KubernetesClient client;

  /** Access through {@code client}. */
  public KubernetesPoolAccess(KubernetesClient client) {
    this.client = client;
  }

  /** The pool's pods, terminating ones included. */
  public List<Pod> pods(HatchetWorkerPool pool) {
    return client.pods().inNamespace(pool.getMetadata().getNamespace())
        .withLabel(PoolInputsMapper.POOL_LABEL, pool.getMetadata().getName()).list().getItems();
  }

  /**
   * Writes the encoded policy state to the annotation of the pool {@code key} ({@code namespace/name}), or removes
   * the annotation when {@code encoded} is null; logs and goes on when it fails.
   */
  public void writeState(String key, String encoded) {
    String value = encoded == null ? "null" : quote(encoded);
    String patch = "{\"metadata\":{\"annotations\":{\"" + AnnotationScalingStateStore.ANNOTATION
        + "\":" + value + "}}}";
    HatchetWorkerPool target = new HatchetWorkerPool();
    target.setMetadata(new ObjectMetaBuilder().withName(PoolKeys.name(key))
        .withNamespace(PoolKeys.namespace(key)).build());
    try {
      client.resource(target).patch(PatchContext.of(PatchType.JSON_MERGE), patch);
    } catch (RuntimeException e) {
      LOG.warn("pool {}: could not write annotation {}: {}", key, AnnotationScalingStateStore.ANNOTATION,
          e.getMessage());
    }
  }

  private static String quote(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
