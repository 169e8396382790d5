package io.hatchetoperator.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.Server;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.hatchetoperator.proto.dispatcher.DispatcherGrpc;
import io.hatchetoperator.proto.dispatcher.GetVersionRequest;
import io.hatchetoperator.proto.dispatcher.GetVersionResponse;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * SDK clients ping every 10 s even with no call open. The engine must tolerate it; a grpc-java server with default
 * settings answers GOAWAY too_many_pings instead (the control, run side by side, shows the test can tell).
 */
class KeepaliveIT {

  @Test
  void pings_every_10s_without_calls_keep_the_connection_to_the_engine_open() throws Exception {
    Server control = NettyServerBuilder.forPort(0).addService(new DispatcherGrpc.DispatcherImplBase() {
      @Override
      public void getVersion(GetVersionRequest r, io.grpc.stub.StreamObserver<GetVersionResponse> out) {
        out.onNext(GetVersionResponse.newBuilder().setVersion("control").build());
        out.onCompleted();
      }
    }).build().start();
    try (DevEngine engine = DevEngine.start(DevEngineSettings.ephemeral())) {
      ManagedChannel toEngine = pinging(engine.grpcPort());
      ManagedChannel toControl = pinging(control.getPort());
      DispatcherGrpc.newBlockingStub(toEngine).withCallCredentials(RawWorker.bearer(engine.token()))
          .getVersion(GetVersionRequest.getDefaultInstance());
      DispatcherGrpc.newBlockingStub(toControl).getVersion(GetVersionRequest.getDefaultInstance());
      Thread.sleep(36_000);
      assertThat(toControl.getState(false)).as("default server sent GOAWAY").isNotEqualTo(ConnectivityState.READY);
      assertThat(toEngine.getState(false)).as("engine kept the connection").isEqualTo(ConnectivityState.READY);
      toEngine.shutdownNow();
      toControl.shutdownNow();
    } finally {
      control.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  private static ManagedChannel pinging(int port) {
    return NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().keepAliveTime(10, TimeUnit.SECONDS)
        .keepAliveWithoutCalls(true).build();
  }
}
