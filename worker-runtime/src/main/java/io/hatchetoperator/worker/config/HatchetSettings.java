package io.hatchetoperator.worker.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Every setting of a Hatchet client and worker, in one place, after the environment and code
 * overrides are merged and validated. Durations carry their unit; ports are TCP ports.
 *
 * @param token the API token (never printed: {@link #toString()} redacts it)
 * @param tenantId the tenant, from the token's {@code sub}
 * @param hostPort the engine's gRPC {@code host:port}
 * @param serverUrl the engine's REST base URL, without a trailing slash
 * @param tls the channel security and its files
 * @param namespace lower-cased prefix (ending in {@code _}, or empty) for workflow names, actions and events
 * @param presetLabels worker labels added at registration (the operator's pod labels)
 * @param debug whether {@code HATCHET_CLIENT_DEBUG} asks for debug logs
 * @param healthPort health/metrics port: 0 = ephemeral, negative = no server
 * @param drainTimeout how long a shutdown waits for running tasks before reporting them FAILED
 * @param timing the protocol's intervals, deadlines and retry limits
 * @param maxReceiveMessageBytes the largest gRPC message taken from the engine
 *     ({@code HATCHET_CLIENT_GRPC_MAX_RECV_MESSAGE_LENGTH}, default 4 MiB as the SDKs)
 */
public record HatchetSettings(
    String token,
    String tenantId,
    String hostPort,
    String serverUrl,
    TlsSettings tls,
    String namespace,
    Map<String, String> presetLabels,
    boolean debug,
    int healthPort,
    Duration drainTimeout,
    TimingSettings timing,
    int maxReceiveMessageBytes) {

  /** The SDKs' default receive limit: 4 MiB (hatchet-dev/hatchet, sdks/python/hatchet_sdk/config.py). */
  public static final int DEFAULT_MAX_RECEIVE_MESSAGE_BYTES = 4 * 1024 * 1024;

  /** Settings with the default receive limit. */
  public HatchetSettings(String token, String tenantId, String hostPort, String serverUrl, TlsSettings tls,
      String namespace, Map<String, String> presetLabels, boolean debug, int healthPort, Duration drainTimeout,
      TimingSettings timing) {
    this(token, tenantId, hostPort, serverUrl, tls, namespace, presetLabels, debug, healthPort, drainTimeout, timing,
        DEFAULT_MAX_RECEIVE_MESSAGE_BYTES);
  }

  /** Default health port, as the Python SDK's health server uses. */
  public static final int DEFAULT_HEALTH_PORT = 8001;
  /** Default drain timeout on shutdown. */
  public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(60);

  public HatchetSettings {
    presetLabels = Map.copyOf(presetLabels);
  }

  /** TLS strategy and the files it reads. */
  public record TlsSettings(TlsStrategy strategy, Path rootCaFile, Path certFile, Path keyFile,
      String serverName) {}

  /**
   * Protocol timing: heartbeat every {@code heartbeatInterval} with a {@code heartbeatTimeout} deadline,
   * reconnect backoff capped at {@code maxBackoff}, reset after {@code healthyReset} of health, give up
   * after {@code maxReconnectAttempts} failures in a row; unary calls get {@code rpcTimeout}.
   */
  public record TimingSettings(Duration heartbeatInterval, Duration heartbeatTimeout,
      Duration maxBackoff, Duration healthyReset, int maxReconnectAttempts, Duration rpcTimeout) {

    /** The values of Hatchet's SDKs: 4 s heartbeat, 5 s deadline, 5 s backoff cap, 15 attempts. */
    public static TimingSettings defaults() {
      return new TimingSettings(Duration.ofSeconds(4), Duration.ofSeconds(5), Duration.ofSeconds(5),
          Duration.ofSeconds(5), 15, Duration.ofSeconds(30));
    }
  }

  /** The {@code action} id of a task: {@code <namespace><workflow lower-cased>:<task>}. */
  public String actionId(String workflowName, String taskName) {
    return namespace + workflowName.toLowerCase(java.util.Locale.ROOT) + ":" + taskName;
  }

  /** A workflow or event name with the namespace prefix. */
  public String namespaced(String name) {
    return name.startsWith(namespace) ? name : namespace + name;
  }

  @Override
  public String toString() {
    return "HatchetSettings[tenantId=" + tenantId + ", hostPort=" + hostPort + ", serverUrl="
        + serverUrl + ", tls=" + tls.strategy() + ", namespace='" + namespace + "', presetLabels="
        + presetLabels + ", healthPort=" + healthPort + ", drainTimeout=" + drainTimeout
        + ", token=<redacted>]";
  }
}
