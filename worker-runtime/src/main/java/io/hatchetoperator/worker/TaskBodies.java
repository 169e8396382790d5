package io.hatchetoperator.worker;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/** Adapts typed and async task bodies to the runtime's {@link TaskFunction}. Pure. */
final class TaskBodies {
  private TaskBodies() {}

  static <I, O> TaskFunction<I> of(TaskBody<I, O> body) {
    return body::run;
  }

  /**
   * Waits for the future on the task's thread (a virtual thread where the JDK has them), so the slot stays
   * held; an interrupt (the run was cancelled) cancels the future; its failure fails the run with its cause.
   */
  static <I, O> TaskFunction<I> ofAsync(AsyncTaskBody<I, O> body) {
    return (input, ctx) -> {
      CompletableFuture<O> future = body.run(input, ctx);
      if (future == null) {
        throw new NonRetryableException("async task '" + ctx.taskName() + "' returned no future: return "
            + "CompletableFuture.completedFuture(value) for an immediate result");
      }
      try {
        return future.get();
      } catch (InterruptedException e) {
        future.cancel(true);
        throw e;
      } catch (ExecutionException e) {
        throw e.getCause() instanceof Exception cause ? cause : e;
      } catch (CancellationException e) {
        throw new IllegalStateException("the future of task '" + ctx.taskName() + "' was cancelled", e);
      }
    };
  }
}
