package io.hatchetoperator.engine;

import io.grpc.stub.StreamObserver;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Stream observers for the wire tests: collect every message, or complete a future with the first one. */
final class Streams {

  private Streams() {}

  /** Adds each message to {@code into}; errors and completion are ignored. */
  static <T> StreamObserver<T> collect(List<T> into) {
    return new StreamObserver<>() {
      @Override
      public void onNext(T value) {
        into.add(value);
      }

      @Override
      public void onError(Throwable t) {}

      @Override
      public void onCompleted() {}
    };
  }

  /** Completes {@code first} with the first message, or exceptionally with the stream's error. */
  static <T> StreamObserver<T> first(CompletableFuture<T> first) {
    return new StreamObserver<>() {
      @Override
      public void onNext(T value) {
        first.complete(value);
      }

      @Override
      public void onError(Throwable t) {
        first.completeExceptionally(t);
      }

      @Override
      public void onCompleted() {}
    };
  }
}
