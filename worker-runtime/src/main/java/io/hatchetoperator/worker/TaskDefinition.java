package io.hatchetoperator.worker;

/** One task of a workflow: its name (readable id), options, input type and body. */
public record TaskDefinition<I>(String name, TaskOptions options, Class<I> inputType,
    TaskFunction<I> function) {}
