package io.hatchetoperator.sandbox.process;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntSupplier;

/**
 * The environment of a pod's process and its port map. The image is ignored, so the process starts from the
 * host's environment ({@code PATH}, {@code HOME}: what finds {@code node}, {@code python}, a Go binary) less
 * every {@code HATCHET_*} variable, then the pod's resolved environment on top, as the kubelet gives it. Two
 * sandbox differences, because every pod shares one host: {@code HATCHET_CLIENT_HOST_PORT} points at the
 * pod's own engine proxy, and each health-port variable gets a free host port (the container port it named,
 * or the SDKs' default 8001, maps to it, so a probe of that container port reaches the process). Pure.
 *
 * @param env the process's environment
 * @param hostPorts container port to host port, for the probes
 */
record ProcessEnvironment(Map<String, String> env, Map<Integer, Integer> hostPorts) {

  /** Where the official SDKs serve their health check (TypeScript, Python: HATCHET_CLIENT_WORKER_HEALTHCHECK_*). */
  static final String SDK_HEALTH_PORT = "HATCHET_CLIENT_WORKER_HEALTHCHECK_PORT";
  /** Where the project's Java worker runtime serves its health check. */
  static final String RUNTIME_HEALTH_PORT = "HATCHET_WORKER_HEALTH_PORT";
  /** The default of both when unset (TypeScript's config-loader, Python's HealthcheckConfig, our runtime). */
  static final int DEFAULT_HEALTH_PORT = 8001;
  static final String HOST_PORT = "HATCHET_CLIENT_HOST_PORT";

  static ProcessEnvironment of(Map<String, String> host, Map<String, String> pod, String engineHostPort,
      IntSupplier freePort) {
    Map<String, String> env = new LinkedHashMap<>();
    host.forEach((k, v) -> {
      if (!k.startsWith("HATCHET_")) {
        env.put(k, v);
      }
    });
    env.putAll(pod);
    env.put(HOST_PORT, engineHostPort);
    Map<Integer, Integer> ports = new LinkedHashMap<>();
    for (String variable : List.of(SDK_HEALTH_PORT, RUNTIME_HEALTH_PORT)) {
      int containerPort = containerPort(variable, pod.get(variable));
      int hostPort = ports.computeIfAbsent(containerPort, p -> freePort.getAsInt());
      env.put(variable, Integer.toString(hostPort));
    }
    return new ProcessEnvironment(Map.copyOf(env), Map.copyOf(ports));
  }

  /** The host port a probe of {@code containerPort} goes to: the mapped one, else the same number. */
  int hostPort(int containerPort) {
    return hostPorts.getOrDefault(containerPort, containerPort);
  }

  private static int containerPort(String variable, String value) {
    if (value == null || value.isBlank()) {
      return DEFAULT_HEALTH_PORT;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(variable + " is '" + value + "', not a port number; set it to the "
          + "container port the worker serves health on, e.g. 8001");
    }
  }
}
