package io.hatchetoperator.sandbox.process;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import java.time.Duration;

/**
 * A container's liveness or readiness probe as the kubelet runs it, with Kubernetes' defaults (period 10 s,
 * timeout 1 s, failure threshold 3, success threshold 1, no initial delay). {@code path} is null for a
 * {@code tcpSocket} probe; the port is the container port, resolved from a named port when needed.
 */
record ProbeSpec(String kind, String path, int containerPort, Duration initialDelay, Duration period,
    Duration timeout, int failureThreshold, int successThreshold) {

  /** The probe of {@code probe} in {@code container}; null when there is none or it is an exec/gRPC probe. */
  static ProbeSpec of(String kind, Probe probe, Container container) {
    if (probe == null) {
      return null;
    }
    String path;
    IntOrString port;
    if (probe.getHttpGet() != null) {
      path = probe.getHttpGet().getPath() == null ? "/" : probe.getHttpGet().getPath();
      port = probe.getHttpGet().getPort();
    } else if (probe.getTcpSocket() != null) {
      path = null;
      port = probe.getTcpSocket().getPort();
    } else {
      return null;
    }
    return new ProbeSpec(kind, path, portNumber(kind, port, container), seconds(probe.getInitialDelaySeconds(), 0),
        seconds(probe.getPeriodSeconds(), 10), seconds(probe.getTimeoutSeconds(), 1),
        orDefault(probe.getFailureThreshold(), 3), orDefault(probe.getSuccessThreshold(), 1));
  }

  private static int portNumber(String kind, IntOrString port, Container container) {
    if (port == null) {
      throw new IllegalArgumentException(kind + " probe of container " + container.getName() + " has no port; "
          + "set httpGet.port to the container port the worker serves health on");
    }
    if (port.getIntVal() != null) {
      return port.getIntVal();
    }
    String name = port.getStrVal();
    if (container.getPorts() != null) {
      for (ContainerPort p : container.getPorts()) {
        if (name.equals(p.getName())) {
          return p.getContainerPort();
        }
      }
    }
    throw new IllegalArgumentException(kind + " probe of container " + container.getName() + " names port '"
        + name + "', which the container does not declare; add it to ports or give the number");
  }

  private static Duration seconds(Integer value, int fallback) {
    return Duration.ofSeconds(value == null ? fallback : value);
  }

  private static int orDefault(Integer value, int fallback) {
    return value == null || value < 1 ? fallback : value;
  }
}
