package io.hatchetoperator.worker.client;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ClientInterceptors;
import io.grpc.ForwardingClientCall.SimpleForwardingClientCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.hatchetoperator.proto.dispatcher.DispatcherGrpc;
import io.hatchetoperator.proto.events.EventsServiceGrpc;
import io.hatchetoperator.proto.v1.AdminServiceGrpc;
import io.hatchetoperator.proto.workflows.WorkflowServiceGrpc;
import java.util.concurrent.TimeUnit;

/**
 * One channel to the engine with the {@code authorization: bearer} header on every call and gzip
 * requests, handing out the stubs of Hatchet's services. The token stays inside the interceptor.
 */
public final class EngineStubs implements AutoCloseable {

  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
  private static final String GZIP = "gzip";

  private final ManagedChannel channel;
  private final Channel authed;

  public EngineStubs(ManagedChannel channel, String token) {
    this.channel = channel;
    this.authed = ClientInterceptors.intercept(channel, new BearerInterceptor("bearer " + token));
  }

  public DispatcherGrpc.DispatcherStub dispatcher() {
    return DispatcherGrpc.newStub(authed).withCompression(GZIP);
  }

  public DispatcherGrpc.DispatcherFutureStub dispatcherFuture() {
    return DispatcherGrpc.newFutureStub(authed).withCompression(GZIP);
  }

  public DispatcherGrpc.DispatcherBlockingStub dispatcherBlocking() {
    return DispatcherGrpc.newBlockingStub(authed).withCompression(GZIP);
  }

  /** Hatchet's v1 dispatcher (the DurableTask stream of durable tasks). */
  public io.hatchetoperator.proto.v1.V1DispatcherGrpc.V1DispatcherStub v1Dispatcher() {
    return io.hatchetoperator.proto.v1.V1DispatcherGrpc.newStub(authed).withCompression(GZIP);
  }

  public AdminServiceGrpc.AdminServiceBlockingStub admin() {
    return AdminServiceGrpc.newBlockingStub(authed).withCompression(GZIP);
  }

  public AdminServiceGrpc.AdminServiceFutureStub adminFuture() {
    return AdminServiceGrpc.newFutureStub(authed).withCompression(GZIP);
  }

  public WorkflowServiceGrpc.WorkflowServiceFutureStub workflows() {
    return WorkflowServiceGrpc.newFutureStub(authed).withCompression(GZIP);
  }

  public EventsServiceGrpc.EventsServiceBlockingStub eventsBlocking() {
    return EventsServiceGrpc.newBlockingStub(authed).withCompression(GZIP);
  }

  public EventsServiceGrpc.EventsServiceFutureStub events() {
    return EventsServiceGrpc.newFutureStub(authed).withCompression(GZIP);
  }

  /** Closes gracefully: calls in flight may finish. */
  @Override
  public void close() {
    channel.shutdown();
    try {
      channel.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    channel.shutdownNow();
  }

  /** Closes at once: calls in flight are cancelled and nothing more is sent. */
  public void closeNow() {
    channel.shutdownNow();
  }

  private record BearerInterceptor(String value) implements ClientInterceptor {
    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method,
        CallOptions options, Channel next) {
      return new SimpleForwardingClientCall<>(next.newCall(method, options)) {
        @Override
        public void start(Listener<R> listener, Metadata headers) {
          headers.put(AUTHORIZATION, value);
          super.start(listener, headers);
        }
      };
    }

    @Override
    public String toString() {
      return "BearerInterceptor[<redacted>]";
    }
  }
}
