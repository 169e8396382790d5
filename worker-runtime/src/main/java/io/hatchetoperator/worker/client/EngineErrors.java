package io.hatchetoperator.worker.client;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.hatchetoperator.worker.EngineRejectedException;
import io.hatchetoperator.worker.EngineUnavailableException;
import io.hatchetoperator.worker.HatchetException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Turns gRPC failures into the SDK's exceptions, keeping the engine's words but none of gRPC's types. Pure. */
public final class EngineErrors {
  private EngineErrors() {}

  /** {@code error} as a {@link HatchetException} when it came from the engine; other exceptions unchanged. */
  public static RuntimeException translate(String what, Throwable error) {
    Throwable e = error;
    while ((e instanceof CompletionException || e instanceof ExecutionException) && e.getCause() != null) {
      e = e.getCause();
    }
    if (e instanceof HatchetException h) {
      return h;
    }
    if (!(e instanceof StatusRuntimeException) && !(e instanceof io.grpc.StatusException)) {
      return e instanceof RuntimeException r ? r : new IllegalStateException(what + " failed: " + e, e);
    }
    Status status = Status.fromThrowable(e);
    String said = status.getDescription() == null ? "" : ": " + status.getDescription();
    return switch (status.getCode()) {
      case UNAVAILABLE, DEADLINE_EXCEEDED -> new EngineUnavailableException(what + " failed, the engine is "
          + (status.getCode() == Status.Code.UNAVAILABLE ? "unreachable" : "not answering in time") + said
          + " (check HATCHET_CLIENT_HOST_PORT and that the engine runs; retrying later may succeed)", null);
      case UNAUTHENTICATED, PERMISSION_DENIED -> new EngineRejectedException(status.getCode().name(),
          what + " was refused by the engine" + said + " (set HATCHET_CLIENT_TOKEN to a valid token of this tenant)",
          null);
      default -> new EngineRejectedException(status.getCode().name(), what + " was refused by the engine ("
          + status.getCode() + ")" + said, null);
    };
  }
}
