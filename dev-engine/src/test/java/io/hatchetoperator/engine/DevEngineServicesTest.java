package io.hatchetoperator.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.Timestamp;
import io.hatchetoperator.proto.dispatcher.ActionType;
import io.hatchetoperator.proto.dispatcher.AssignedAction;
import io.hatchetoperator.proto.dispatcher.DispatcherGrpc;
import io.hatchetoperator.proto.dispatcher.ResourceEventType;
import io.hatchetoperator.proto.dispatcher.SubscribeToWorkflowEventsRequest;
import io.hatchetoperator.proto.dispatcher.WorkerListenRequest;
import io.hatchetoperator.proto.dispatcher.WorkerRegisterRequest;
import io.hatchetoperator.proto.dispatcher.WorkflowEvent;
import io.hatchetoperator.proto.events.EventsServiceGrpc;
import io.hatchetoperator.proto.events.PushEventRequest;
import io.hatchetoperator.proto.v1.AdminServiceGrpc;
import io.hatchetoperator.proto.v1.CancelTasksRequest;
import io.hatchetoperator.proto.v1.CreateTaskOpts;
import io.hatchetoperator.proto.v1.CreateWorkflowVersionRequest;
import io.hatchetoperator.proto.v1.GetRunDetailsRequest;
import io.hatchetoperator.proto.v1.RunStatus;
import io.hatchetoperator.proto.v1.TriggerWorkflowRequest;
import io.hatchetoperator.proto.v1.TriggerWorkflowRunRequest;
import io.hatchetoperator.proto.workflows.BulkTriggerWorkflowRequest;
import io.hatchetoperator.proto.workflows.ScheduleWorkflowRequest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Events, bulk and scheduled triggers, v1 triggers, cancellation over the wire, run event streams, legacy Listen. */
class DevEngineServicesTest {

  private static DevEngine engine;
  private static RawWorker worker;
  private static RawClient client;

  @BeforeAll
  static void start() {
    engine = DevEngine.start(RawWorker.tolerantSettings());
    worker = new RawWorker(engine, "svc", 5, Map.of("echo", p -> "{\"ok\":true}", "hang", p -> RawWorker.SILENT));
    client = new RawClient(engine);
    admin().putWorkflow(CreateWorkflowVersionRequest.newBuilder().setName("on-event").addEventTriggers("user:created")
        .addTasks(CreateTaskOpts.newBuilder().setReadableId("echo").setAction("echo:echo")).build());
    await().until(() -> engine.scheduler().workers().get(0).status().equals("ACTIVE"));
  }

  @AfterAll
  static void stop() {
    client.close();
    worker.close();
    engine.close();
  }

  @Test
  void a_pushed_event_runs_the_workflows_that_listen_for_its_key() {
    var events = EventsServiceGrpc.newBlockingStub(client.channel).withCallCredentials(RawWorker.bearer(engine.token()));
    String eventId = events.push(PushEventRequest.newBuilder().setKey("user:created").setPayload("{\"u\":7}").build())
        .getEventId();
    await().until(() -> worker.received().stream().anyMatch(a -> eventId.equals(a.getTriggeringEventExternalId())));
    AssignedAction a = worker.received().stream().filter(x -> eventId.equals(x.getTriggeringEventExternalId()))
        .findFirst().orElseThrow();
    assertThat(a.getActionPayload()).startsWith("{\"input\":{\"u\":7}").contains("\"triggered_by\":\"event\"");
    assertThat(a.getTriggeringEventKey()).isEqualTo("user:created");
  }

  @Test
  void bulk_v1_and_scheduled_triggers_all_complete() {
    List<String> ids = client.blocking.bulkTriggerWorkflow(BulkTriggerWorkflowRequest.newBuilder()
        .addWorkflows(TriggerWorkflowRequest.newBuilder().setName("echo"))
        .addWorkflows(TriggerWorkflowRequest.newBuilder().setName("echo")).build()).getWorkflowRunIdsList();
    String v1 = admin().triggerWorkflowRun(TriggerWorkflowRunRequest.newBuilder().setWorkflowName("echo")
        .setInput(com.google.protobuf.ByteString.copyFromUtf8("{\"v\":1}")).build()).getExternalId();
    long in300ms = System.currentTimeMillis() + 300;
    var scheduled = client.blocking.scheduleWorkflow(ScheduleWorkflowRequest.newBuilder().setName("echo")
        .addSchedules(Timestamp.newBuilder().setSeconds(in300ms / 1000).setNanos((int) (in300ms % 1000) * 1_000_000))
        .build());
    assertThat(scheduled.getScheduledWorkflowsCount()).isEqualTo(1);
    for (String id : List.of(ids.get(0), ids.get(1), v1)) {
      await().until(() -> admin().getRunDetails(GetRunDetailsRequest.newBuilder().setExternalId(id).build()).getDone());
    }
    await().until(() -> engine.scheduler().counters().succeeded() >= 4);
  }

  @Test
  void cancelling_a_running_task_sends_cancel_on_the_listen_stream_and_ends_the_event_stream() {
    String run = client.blocking.triggerWorkflow(TriggerWorkflowRequest.newBuilder().setName("hang").build())
        .getWorkflowRunId();
    List<WorkflowEvent> events = new CopyOnWriteArrayList<>();
    DispatcherGrpc.newStub(client.channel).withCallCredentials(RawWorker.bearer(engine.token()))
        .subscribeToWorkflowEvents(SubscribeToWorkflowEventsRequest.newBuilder().setWorkflowRunId(run).build(),
            Streams.collect(events));
    await().until(() -> worker.received().stream().anyMatch(a -> a.getWorkflowRunId().equals(run)));
    var cancelled = admin().cancelTasks(CancelTasksRequest.newBuilder().addExternalIds(run).build());
    assertThat(cancelled.getCancelledTasksCount()).isEqualTo(1);
    await().until(() -> worker.received().stream()
        .anyMatch(a -> a.getWorkflowRunId().equals(run) && a.getActionType() == ActionType.CANCEL_STEP_RUN));
    await().until(() -> events.stream().anyMatch(WorkflowEvent::getHangup));
    assertThat(events).extracting(WorkflowEvent::getEventType).contains(ResourceEventType.RESOURCE_EVENT_TYPE_CANCELLED);
    assertThat(admin().getRunDetails(GetRunDetailsRequest.newBuilder().setExternalId(run).build()).getStatus())
        .isEqualTo(RunStatus.CANCELLED);
  }

  @Test
  void a_legacy_listen_worker_gets_work_without_heartbeats() {
    var dispatcher = DispatcherGrpc.newBlockingStub(client.channel).withCallCredentials(RawWorker.bearer(engine.token()));
    admin().putWorkflow(CreateWorkflowVersionRequest.newBuilder().setName("legacy")
        .addTasks(CreateTaskOpts.newBuilder().setReadableId("legacy").setAction("legacy:legacy")).build());
    String id = dispatcher.register(WorkerRegisterRequest.newBuilder().setWorkerName("old").addActions("legacy:legacy")
        .setSlots(1).build()).getWorkerId();
    List<AssignedAction> got = new CopyOnWriteArrayList<>();
    DispatcherGrpc.newStub(client.channel).withCallCredentials(RawWorker.bearer(engine.token()))
        .listen(WorkerListenRequest.newBuilder().setWorkerId(id).build(), Streams.collect(got));
    client.blocking.triggerWorkflow(TriggerWorkflowRequest.newBuilder().setName("legacy").build());
    await().until(() -> got.size() == 1);
    assertThat(got.get(0).getActionId()).isEqualTo("legacy:legacy");
  }

  private static AdminServiceGrpc.AdminServiceBlockingStub admin() {
    return AdminServiceGrpc.newBlockingStub(client.channel).withCallCredentials(RawWorker.bearer(engine.token()));
  }
}
