package io.hatchetoperator.interop.faults;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ClientInterceptors;
import io.grpc.ForwardingClientCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.util.concurrent.TimeUnit;

/**
 * A worker's channel whose Heartbeat calls are lost while {@link #dropping} is set (they fail as a lost packet
 * would, with DEADLINE_EXCEEDED, and never reach the engine); every other call, the assignment stream included,
 * goes through. The engine sees a worker that stopped heartbeating.
 */
public final class HeartbeatBlackhole extends ManagedChannel {
  /** While true, heartbeats are lost. */
  public volatile boolean dropping;
  private final ManagedChannel delegate;
  private final Channel intercepted;

  public HeartbeatBlackhole(ManagedChannel delegate) {
    this.delegate = delegate;
    this.intercepted = ClientInterceptors.intercept(delegate, new ClientInterceptor() {
      @Override
      public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        if (!dropping || !method.getFullMethodName().equals("Dispatcher/Heartbeat")) {
          return next.newCall(method, options);
        }
        return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
          @Override
          public void start(Listener<R> listener, Metadata headers) {
            listener.onClose(Status.DEADLINE_EXCEEDED.withDescription("heartbeat lost"), new Metadata());
          }

          @Override
          public void request(int n) { }

          @Override
          public void sendMessage(Q message) { }

          @Override
          public void halfClose() { }
        };
      }
    });
  }

  @Override
  public <Q, R> ClientCall<Q, R> newCall(MethodDescriptor<Q, R> method, CallOptions options) {
    return intercepted.newCall(method, options);
  }

  @Override
  public String authority() {
    return delegate.authority();
  }

  @Override
  public ManagedChannel shutdown() {
    delegate.shutdown();
    return this;
  }

  @Override
  public boolean isShutdown() {
    return delegate.isShutdown();
  }

  @Override
  public boolean isTerminated() {
    return delegate.isTerminated();
  }

  @Override
  public ManagedChannel shutdownNow() {
    delegate.shutdownNow();
    return this;
  }

  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) throws InterruptedException {
    return delegate.awaitTermination(timeout, unit);
  }
}
