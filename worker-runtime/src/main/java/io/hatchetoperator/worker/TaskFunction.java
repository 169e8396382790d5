package io.hatchetoperator.worker;

/**
 * The body of a task: receives the decoded input and the run's {@link Context}, returns the output
 * (a record, map or anything Jackson can write; {@code null} sends an empty output). Called on a
 * task thread of the worker; an exception fails the run.
 */
@FunctionalInterface
public interface TaskFunction<I> {
  Object run(I input, Context ctx) throws Exception;
}
