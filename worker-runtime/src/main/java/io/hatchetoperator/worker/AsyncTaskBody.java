package io.hatchetoperator.worker;

import java.util.concurrent.CompletableFuture;

/**
 * The body of a typed task that answers with a future: the run completes with the future's value or fails
 * with its exception. The run's slot is held until the future completes; a cancelled run cancels the future.
 */
@FunctionalInterface
public interface AsyncTaskBody<I, O> {
  CompletableFuture<O> run(I input, Context ctx) throws Exception;
}
