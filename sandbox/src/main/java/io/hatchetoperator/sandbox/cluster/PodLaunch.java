package io.hatchetoperator.sandbox.cluster;

import io.fabric8.kubernetes.api.model.Container;
import java.util.Map;

/**
 * What a {@link PodProcessFactory} gets to start one pod's container: names, the resolved environment, the
 * container's spec (command, args, probes, ports; null when unknown) and the pod's termination grace period.
 */
public record PodLaunch(String namespace, String podName, String deployment, String container,
    Map<String, String> env, Container spec, long graceSeconds) {

  /** A launch without a container spec (an in-process worker configured by its environment only). */
  public PodLaunch(String namespace, String podName, String deployment, String container, Map<String, String> env) {
    this(namespace, podName, deployment, container, env, null, 30);
  }

  /** True when the container has a {@code command}: it runs as a child OS process. */
  public boolean hasCommand() {
    return spec != null && spec.getCommand() != null && !spec.getCommand().isEmpty();
  }
}
