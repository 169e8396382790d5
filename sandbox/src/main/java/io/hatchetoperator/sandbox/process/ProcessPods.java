package io.hatchetoperator.sandbox.process;

import io.hatchetoperator.sandbox.cluster.PodLaunch;
import io.hatchetoperator.sandbox.cluster.PodProcess;
import io.hatchetoperator.sandbox.cluster.PodProcessFactory;

/**
 * The sandbox's container runtime: a pod whose first container has a {@code command} runs it as a child OS
 * process ({@link ProcessContainer}), any SDK, the image ignored; a container without one runs the
 * in-process Java worker made by {@code inProcess}, as before.
 */
public final class ProcessPods implements PodProcessFactory {

  private final ProcessPodContext context;
  private final PodProcessFactory inProcess;

  /** Process pods share {@code context}; the others come from {@code inProcess}. */
  public ProcessPods(ProcessPodContext context, PodProcessFactory inProcess) {
    this.context = context;
    this.inProcess = inProcess;
  }

  @Override
  public PodProcess create(PodLaunch launch) {
    return launch.hasCommand() ? new ProcessContainer(launch, context) : inProcess.create(launch);
  }
}
