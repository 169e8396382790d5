package io.hatchetoperator.worker;

import io.hatchetoperator.worker.client.HatchetClient;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

/** A triggered run: its id, its typed result (awaited when asked for), cancellation and details. */
public final class RunHandle<O> {
  private final String runId;
  private final Supplier<HatchetClient> client;
  private final Function<RunResult, O> decode;

  RunHandle(String runId, Supplier<HatchetClient> client, Function<RunResult, O> decode) {
    this.runId = runId;
    this.client = client;
    this.decode = decode;
  }

  /** The workflow run's id (what the engine, the dashboard and {@link HatchetClient#runDetails} know it by). */
  public String runId() {
    return runId;
  }

  /** Waits for the run; throws {@link TaskFailedException}, {@link RunCancelledException} or an engine exception. */
  public O result() {
    return HatchetClient.join(resultAsync());
  }

  /** Completes with the run's output, or fails with the same exceptions as {@link #result()}. */
  public CompletableFuture<O> resultAsync() {
    return client.get().result(runId).thenApply(decode);
  }

  /** Cancels the run; its waiters get {@link RunCancelledException}. Returns whether the engine cancelled it now. */
  public boolean cancel() {
    return !client.get().cancel(List.of(runId)).isEmpty();
  }

  /** Calls {@code onChunk} with each chunk the run's tasks stream from now on ({@link Context#putStream}); close to stop. */
  public AutoCloseable stream(java.util.function.Consumer<String> onChunk) {
    return client.get().stream(runId, onChunk);
  }

  /** The run's status, input and task runs as the engine reports them now. */
  public RunDetails details() {
    return client.get().runDetails(runId);
  }

  @Override
  public String toString() {
    return "RunHandle[" + runId + "]";
  }
}
