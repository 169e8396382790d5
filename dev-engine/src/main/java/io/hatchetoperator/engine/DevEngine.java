package io.hatchetoperator.engine;

import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.hatchetoperator.engine.auth.TokenAuthority;
import io.hatchetoperator.engine.core.Ids;
import io.hatchetoperator.engine.core.Scheduler;
import io.hatchetoperator.engine.core.WorkflowRegistry;
import io.hatchetoperator.engine.grpc.GrpcAdmin;
import io.hatchetoperator.engine.grpc.GrpcAuthInterceptor;
import io.hatchetoperator.engine.grpc.GrpcDispatcher;
import io.hatchetoperator.engine.grpc.GrpcEvents;
import io.hatchetoperator.engine.grpc.GrpcWorkflows;
import io.hatchetoperator.engine.core.TimedTriggers;
import io.hatchetoperator.engine.core.TaskLogs;
import io.hatchetoperator.engine.rest.RestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running development engine: Hatchet's gRPC services and REST subset over one in-memory tenant. Start it with
 * {@link #start(DevEngineSettings)}; {@link #close()} stops it. This is the module's one wiring point.
 */
public final class DevEngine implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DevEngine.class);

  private final Server grpc;
  private final RestServer rest;
  private final ScheduledExecutorService timer;
  private final ExecutorService restExecutor;
  private final PeriodicWork sweep;
  private final io.hatchetoperator.engine.core.PayloadLimits limits;
  private final Scheduler scheduler;
  private final String token;
  private final String advertisedHost;

  private DevEngine(DevEngineSettings s) throws IOException {
    String tenantId = s.tenantId() == null ? Ids.uuid() : Ids.require("tenantId", s.tenantId());
    TokenAuthority tokens = s.key() == null ? new TokenAuthority(s.clock(), tenantId)
        : new TokenAuthority(s.clock(), tenantId, s.key().key());
    this.limits = s.payloadLimits();
    this.scheduler = new Scheduler(s.clock(), s.timings(), tenantId, new WorkflowRegistry(), limits);
    this.timer = Executors.newSingleThreadScheduledExecutor(daemon("dev-engine-timer"));
    this.restExecutor = new ThreadPoolExecutor(DevEngineSettings.REST_THREADS, DevEngineSettings.REST_THREADS, 0,
        TimeUnit.MILLISECONDS, new ArrayBlockingQueue<>(DevEngineSettings.REST_QUEUE), daemon("dev-engine-rest"));
    TimedTriggers timed = new TimedTriggers(scheduler, s.clock());
    TaskLogs logs = new TaskLogs();
    this.sweep = new PeriodicWork("sweep (timeouts, retries, reassignment, crons, schedules)", () -> {
      scheduler.sweep();
      timed.tick();
    },
        s.sweepInterval(), Duration.ofMillis(Math.max(2_000, 50 * s.sweepInterval().toMillis())));
    this.advertisedHost = s.advertisedHost();
    GrpcAuthInterceptor auth = new GrpcAuthInterceptor(tokens);
    this.grpc = NettyServerBuilder.forAddress(new InetSocketAddress(s.bindHost(), s.grpcPort()))
        .permitKeepAliveTime(5, TimeUnit.SECONDS)
        .permitKeepAliveWithoutCalls(true)
        .maxInboundMessageSize(s.maxMessageBytes())
        .directExecutor()
        .addService(ServerInterceptors.intercept(new GrpcDispatcher(scheduler, s.engineVersion()), auth))
        .addService(ServerInterceptors.intercept(new GrpcAdmin(scheduler), auth))
        .addService(ServerInterceptors.intercept(new GrpcWorkflows(scheduler, timed), auth))
        .addService(ServerInterceptors.intercept(new GrpcEvents(scheduler, s.clock(), logs), auth))
        .addService(ServerInterceptors.intercept(new io.hatchetoperator.engine.grpc.GrpcDurable(scheduler), auth))
        .build()
        .start();
    try {
      this.rest = new RestServer(new InetSocketAddress(s.bindHost(), s.httpPort()), scheduler, tokens, restExecutor,
          s.clock().millis());
    } catch (IOException e) {
      grpc.shutdownNow();
      throw e;
    }
    rest.setReadiness(sweep::problem);
    rest.setTaskLogs(logs);
    rest.serveTriggers(timed, s.clock());
    this.token = tokens.issue(serverUrl(), hostPort(), s.tokenTtl());
    sweep.start(timer);
    LOG.info("dev engine up: gRPC {} REST {} tenant {}", grpcPort(), httpPort(), tenantId);
  }

  /** Starts an engine; ports 0 pick free ports. Fails with the cause when a port is taken. */
  public static DevEngine start(DevEngineSettings settings) {
    try {
      return new DevEngine(settings);
    } catch (IOException e) {
      throw new UncheckedIOException("the dev engine could not bind gRPC port " + settings.grpcPort() + " or HTTP port "
          + settings.httpPort() + " on " + settings.bindHost() + ": " + e.getMessage()
          + "; pick free ports (--grpc-port/--http-port) or 0 for any", e);
    }
  }

  public int grpcPort() {
    return grpc.getPort();
  }

  public int httpPort() {
    return rest.port();
  }

  public String tenantId() {
    return scheduler.tenantId();
  }

  /** The signed API token (a JWT whose claims point SDKs at this engine). */
  public String token() {
    return token;
  }

  /** The REST base URL, e.g. {@code http://localhost:8888}. */
  public String serverUrl() {
    return "http://" + advertisedHost + ":" + httpPort();
  }

  /** The gRPC address, e.g. {@code localhost:7077}. */
  public String hostPort() {
    return advertisedHost + ":" + grpcPort();
  }

  /** The HATCHET_CLIENT_* variables that point any Hatchet SDK at this engine (plaintext gRPC). */
  public Map<String, String> clientEnv() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("HATCHET_CLIENT_TOKEN", token);
    env.put("HATCHET_CLIENT_TENANT_ID", tenantId());
    env.put("HATCHET_CLIENT_HOST_PORT", hostPort());
    env.put("HATCHET_CLIENT_SERVER_URL", serverUrl());
    env.put("HATCHET_CLIENT_API_URL", serverUrl());
    env.put("HATCHET_CLIENT_TLS_STRATEGY", "none");
    return env;
  }

  /** While false, REST answers 503 with a JSON error; gRPC keeps working (failure tests). */
  public void setRestAvailable(boolean available) {
    rest.setAvailable(available);
  }

  /** The bounds on inputs this engine enforces at trigger time. */
  public io.hatchetoperator.engine.core.PayloadLimits payloadLimits() {
    return limits;
  }

  /** The in-memory core, for in-process inspection. */
  public Scheduler scheduler() {
    return scheduler;
  }

  @Override
  public void close() {
    timer.shutdownNow();
    rest.close();
    restExecutor.shutdownNow();
    grpc.shutdownNow();
    try {
      grpc.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    LOG.info("dev engine stopped");
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}
