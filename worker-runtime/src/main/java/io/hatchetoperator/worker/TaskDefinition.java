package io.hatchetoperator.worker;

import java.lang.reflect.Type;

/** One task of a workflow: its name (readable id), options, input type (a class or a generic type) and body. */
public record TaskDefinition<I>(String name, TaskOptions options, Type inputType, TaskFunction<I> function) {}
