package io.hatchetoperator.engine;

import io.hatchetoperator.engine.core.EngineTimings;
import java.time.Clock;
import java.time.Duration;

/**
 * Everything the dev engine can be told, with defaults and units in one place.
 *
 * @param grpcPort gRPC port for every service; 0 picks a free port (default 7077)
 * @param httpPort REST port; 0 picks a free port (default 8888)
 * @param bindHost address both servers (gRPC, and REST with {@code /metrics}) listen on (default 127.0.0.1, loopback
 *     only; 0.0.0.0 exposes them on every interface)
 * @param advertisedHost host name written into the token's {@code server_url} and {@code grpc_broadcast_address}
 *     (default localhost)
 * @param tenantId the tenant UUID (the token's {@code sub}); null makes a random one
 * @param tokenTtl how long the issued token is valid (default 90 days, as Hatchet)
 * @param engineVersion what GetVersion answers; SDKs need at least v0.78.23 (default v0.80.0)
 * @param timings heartbeat (5 s), reassignment (30 s) and retention rules
 * @param sweepInterval how often time-based rules run (default 100 ms): timeout precision
 * @param maxMessageBytes largest gRPC message accepted, and what a worker is assumed to accept: inputs that would not
 *     fit into it are refused at trigger time (default 4 MiB, the SDKs' HATCHET_CLIENT_GRPC_MAX_RECV_MESSAGE_LENGTH)
 * @param maxQueuedBytes the most input bytes unfinished runs may hold; triggers beyond it get RESOURCE_EXHAUSTED
 *     (default 512 MiB)
 * @param clock the time source (tests may fix it)
 * @param key the signing key and tenant of {@code --key-file}, or null for a random key (tokens then die with the
 *     engine)
 */
public record DevEngineSettings(int grpcPort, int httpPort, String bindHost, String advertisedHost, String tenantId,
    Duration tokenTtl, String engineVersion, EngineTimings timings, Duration sweepInterval, int maxMessageBytes,
    long maxQueuedBytes, Clock clock, EngineKey key) {

  /** Threads serving REST requests; more wait in a queue of {@link #REST_QUEUE}, beyond it connections are closed. */
  public static final int REST_THREADS = 8;
  /** REST requests waiting for a thread. */
  public static final int REST_QUEUE = 64;
  /** A REST request must arrive complete within this (slow or half-open connections are closed). */
  public static final Duration REST_READ_TIMEOUT = Duration.ofSeconds(5);
  /** A REST response must be taken by the client within this. */
  public static final Duration REST_WRITE_TIMEOUT = Duration.ofSeconds(30);

  /** The defaults: ports 7077 and 8888 on loopback, Hatchet's timings. */
  public static DevEngineSettings defaults() {
    return new DevEngineSettings(7077, 8888, "127.0.0.1", "localhost", null, Duration.ofDays(90), "v0.80.0",
        EngineTimings.hatchet(), Duration.ofMillis(100), 4 * 1024 * 1024, 512L * 1024 * 1024, Clock.systemUTC(), null);
  }

  /** The payload limits these settings imply. */
  public io.hatchetoperator.engine.core.PayloadLimits payloadLimits() {
    return io.hatchetoperator.engine.core.PayloadLimits.forMessages(maxMessageBytes, maxQueuedBytes);
  }

  /** With another message limit (bytes) and held-input budget (bytes). */
  public DevEngineSettings withMessageLimits(int messageBytes, long queuedBytes) {
    return new DevEngineSettings(grpcPort, httpPort, bindHost, advertisedHost, tenantId, tokenTtl, engineVersion, timings,
        sweepInterval, messageBytes, queuedBytes, clock, key);
  }

  /** Signing with {@code k}'s key as its tenant (a tenant id set before is replaced). */
  public DevEngineSettings withKey(EngineKey k) {
    return new DevEngineSettings(grpcPort, httpPort, bindHost, advertisedHost, k.tenantId(), tokenTtl, engineVersion,
        timings, sweepInterval, maxMessageBytes, maxQueuedBytes, clock, k);
  }

  /** Answering GetVersion with {@code version} (an older one makes SDKs use their older protocols). */
  public DevEngineSettings withEngineVersion(String version) {
    return new DevEngineSettings(grpcPort, httpPort, bindHost, advertisedHost, tenantId, tokenTtl, version, timings,
        sweepInterval, maxMessageBytes, maxQueuedBytes, clock, key);
  }

  /** With another sweep interval. */
  public DevEngineSettings withSweepInterval(Duration every) {
    return new DevEngineSettings(grpcPort, httpPort, bindHost, advertisedHost, tenantId, tokenTtl, engineVersion, timings,
        every, maxMessageBytes, maxQueuedBytes, clock, key);
  }

  /** Ephemeral ports on the loopback interface: for tests and the in-process sandbox. */
  public static DevEngineSettings ephemeral() {
    return defaults().withPorts(0, 0).withBindHost("127.0.0.1");
  }

  public DevEngineSettings withPorts(int grpc, int http) {
    return new DevEngineSettings(grpc, http, bindHost, advertisedHost, tenantId, tokenTtl, engineVersion, timings,
        sweepInterval, maxMessageBytes, maxQueuedBytes, clock, key);
  }

  public DevEngineSettings withBindHost(String host) {
    return new DevEngineSettings(grpcPort, httpPort, host, advertisedHost, tenantId, tokenTtl, engineVersion, timings,
        sweepInterval, maxMessageBytes, maxQueuedBytes, clock, key);
  }

  public DevEngineSettings withAdvertisedHost(String host) {
    return new DevEngineSettings(grpcPort, httpPort, bindHost, host, tenantId, tokenTtl, engineVersion, timings,
        sweepInterval, maxMessageBytes, maxQueuedBytes, clock, key);
  }

  public DevEngineSettings withTenantId(String id) {
    return new DevEngineSettings(grpcPort, httpPort, bindHost, advertisedHost, id, tokenTtl, engineVersion, timings,
        sweepInterval, maxMessageBytes, maxQueuedBytes, clock, key);
  }

  public DevEngineSettings withTimings(EngineTimings t) {
    return new DevEngineSettings(grpcPort, httpPort, bindHost, advertisedHost, tenantId, tokenTtl, engineVersion, t,
        sweepInterval, maxMessageBytes, maxQueuedBytes, clock, key);
  }

  public DevEngineSettings withClock(Clock c) {
    return new DevEngineSettings(grpcPort, httpPort, bindHost, advertisedHost, tenantId, tokenTtl, engineVersion, timings,
        sweepInterval, maxMessageBytes, maxQueuedBytes, c, key);
  }
}
