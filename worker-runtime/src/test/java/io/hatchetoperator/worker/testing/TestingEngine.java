package io.hatchetoperator.worker.testing;

import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerBuilder;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerCredentials;
import io.grpc.ServerInterceptors;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.hatchetoperator.worker.Hatchet;
import io.hatchetoperator.worker.client.ChannelFactory;
import io.hatchetoperator.worker.config.HatchetSettings.TimingSettings;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A fake Hatchet engine on in-process gRPC plus a recording REST server: the test double the
 * runtime's tests and benchmark run against. Not a real engine: assignments are pushed by the test.
 */
public final class TestingEngine implements AutoCloseable {
  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  public final TestingRuns runs = new TestingRuns();
  public final TestingDispatcher dispatcher = new TestingDispatcher(runs);
  public final TestingAdmin admin = new TestingAdmin(runs, dispatcher);
  public final TestingDurableDispatcher durable = new TestingDurableDispatcher();
  public final TestingRest rest;
  /** The authorization header of every call received. */
  public final List<String> authorizations = new CopyOnWriteArrayList<>();
  private final String name = "hatchet-" + UUID.randomUUID();
  private final Server server;

  public TestingEngine() throws IOException {
    this(null);
  }

  /**
   * With {@code credentials}, the services listen on a free TCP port with those (TLS) credentials
   * instead of in-process; connect with {@link io.hatchetoperator.worker.client.EngineChannels}.
   */
  public TestingEngine(ServerCredentials credentials) throws IOException {
    ServerInterceptor auth = new ServerInterceptor() {
      @Override
      public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
          ServerCallHandler<Q, R> next) {
        authorizations.add(String.valueOf(headers.get(AUTHORIZATION)));
        return next.startCall(call, headers);
      }
    };
    ServerBuilder<?> builder = credentials == null ? InProcessServerBuilder.forName(name)
        : Grpc.newServerBuilderForPort(0, credentials)
            .permitKeepAliveTime(5, java.util.concurrent.TimeUnit.SECONDS)
            .permitKeepAliveWithoutCalls(true);
    server = builder
        .addService(ServerInterceptors.intercept(dispatcher, auth))
        .addService(ServerInterceptors.intercept(admin.admin, auth))
        .addService(ServerInterceptors.intercept(durable, auth))
        .addService(ServerInterceptors.intercept(admin.workflows, auth))
        .addService(ServerInterceptors.intercept(admin.events, auth))
        .build().start();
    rest = new TestingRest();
  }

  /** The TCP port when serving over the network, else -1. */
  public int port() {
    return server.getPort();
  }

  public String token() {
    return TestTokens.token(rest.url(), "localhost:7070");
  }

  public ChannelFactory channels() {
    return settings -> InProcessChannelBuilder.forName(name).build();
  }

  /**
   * Fast protocol timing for tests: 200 ms heartbeats, reconnect after 3 failed, backoff capped at
   * 200 ms, give up after 5 reconnects, cancellation warning at 100 ms and grace of 300 ms.
   */
  public static TimingSettings fastTiming() {
    return new TimingSettings(Duration.ofMillis(200), Duration.ofSeconds(2), Duration.ofMillis(200),
        Duration.ofSeconds(5), 5, Duration.ofSeconds(5), 3, Duration.ofMillis(100), Duration.ofMillis(300));
  }

  /** A Hatchet wired to this engine, with no health server and fast timing. */
  public Hatchet.Builder hatchet() {
    return Hatchet.builder()
        .env(Map.of("HATCHET_CLIENT_TOKEN", token(), "HATCHET_CLIENT_TLS_STRATEGY", "none"))
        .healthPort(-1)
        .timing(fastTiming())
        .channelFactory(channels());
  }

  @Override
  public void close() {
    server.shutdownNow();
    rest.close();
  }
}
