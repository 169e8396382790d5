package io.hatchetoperator.engine.grpc;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.hatchetoperator.engine.auth.TokenAuthority;
import io.hatchetoperator.engine.core.EngineException;

/** Checks {@code authorization: bearer <token>} on every call; UNAUTHENTICATED with the reason otherwise. */
public final class GrpcAuthInterceptor implements ServerInterceptor {

  private static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  private final TokenAuthority tokens;

  public GrpcAuthInterceptor(TokenAuthority tokens) {
    this.tokens = tokens;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
      ServerCallHandler<Q, R> next) {
    try {
      tokens.check(headers.get(AUTHORIZATION));
    } catch (EngineException e) {
      call.close(Status.UNAUTHENTICATED.withDescription(e.getMessage()), new Metadata());
      return new ServerCall.Listener<>() {};
    }
    return next.startCall(call, headers);
  }
}
