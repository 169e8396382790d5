package io.hatchetoperator.sandbox;

import io.hatchetoperator.sandbox.report.RunReport;
import io.hatchetoperator.sandbox.report.ScaleEvent;
import io.hatchetoperator.sandbox.view.Sample;
import java.util.List;

/** What a finished run produced: the report's figures, the samples and the scale events. */
public record SandboxOutcome(RunReport report, List<Sample> samples, List<ScaleEvent> events) {}
