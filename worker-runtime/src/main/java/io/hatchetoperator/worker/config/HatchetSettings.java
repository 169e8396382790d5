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
 * @param drainTimeout how long a shutdown waits for running tasks before handing them back
 * @param stopMode what a shutdown does with the tasks still running at the drain deadline
 * @param maxSendMessageBytes the largest gRPC message the engine accepts
 *     ({@code HATCHET_CLIENT_GRPC_MAX_SEND_MESSAGE_LENGTH}, default 4 MiB; a task output must fit in it)
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
    StopMode stopMode,
    int maxSendMessageBytes,
    TimingSettings timing,
    int maxReceiveMessageBytes) {

  /** The SDKs' default receive limit: 4 MiB (hatchet-dev/hatchet, sdks/python/hatchet_sdk/config.py). */
  public static final int DEFAULT_MAX_RECEIVE_MESSAGE_BYTES = 4 * 1024 * 1024;

  /** Settings with the default stop mode and message limits. */
  public HatchetSettings(String token, String tenantId, String hostPort, String serverUrl, TlsSettings tls,
      String namespace, Map<String, String> presetLabels, boolean debug, int healthPort, Duration drainTimeout,
      TimingSettings timing) {
    this(token, tenantId, hostPort, serverUrl, tls, namespace, presetLabels, debug, healthPort, drainTimeout,
        StopMode.HAND_BACK, DEFAULT_MAX_SEND_MESSAGE_BYTES, timing, DEFAULT_MAX_RECEIVE_MESSAGE_BYTES);
  }

  /** Default health port, as the Python SDK's health server uses. */
  public static final int DEFAULT_HEALTH_PORT = 8001;
  /** Default drain timeout on shutdown. */
  public static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(60);
  /** The engine's default gRPC message limit (4 MiB), as every Hatchet SDK sets it. */
  public static final int DEFAULT_MAX_SEND_MESSAGE_BYTES = 4 * 1024 * 1024;

  /**
   * What a shutdown does with tasks still running at the drain deadline. {@link #HAND_BACK} (default)
   * reports nothing and stops heartbeating, so the engine reassigns them as an internal retry that
   * does not consume the task's {@code retries}; {@link #FAIL_FAST} reports them FAILED (retryable),
   * so the engine retries them at once but counts it against {@code retries}.
   */
  public enum StopMode { HAND_BACK, FAIL_FAST }

  public HatchetSettings {
    presetLabels = Map.copyOf(presetLabels);
  }

  /** TLS strategy and the files it reads. */
  public record TlsSettings(TlsStrategy strategy, Path rootCaFile, Path certFile, Path keyFile,
      String serverName) {}

  /**
   * Protocol timing: heartbeat every {@code heartbeatInterval} with a {@code heartbeatTimeout} deadline,
   * reconnect after {@code heartbeatMisses} failed heartbeats in a row, reconnect backoff capped at
   * {@code maxBackoff}, reset after {@code healthyReset} of health, give up after
   * {@code maxReconnectAttempts} failures in a row (0 = never); unary calls get {@code rpcTimeout}; a
   * cancelled task still running after {@code cancellationWarning} is warned about, after
   * {@code cancellationGrace} counted as an overrun.
   */
  public record TimingSettings(Duration heartbeatInterval, Duration heartbeatTimeout,
      Duration maxBackoff, Duration healthyReset, int maxReconnectAttempts, Duration rpcTimeout,
      int heartbeatMisses, Duration cancellationWarning, Duration cancellationGrace) {

    /**
     * 4 s heartbeats with a 5 s deadline and a 5 s backoff cap (Hatchet's SDKs), reconnect after 3
     * failed heartbeats (about 12 s, well under the engine's 30 s reassignment), never give up,
     * cancellation warning at 300 ms and grace of 1 s (the TypeScript SDK's defaults).
     */
    public static TimingSettings defaults() {
      return new TimingSettings(Duration.ofSeconds(4), Duration.ofSeconds(5), Duration.ofSeconds(5),
          Duration.ofSeconds(5), 0, Duration.ofSeconds(30), 3, Duration.ofMillis(300),
          Duration.ofSeconds(1));
    }

    /** The same timing with another give-up limit (0 = never). */
    public TimingSettings withMaxReconnectAttempts(int attempts) {
      return new TimingSettings(heartbeatInterval, heartbeatTimeout, maxBackoff, healthyReset, attempts,
          rpcTimeout, heartbeatMisses, cancellationWarning, cancellationGrace);
    }

    /** The same timing with another cancellation grace period. */
    public TimingSettings withCancellationGrace(Duration warning, Duration grace) {
      return new TimingSettings(heartbeatInterval, heartbeatTimeout, maxBackoff, healthyReset,
          maxReconnectAttempts, rpcTimeout, heartbeatMisses, warning, grace);
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
        + ", stopMode=" + stopMode
        + ", token=<redacted>]";
  }
}
