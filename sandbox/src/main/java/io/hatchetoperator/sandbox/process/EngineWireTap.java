package io.hatchetoperator.sandbox.process;

import com.google.protobuf.InvalidProtocolBufferException;
import io.grpc.Status;
import io.hatchetoperator.proto.dispatcher.DispatcherGrpc;
import io.hatchetoperator.proto.dispatcher.StepActionEvent;
import io.hatchetoperator.proto.dispatcher.StepActionEventType;
import io.hatchetoperator.proto.dispatcher.WorkerRegisterResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * What one pod's process says to the engine, read off its {@link EngineProxy}: the workers it registered
 * (from each {@code Register} response) and every {@code SendStepActionEvent} COMPLETED the engine
 * acknowledged (one finished execution of that task, the same signal the in-process workers' tap counts).
 * Messages are parsed with Hatchet's own proto types; anything else passes untouched.
 */
final class EngineWireTap {

  private static final String REGISTER = DispatcherGrpc.getRegisterMethod().getFullMethodName();
  private static final String STEP_EVENT = DispatcherGrpc.getSendStepActionEventMethod().getFullMethodName();
  private static final Call IGNORED = new Call();
  private final List<String> workerIds = new CopyOnWriteArrayList<>();
  private final Consumer<String> completions;

  /** Acknowledged completions go to {@code completions} with the task run's external id. */
  EngineWireTap(Consumer<String> completions) {
    this.completions = completions;
  }

  /** The engine worker ids this process registered so far, oldest first. */
  List<String> workerIds() {
    return List.copyOf(workerIds);
  }

  Call call(String fullMethodName) {
    if (REGISTER.equals(fullMethodName)) {
      return new Call() {
        @Override
        void response(byte[] message) {
          try {
            workerIds.add(WorkerRegisterResponse.parseFrom(message).getWorkerId());
          } catch (InvalidProtocolBufferException e) {
            // not a Register response we can read: the engine will tell the process
          }
        }
      };
    }
    if (STEP_EVENT.equals(fullMethodName)) {
      return new Call() {
        private volatile String completedTask;

        @Override
        void request(byte[] message) {
          try {
            StepActionEvent e = StepActionEvent.parseFrom(message);
            if (e.getEventType() == StepActionEventType.STEP_EVENT_TYPE_COMPLETED) {
              completedTask = e.getTaskRunExternalId();
            }
          } catch (InvalidProtocolBufferException e) {
            // unreadable: the engine rejects it and nothing completed
          }
        }

        @Override
        void closed(Status status) {
          String task = completedTask;
          if (status.isOk() && task != null) {
            completions.accept(task);
          }
        }
      };
    }
    return IGNORED;
  }

  /** One call's messages; the default ignores them. */
  static class Call {
    void request(byte[] message) {}

    void response(byte[] message) {}

    void closed(Status status) {}
  }
}
