package io.hatchetoperator.worker;

import static org.assertj.core.api.Assertions.assertThat;

import io.hatchetoperator.proto.dispatcher.WorkerRegisterRequest;
import io.hatchetoperator.proto.v1.CreateTaskOpts;
import io.hatchetoperator.proto.v1.CreateWorkflowVersionRequest;
import io.hatchetoperator.worker.testing.TestingEngine;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** PutWorkflow, GetVersion, Register and Listen as the engine expects them, including the fallbacks. */
class WorkerRegistrationTest {
  private TestingEngine engine;
  private Worker worker;

  @BeforeEach
  void setUp() throws Exception {
    engine = new TestingEngine();
  }

  @AfterEach
  void tearDown() {
    if (worker != null) {
      worker.kill();
    }
    engine.close();
  }

  private Worker startSimple(Hatchet hatchet) throws Exception {
    Workflow simple = hatchet.workflow("simpletask").task("step1", (input, ctx) -> Map.of("ok", true));
    worker = hatchet.worker("test-worker", WorkerOptions.builder().slots(5).build(), simple);
    worker.startAsync().get(30, TimeUnit.SECONDS);
    org.awaitility.Awaitility.await().until(() -> !engine.dispatcher.listenCalls.isEmpty());
    return worker;
  }

  @Test
  void registersWorkflowsThenTheWorkerWithSlotConfigAndListensV2() throws Exception {
    Hatchet hatchet = engine.hatchet().build();
    String id = startSimple(hatchet).startAsync().get();

    CreateWorkflowVersionRequest put = engine.admin.putWorkflows.get(0);
    assertThat(put.getName()).isEqualTo("simpletask");
    CreateTaskOpts task = put.getTasks(0);
    assertThat(task.getReadableId()).isEqualTo("step1");
    assertThat(task.getAction()).isEqualTo("simpletask:step1");
    assertThat(task.getTimeout()).isEqualTo("60s");
    assertThat(task.getSlotRequestsMap()).containsEntry("default", 1);

    WorkerRegisterRequest register = engine.dispatcher.registers.get(0);
    assertThat(register.getWorkerName()).isEqualTo("test-worker");
    assertThat(register.getActionsList()).containsExactly("simpletask:step1");
    assertThat(register.getServicesList()).containsExactly("default");
    assertThat(register.getSlotConfigMap()).containsExactly(Map.entry("default", 5));
    assertThat(register.hasSlots()).isFalse();
    assertThat(engine.dispatcher.listenCalls).containsExactly("ListenV2");
    assertThat(worker.workerId()).contains(id);
    assertThat(worker.isReady()).isTrue();
    assertThat(engine.authorizations).isNotEmpty().allMatch(h -> h.equals("bearer " + engine.token()));
  }

  record Signup(String email, int age) {}

  @Test
  void sendsTheJsonSchemaOfARecordInputInInputJsonSchemaAndNoneForMaps() throws Exception {
    Hatchet hatchet = engine.hatchet().build();
    TaskRef<Signup, Signup> typed = hatchet.task("signup", Signup.class, Signup.class, (s, ctx) -> s);
    Workflow untyped = hatchet.workflow("untyped").task("step", (input, ctx) -> input);
    worker = hatchet.worker("schema-worker", WorkerOptions.slots(2), typed, untyped);
    worker.startAsync().get(30, TimeUnit.SECONDS);

    CreateWorkflowVersionRequest signup = engine.admin.putWorkflows.stream()
        .filter(p -> p.getName().equals("signup")).findFirst().orElseThrow();
    assertThat(signup.getInputJsonSchema().toStringUtf8()).isEqualTo("{\"type\":\"object\",\"title\":\"Signup\","
        + "\"properties\":{\"email\":{\"type\":\"string\"},\"age\":{\"type\":\"integer\"}},"
        + "\"required\":[\"email\",\"age\"]}");
    assertThat(engine.admin.putWorkflows.stream().filter(p -> p.getName().equals("untyped")).findFirst()
        .orElseThrow().hasInputJsonSchema()).isFalse();
  }

  @Test
  void sendsTaskOptionsAsTheEngineReadsThem() throws Exception {
    Hatchet hatchet = engine.hatchet().build();
    Workflow resize = hatchet.workflow("Resize").task("thumb", TaskOptions.builder().retries(3)
        .backoff(2.0f, 60).executionTimeout(java.time.Duration.ofMinutes(2))
        .scheduleTimeout(java.time.Duration.ofHours(1)).slots("gpu", 2).build(), (input, ctx) -> null);
    worker = hatchet.worker("gpu-worker", WorkerOptions.builder().slots(4).slotType("gpu", 2).build(), resize);
    worker.startAsync().get(30, TimeUnit.SECONDS);

    CreateWorkflowVersionRequest put = engine.admin.putWorkflows.get(0);
    assertThat(put.getName()).isEqualTo("Resize");
    CreateTaskOpts task = put.getTasks(0);
    assertThat(task.getAction()).isEqualTo("resize:thumb");
    assertThat(task.getRetries()).isEqualTo(3);
    assertThat(task.getBackoffFactor()).isEqualTo(2.0f);
    assertThat(task.getBackoffMaxSeconds()).isEqualTo(60);
    assertThat(task.getTimeout()).isEqualTo("120s");
    assertThat(task.getScheduleTimeout()).isEqualTo("3600s");
    assertThat(task.getSlotRequestsMap()).containsExactly(Map.entry("gpu", 2));
    assertThat(engine.dispatcher.registers.get(0).getSlotConfigMap())
        .containsEntry("default", 4).containsEntry("gpu", 2);
  }

  @Test
  void aTaskNeedingASlotTypeTheWorkerLacksIsRejectedWithTheFix() {
    Hatchet hatchet = engine.hatchet().build();
    Workflow gpu = hatchet.workflow("gpu").task("t", TaskOptions.builder().slots("gpu", 1).build(), (i, c) -> null);

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> hatchet.worker("cpu-only", WorkerOptions.slots(2), gpu))
        .hasMessage("task 'gpu:t' requests 1 slot(s) of type 'gpu' but worker 'cpu-only' has no such slot type: "
            + "add WorkerOptions.builder().slotType(\"gpu\", n) with n >= 1");
  }

  @Test
  void usesTheLegacySlotsFieldWhenGetVersionIsUnimplemented() throws Exception {
    engine.dispatcher.versionUnimplemented = true;
    startSimple(engine.hatchet().build());

    WorkerRegisterRequest register = engine.dispatcher.registers.get(0);
    assertThat(register.getSlots()).isEqualTo(5);
    assertThat(register.getSlotConfigMap()).isEmpty();
  }

  @Test
  void usesTheLegacySlotsFieldForEnginesOlderThanV0_78_23() throws Exception {
    engine.dispatcher.version = "v0.78.22";
    startSimple(engine.hatchet().build());

    assertThat(engine.dispatcher.registers.get(0).getSlots()).isEqualTo(5);
    assertThat(engine.dispatcher.registers.get(0).getSlotConfigMap()).isEmpty();
  }

  @Test
  void fallsBackToListenWhenListenV2IsUnimplemented() throws Exception {
    engine.dispatcher.listenV2Unimplemented = true;
    startSimple(engine.hatchet().build());

    org.awaitility.Awaitility.await().until(() -> engine.dispatcher.listenCalls.contains("Listen"));
    assertThat(engine.dispatcher.registers).hasSize(1);
  }

  @Test
  void namespacesWorkflowNamesAndActionsAndAddsPresetLabels() throws Exception {
    Hatchet hatchet = engine.hatchet()
        .env(Map.of("HATCHET_CLIENT_TOKEN", engine.token(), "HATCHET_CLIENT_TLS_STRATEGY", "none",
            "HATCHET_CLIENT_NAMESPACE", "Dev",
            "HATCHET_CLIENT_WORKER_PRESET_LABELS", "{\"hatchet-operator.io/pod\":\"pool-abc\"}"))
        .build();
    startSimple(hatchet);

    assertThat(engine.admin.putWorkflows.get(0).getName()).isEqualTo("dev_simpletask");
    assertThat(engine.admin.putWorkflows.get(0).getTasks(0).getReadableId()).isEqualTo("step1");
    WorkerRegisterRequest register = engine.dispatcher.registers.get(0);
    assertThat(register.getActionsList()).containsExactly("dev_simpletask:step1");
    assertThat(register.getLabelsMap().get("hatchet-operator.io/pod").getStrValue()).isEqualTo("pool-abc");
  }
}
