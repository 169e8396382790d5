package io.hatchetoperator.engine.core;

/** What a worker reports about a task (StepActionEvent types the engine acts on). */
public enum TaskEventKind { STARTED, COMPLETED, FAILED, CANCELLED }
