package io.hatchetoperator.sandbox.process;

import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.HandlerRegistry;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerMethodDefinition;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.Server;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;

/**
 * One pod's own address for the engine's gRPC API: a transparent gRPC proxy on a free local port that
 * forwards every call, byte for byte, to the engine, and shows each message to a {@link EngineWireTap}. It
 * stands in for the pod's network identity: what crosses it belongs to that pod's process, so the sandbox
 * knows which engine workers a process registered and which task completions it reported, whatever the SDK.
 */
final class EngineProxy implements AutoCloseable {

  private static final int MAX_MESSAGE_BYTES = 64 * 1024 * 1024;
  private final ManagedChannel upstream;
  private final Server server;

  /** Starts a proxy to the engine at {@code engineHostPort}; every message goes through {@code tap}. */
  EngineProxy(String engineHostPort, EngineWireTap tap) {
    this.upstream = NettyChannelBuilder.forTarget(engineHostPort).usePlaintext()
        .maxInboundMessageSize(MAX_MESSAGE_BYTES).build();
    try {
      this.server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
          .permitKeepAliveTime(5, TimeUnit.SECONDS).permitKeepAliveWithoutCalls(true)
          .maxInboundMessageSize(MAX_MESSAGE_BYTES)
          .fallbackHandlerRegistry(new Registry(upstream, tap)).build().start();
    } catch (IOException e) {
      upstream.shutdownNow();
      throw new UncheckedIOException("the pod's engine proxy could not bind a local port: " + e.getMessage(), e);
    }
  }

  /** The {@code host:port} the pod's process uses as {@code HATCHET_CLIENT_HOST_PORT}. */
  String hostPort() {
    return "127.0.0.1:" + server.getPort();
  }

  /** Cuts the pod off the engine at once, as a dead pod's connections end. */
  @Override
  public void close() {
    server.shutdownNow();
    upstream.shutdownNow();
  }

  /** Every method name resolves to a forwarding handler of raw bytes. */
  private static final class Registry extends HandlerRegistry {
    private final ManagedChannel upstream;
    private final EngineWireTap tap;

    Registry(ManagedChannel upstream, EngineWireTap tap) {
      this.upstream = upstream;
      this.tap = tap;
    }

    @Override
    public ServerMethodDefinition<?, ?> lookupMethod(String methodName, String authority) {
      MethodDescriptor<byte[], byte[]> method = MethodDescriptor.<byte[], byte[]>newBuilder()
          .setFullMethodName(methodName).setType(MethodDescriptor.MethodType.UNKNOWN)
          .setRequestMarshaller(BYTES).setResponseMarshaller(BYTES).build();
      return ServerMethodDefinition.create(method, new Forward(upstream, method, tap));
    }
  }

  /** Forwards one call: requests up, responses, headers and trailers down, with flow control per message. */
  private record Forward(ManagedChannel upstream, MethodDescriptor<byte[], byte[]> method, EngineWireTap tap)
      implements ServerCallHandler<byte[], byte[]> {

    @Override
    public ServerCall.Listener<byte[]> startCall(ServerCall<byte[], byte[]> down, Metadata headers) {
      String name = method.getFullMethodName();
      EngineWireTap.Call seen = tap.call(name);
      ClientCall<byte[], byte[]> up = upstream.newCall(method, CallOptions.DEFAULT);
      up.start(new ClientCall.Listener<>() {
        @Override
        public void onHeaders(Metadata h) {
          synchronized (down) {
            down.sendHeaders(h);
          }
        }

        @Override
        public void onMessage(byte[] message) {
          seen.response(message);
          synchronized (down) {
            down.sendMessage(message);
          }
          synchronized (up) {
            up.request(1);
          }
        }

        @Override
        public void onClose(Status status, Metadata trailers) {
          seen.closed(status);
          synchronized (down) {
            down.close(status, trailers);
          }
        }
      }, headers);
      up.request(1);
      synchronized (down) {
        down.request(1);
      }
      return new ServerCall.Listener<>() {
        @Override
        public void onMessage(byte[] message) {
          seen.request(message);
          synchronized (up) {
            up.sendMessage(message);
          }
          synchronized (down) {
            down.request(1);
          }
        }

        @Override
        public void onHalfClose() {
          synchronized (up) {
            up.halfClose();
          }
        }

        @Override
        public void onCancel() {
          synchronized (up) {
            up.cancel("the pod's process cancelled the call", null);
          }
        }
      };
    }
  }

  private static final MethodDescriptor.Marshaller<byte[]> BYTES = new MethodDescriptor.Marshaller<>() {
    @Override
    public InputStream stream(byte[] value) {
      return new ByteArrayInputStream(value);
    }

    @Override
    public byte[] parse(InputStream stream) {
      try {
        return stream.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  };
}
