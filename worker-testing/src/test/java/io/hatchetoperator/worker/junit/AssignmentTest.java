package io.hatchetoperator.worker.junit;

import static org.assertj.core.api.Assertions.assertThat;

import io.hatchetoperator.worker.DesiredLabel;
import io.hatchetoperator.worker.TaskOptions;
import io.hatchetoperator.worker.TaskRef;
import io.hatchetoperator.worker.WorkerOptions;
import io.hatchetoperator.worker.WorkflowOptions;
import io.hatchetoperator.worker.WorkflowRef;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Where tasks run: required worker labels and sticky runs, sent in PutWorkflow and honoured by the dev engine. */
@ExtendWith(DevEngineExtension.class)
class AssignmentTest {
  record In(int n) {}
  record Where(String worker) {}
  record Both(Where first, Where second) {}

  /** The worker a task body runs on, from its thread's name ("hatchet-WORKER-task-N"). */
  static Where here() {
    String thread = Thread.currentThread().getName();
    return new Where(thread.substring("hatchet-".length(), thread.indexOf("-task-")));
  }

  @Test
  void aRequiredLabelSendsEveryRunToTheWorkerThatHasIt(HatchetTestEngine env) {
    TaskRef<In, Where> gpuOnly = env.hatchet().task("render", TaskOptions.builder()
        .desiredLabel("accelerator", DesiredLabel.required("a100")).build(), In.class, Where.class, (in, ctx) -> here());
    env.startWorker(env.hatchet(), "cpuworker", WorkerOptions.builder().slots(10).build(), gpuOnly);
    env.startWorker(env.hatchet(), "gpuworker", WorkerOptions.builder().slots(10).label("accelerator", "a100").build(),
        gpuOnly);

    List<Where> where = gpuOnly.runBulk(IntStream.range(0, 6).mapToObj(In::new).toList());

    assertThat(where).extracting(Where::worker).containsOnly("gpuworker");
  }

  @Test
  void aStickyRunKeepsAllItsTasksOnOneWorker(HatchetTestEngine env) {
    WorkflowRef<In, Both> flow = env.hatchet().workflow("sticky-flow", In.class, Both.class,
        WorkflowOptions.builder().sticky(WorkflowOptions.Sticky.HARD).build());
    TaskRef<In, Where> first = flow.task("first", Where.class, (in, ctx) -> here());
    flow.task("second", TaskOptions.builder().parents(first).build(), Where.class, (in, ctx) -> here());
    env.startWorker("stickya", 1, flow);
    env.startWorker("stickyb", 1, flow);

    List<Both> runs = flow.runBulk(IntStream.range(0, 6).mapToObj(In::new).toList());

    assertThat(runs).allSatisfy(b -> assertThat(b.second()).isEqualTo(b.first()));
    assertThat(runs.stream().map(b -> b.first().worker()).distinct()).as("both workers took runs").hasSize(2);
  }
}
