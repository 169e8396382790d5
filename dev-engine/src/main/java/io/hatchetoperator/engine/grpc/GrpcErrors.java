package io.hatchetoperator.engine.grpc;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.hatchetoperator.engine.core.EngineException;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs unary handlers and maps {@link EngineException}s to gRPC statuses; nothing a caller sends crashes the engine. */
final class GrpcErrors {

  private static final Logger LOG = LoggerFactory.getLogger(GrpcErrors.class);

  private GrpcErrors() {}

  /** Answers {@code out} with the body's value, or with the mapped error. */
  static <T> void unary(String method, StreamObserver<T> out, Supplier<T> body) {
    T value;
    try {
      value = body.get();
    } catch (RuntimeException e) {
      out.onError(status(method, e));
      return;
    }
    out.onNext(value);
    out.onCompleted();
  }

  static StatusRuntimeException status(String method, RuntimeException e) {
    if (e instanceof EngineException ee) {
      LOG.debug("{} rejected: {}", method, ee.getMessage());
      return code(ee.kind()).withDescription(ee.getMessage()).asRuntimeException();
    }
    if (e instanceof StatusRuntimeException sre) {
      return sre;
    }
    LOG.error("{} failed", method, e);
    return Status.INTERNAL.withDescription(method + " failed inside the dev engine: " + e).asRuntimeException();
  }

  static Status code(EngineException.Kind kind) {
    return switch (kind) {
      case INVALID_ARGUMENT -> Status.INVALID_ARGUMENT;
      case NOT_FOUND -> Status.NOT_FOUND;
      case FAILED_PRECONDITION -> Status.FAILED_PRECONDITION;
      case RESOURCE_EXHAUSTED -> Status.RESOURCE_EXHAUSTED;
      case UNAUTHENTICATED -> Status.UNAUTHENTICATED;
      case UNAVAILABLE -> Status.UNAVAILABLE;
    };
  }

  static StatusRuntimeException unimplemented(String what) {
    return Status.UNIMPLEMENTED.withDescription(what).asRuntimeException();
  }
}
