package io.hatchetoperator.sandbox.process;

import java.util.List;

/** SIGKILL of a process and every process it started (Python's SDK runs its listener in a child process). */
final class ProcessTree {

  static void kill(Process process) {
    List<ProcessHandle> children = process.descendants().toList();
    process.destroyForcibly();
    children.forEach(ProcessHandle::destroyForcibly);
  }

  private ProcessTree() {}
}
