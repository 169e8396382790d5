package io.hatchetoperator.sandbox.cluster;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/** Turns a Deployment's pod template into Pod objects, named and labelled as the ReplicaSet controller does. */
final class PodTemplates {

  static final String HASH_LABEL = "pod-template-hash";
  static final String DELETION_COST = "controller.kubernetes.io/pod-deletion-cost";
  /**
   * The simulator's stand-in for the kubelet's hold on a deleted pod: with it the mock API server keeps a deleted
   * pod, terminating (deletionTimestamp set), until the simulator saw its process exit and releases it.
   */
  static final String KUBELET_FINALIZER = "sandbox.hatchet-operator.io/kubelet";
  private static final String ALPHABET = "bcdfghjklmnpqrstvwxz2456789";

  /** A short stable hash of the template, as in the {@code pod-template-hash} label. */
  static String hash(PodTemplateSpec template) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256")
          .digest(Serialization.asJson(template).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest, 0, 5);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A new Pod of {@code deployment}'s current template, pending, owned by the Deployment. */
  static Pod newPod(Deployment deployment, String hash, String nodeName) {
    return newPod(deployment, deployment.getSpec().getTemplate(), hash, nodeName);
  }

  /** A new Pod of {@code template} (one ReplicaSet's), labelled with its {@code hash}, pending. */
  static Pod newPod(Deployment deployment, PodTemplateSpec template, String hash, String nodeName) {
    String name = deployment.getMetadata().getName() + "-" + hash + "-" + suffix();
    return new PodBuilder()
        .withNewMetadataLike(template.getMetadata() == null
            ? new io.fabric8.kubernetes.api.model.ObjectMeta() : template.getMetadata())
          .withName(name)
          .withNamespace(deployment.getMetadata().getNamespace())
          .withResourceVersion(null)
          .addToLabels(HASH_LABEL, hash)
          .addToFinalizers(KUBELET_FINALIZER)
          .addNewOwnerReference()
            .withApiVersion("apps/v1").withKind("Deployment")
            .withName(deployment.getMetadata().getName()).withUid(deployment.getMetadata().getUid())
            .withController(true).withBlockOwnerDeletion(true)
          .endOwnerReference()
        .endMetadata()
        .withSpec(Serialization.clone(template.getSpec()))
        .editSpec().withNodeName(nodeName).endSpec()
        .withNewStatus().withPhase("Pending").endStatus()
        .build();
  }

  /** The pod's {@code pod-deletion-cost} annotation; 0 when unset or not a number, as the controller reads it. */
  static int deletionCost(Pod pod) {
    var annotations = pod.getMetadata().getAnnotations();
    String value = annotations == null ? null : annotations.get(DELETION_COST);
    if (value == null) {
      return 0;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** The pod's grace period: {@code terminationGracePeriodSeconds}, 30 s when unset (the Kubernetes default). */
  static long graceSeconds(Pod pod) {
    Long grace = pod.getSpec() == null ? null : pod.getSpec().getTerminationGracePeriodSeconds();
    return grace == null ? 30 : grace;
  }

  private static String suffix() {
    StringBuilder s = new StringBuilder(5);
    for (int i = 0; i < 5; i++) {
      s.append(ALPHABET.charAt(ThreadLocalRandom.current().nextInt(ALPHABET.length())));
    }
    return s.toString();
  }

  private PodTemplates() {}
}
