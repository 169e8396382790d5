package io.hatchetoperator.worker;

/**
 * The body of a typed task: the decoded input and the run's {@link Context} in, the output out (written
 * with the instance's ObjectMapper). Throwing fails the attempt; see {@link TaskOptions#isNonRetryable}.
 */
@FunctionalInterface
public interface TaskBody<I, O> {
  O run(I input, Context ctx) throws Exception;
}
