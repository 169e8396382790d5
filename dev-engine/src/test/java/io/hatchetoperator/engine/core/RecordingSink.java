package io.hatchetoperator.engine.core;

import java.util.ArrayList;
import java.util.List;

/** An {@link ActionSink} that records what the scheduler sent to one worker. */
final class RecordingSink implements ActionSink {

  final List<TaskRun> started = new ArrayList<>();
  final List<TaskRun> cancelled = new ArrayList<>();
  boolean closed;
  String workerId;

  @Override
  public void start(TaskRun task) {
    started.add(task);
  }

  @Override
  public void cancel(TaskRun task) {
    cancelled.add(task);
  }

  @Override
  public void close() {
    closed = true;
  }

  TaskRun last() {
    return started.get(started.size() - 1);
  }
}
