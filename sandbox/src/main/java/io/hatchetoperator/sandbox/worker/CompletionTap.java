package io.hatchetoperator.sandbox.worker;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.ForwardingClientCallListener;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.hatchetoperator.proto.dispatcher.DispatcherGrpc;
import io.hatchetoperator.proto.dispatcher.StepActionEvent;
import io.hatchetoperator.proto.dispatcher.StepActionEventType;
import java.util.function.Consumer;

/**
 * Watches what workers tell the engine, on the wire: every COMPLETED step event the engine acknowledged is
 * one finished execution of that task. A task counted twice ran to completion twice (a duplicate).
 */
public final class CompletionTap implements ClientInterceptor {

  private static final String METHOD = DispatcherGrpc.getSendStepActionEventMethod().getFullMethodName();
  private volatile Consumer<String> sink = taskId -> { };

  /** From now on, each acknowledged completion goes to {@code sink} with the task's run id. */
  public void attach(Consumer<String> sink) {
    this.sink = sink;
  }

  /** One acknowledged completion seen elsewhere on the wire (a process pod's engine proxy). */
  public void record(String taskId) {
    sink.accept(taskId);
  }

  @Override
  public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
    ClientCall<Q, R> call = next.newCall(method, options);
    if (!METHOD.equals(method.getFullMethodName())) {
      return call;
    }
    return new ForwardingClientCall.SimpleForwardingClientCall<>(call) {
      private volatile String completedTask;

      @Override
      public void start(Listener<R> listener, Metadata headers) {
        super.start(new ForwardingClientCallListener.SimpleForwardingClientCallListener<>(listener) {
          @Override
          public void onClose(Status status, Metadata trailers) {
            String task = completedTask;
            if (status.isOk() && task != null) {
              sink.accept(task);
            }
            super.onClose(status, trailers);
          }
        }, headers);
      }

      @Override
      public void sendMessage(Q message) {
        if (message instanceof StepActionEvent e
            && e.getEventType() == StepActionEventType.STEP_EVENT_TYPE_COMPLETED) {
          completedTask = e.getTaskRunExternalId();
        }
        super.sendMessage(message);
      }
    };
  }
}
