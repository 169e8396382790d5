package io.hatchetoperator.engine.core;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.UnknownFieldSet;
import io.hatchetoperator.proto.v1.Concurrency;
import io.hatchetoperator.proto.v1.CreateTaskOpts;
import io.hatchetoperator.proto.v1.CreateWorkflowVersionRequest;
import io.hatchetoperator.proto.v1.IdempotencyConfig;
import io.hatchetoperator.proto.v1.TaskBatchConfig;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** PutWorkflow refuses, naming the feature and the field, every option the engine would otherwise ignore. */
class FeatureAuditTest {

  private final WorkflowRegistry registry = new WorkflowRegistry();

  private void rejects(UnaryOperator<CreateWorkflowVersionRequest.Builder> change, String... fragments) {
    CreateWorkflowVersionRequest.Builder b = CreateWorkflowVersionRequest.newBuilder().setName("wf")
        .addTasks(Engines.task("wf", "t"));
    var assertion = assertThatThrownBy(() -> registry.put(change.apply(b).build()))
        .isInstanceOf(EngineException.class).hasMessageContaining("workflow 'wf'");
    for (String f : fragments) {
      assertion.hasMessageContaining(f);
    }
  }

  @Test
  void workflow_level_options_the_engine_cannot_enforce_are_named() {
    rejects(b -> b.setIdempotency(IdempotencyConfig.newBuilder().setExpression("input.id").setTtlMs(0)),
        "idempotency of workflow 'wf'.ttl_ms = 0");
    rejects(b -> b.setDefaultPriority(4), "default_priority = 4", "1 (low, the default), 2 or 3");
  }

  @Test
  void task_level_options_the_engine_cannot_enforce_are_named() {
    rejects(b -> b.setTasks(0, Engines.task("wf", "t").setBatch(TaskBatchConfig.newBuilder().setBatchMaxSize(5))),
        "tasks[0] ('t')", "batch");
    rejects(b -> b.setOnFailureTask(Engines.task("wf", "of").setBatch(TaskBatchConfig.newBuilder()
        .setBatchMaxSize(2))), "on_failure_task ('of')", "batch");
  }

  @Test
  void a_field_unknown_to_the_engine_s_contract_is_refused_wherever_it_sits() {
    UnknownFieldSet extra = UnknownFieldSet.newBuilder().addField(6, UnknownFieldSet.Field.newBuilder()
        .addLengthDelimited(com.google.protobuf.ByteString.copyFromUtf8("input.n")).build()).build();
    rejects(b -> b.setUnknownFields(extra), "CreateWorkflowVersionRequest field number 6");
    rejects(b -> b.setTasks(0, Engines.task("wf", "t").addConcurrency(Concurrency.newBuilder()
        .setExpression("input.n").setUnknownFields(extra))), "Concurrency field number 6");
  }
}
