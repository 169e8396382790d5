package io.hatchetoperator.engine.grpc;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import io.hatchetoperator.engine.core.EngineException;
import io.hatchetoperator.engine.core.IdempotencyCollision;
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
    if (e instanceof IdempotencyCollision c) {
      return collision(method, c);
    }
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

  /**
   * Hatchet's answer to an idempotency key collision ({@code internal/services/admin/server_v1.go}): ALREADY_EXISTS
   * "idempotency key collision" with an IdempotencyCollisionError detail (one request) or a
   * BulkTriggerIdempotencyCollisionError detail (bulk: the runs that started and every collision), which the SDKs
   * decode from {@code grpc-status-details-bin}.
   */
  private static StatusRuntimeException collision(String method, IdempotencyCollision c) {
    com.google.protobuf.Message detail;
    if (method.startsWith("Bulk")) {
      var b = io.hatchetoperator.proto.v1.BulkTriggerIdempotencyCollisionError.newBuilder()
          .addAllSuccessfulWorkflowRunExternalIds(c.started());
      c.collisions().forEach(x -> b.addCollisions(io.hatchetoperator.proto.v1.IdempotencyCollisionError.newBuilder()
          .setExistingRunExternalId(x.existingRunId()).setCollidingRunExternalId(x.collidingRunId())));
      detail = b.build();
    } else {
      detail = io.hatchetoperator.proto.v1.IdempotencyCollisionError.newBuilder()
          .setExistingRunExternalId(c.collisions().get(0).existingRunId()).build();
    }
    return io.grpc.protobuf.StatusProto.toStatusRuntimeException(com.google.rpc.Status.newBuilder()
        .setCode(io.grpc.Status.Code.ALREADY_EXISTS.value()).setMessage("idempotency key collision")
        .addDetails(com.google.protobuf.Any.pack(detail)).build());
  }

  static StatusRuntimeException unimplemented(String what) {
    return Status.UNIMPLEMENTED.withDescription(what).asRuntimeException();
  }
}
