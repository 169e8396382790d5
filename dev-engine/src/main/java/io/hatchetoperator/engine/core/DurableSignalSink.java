package io.hatchetoperator.engine.core;

/** A legacy ListenForDurableEvent stream: gets a signal's match data once. Called with the scheduler's lock held. */
public interface DurableSignalSink {

  void signal(String taskId, String signalKey, String dataJson);
}
