package io.hatchetoperator.engine;

import io.grpc.ManagedChannel;
import io.grpc.stub.StreamObserver;
import io.hatchetoperator.proto.v1.DurableTaskRequest;
import io.hatchetoperator.proto.v1.DurableTaskResponse;
import io.hatchetoperator.proto.v1.V1DispatcherGrpc;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A raw DurableTask stream for engine tests: sends requests, takes responses in order. */
final class DurableStreamClient implements AutoCloseable {

  private final BlockingQueue<DurableTaskResponse> responses = new LinkedBlockingQueue<>();
  private final StreamObserver<DurableTaskRequest> requests;

  DurableStreamClient(ManagedChannel channel, String token) {
    requests = V1DispatcherGrpc.newStub(channel).withCallCredentials(RawWorker.bearer(token))
        .durableTask(new StreamObserver<>() {
          @Override
          public void onNext(DurableTaskResponse r) {
            responses.add(r);
          }

          @Override
          public void onError(Throwable t) {}

          @Override
          public void onCompleted() {}
        });
  }

  void send(DurableTaskRequest r) {
    synchronized (requests) {
      requests.onNext(r);
    }
  }

  /** The next response; fails after 5 s. */
  DurableTaskResponse next() throws InterruptedException {
    DurableTaskResponse r = responses.poll(5, TimeUnit.SECONDS);
    if (r == null) {
      throw new AssertionError("no DurableTask response within 5 s");
    }
    return r;
  }

  /** Null when nothing arrives within {@code millis}. */
  DurableTaskResponse poll(long millis) throws InterruptedException {
    return responses.poll(millis, TimeUnit.MILLISECONDS);
  }

  @Override
  public void close() {
    synchronized (requests) {
      requests.onCompleted();
    }
  }
}
