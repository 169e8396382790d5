package io.hatchetoperator.engine;

import io.hatchetoperator.engine.core.EngineTimings;
import java.time.Clock;
import java.time.Duration;

/**
 * Everything the dev engine can be told, with defaults and units in one place.
 *
 * @param grpcPort gRPC port for every service; 0 picks a free port (default 7077)
 * @param httpPort REST port; 0 picks a free port (default 8888)
 * @param bindHost address both servers listen on (default 0.0.0.0)
 * @param advertisedHost host name written into the token's {@code server_url} and {@code grpc_broadcast_address}
 *     (default localhost)
 * @param tenantId the tenant UUID (the token's {@code sub}); null makes a random one
 * @param tokenTtl how long the issued token is valid (default 90 days, as Hatchet)
 * @param engineVersion what GetVersion answers; SDKs need at least v0.78.23 (default v0.80.0)
 * @param timings heartbeat (5 s), reassignment (30 s) and retention rules
 * @param sweepInterval how often time-based rules run (default 100 ms): timeout precision
 * @param maxMessageBytes largest gRPC message accepted (default 4 MiB, as the SDKs)
 * @param clock the time source (tests may fix it)
 */
public record DevEngineSettings(int grpcPort, int httpPort, String bindHost, String advertisedHost, String tenantId,
    Duration tokenTtl, String engineVersion, EngineTimings timings, Duration sweepInterval, int maxMessageBytes,
    Clock clock) {

  /** The defaults: ports 7077 and 8888, Hatchet's timings. */
  public static DevEngineSettings defaults() {
    return new DevEngineSettings(7077, 8888, "0.0.0.0", "localhost", null, Duration.ofDays(90), "v0.80.0",
        EngineTimings.hatchet(), Duration.ofMillis(100), 4 * 1024 * 1024, Clock.systemUTC());
  }

  /** Ephemeral ports on the loopback interface: for tests and the in-process sandbox. */
  public static DevEngineSettings ephemeral() {
    return defaults().withPorts(0, 0).withBindHost("127.0.0.1");
  }

  public DevEngineSettings withPorts(int grpc, int http) {
    return new DevEngineSettings(grpc, http, bindHost, advertisedHost, tenantId, tokenTtl, engineVersion, timings,
        sweepInterval, maxMessageBytes, clock);
  }

  public DevEngineSettings withBindHost(String host) {
    return new DevEngineSettings(grpcPort, httpPort, host, advertisedHost, tenantId, tokenTtl, engineVersion, timings,
        sweepInterval, maxMessageBytes, clock);
  }

  public DevEngineSettings withAdvertisedHost(String host) {
    return new DevEngineSettings(grpcPort, httpPort, bindHost, host, tenantId, tokenTtl, engineVersion, timings,
        sweepInterval, maxMessageBytes, clock);
  }

  public DevEngineSettings withTenantId(String id) {
    return new DevEngineSettings(grpcPort, httpPort, bindHost, advertisedHost, id, tokenTtl, engineVersion, timings,
        sweepInterval, maxMessageBytes, clock);
  }

  public DevEngineSettings withTimings(EngineTimings t) {
    return new DevEngineSettings(grpcPort, httpPort, bindHost, advertisedHost, tenantId, tokenTtl, engineVersion, t,
        sweepInterval, maxMessageBytes, clock);
  }

  public DevEngineSettings withClock(Clock c) {
    return new DevEngineSettings(grpcPort, httpPort, bindHost, advertisedHost, tenantId, tokenTtl, engineVersion, timings,
        sweepInterval, maxMessageBytes, c);
  }
}
