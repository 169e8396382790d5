package io.hatchetoperator.engine.grpc;

import io.grpc.stub.StreamObserver;
import io.hatchetoperator.engine.core.EngineException;
import io.hatchetoperator.engine.core.Ids;
import io.hatchetoperator.engine.core.Json;
import io.hatchetoperator.engine.core.Scheduler;
import io.hatchetoperator.engine.core.TaskLogs;
import io.hatchetoperator.engine.core.TriggerRequest;
import io.hatchetoperator.proto.events.*;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@code EventsService}: events trigger the workflows that listen for their key; task logs and stream chunks. */
public final class GrpcEvents extends EventsServiceGrpc.EventsServiceImplBase {

  private static final Logger LOG = LoggerFactory.getLogger(GrpcEvents.class);
  private static final int KEPT_EVENTS = 10_000;

  private final Scheduler scheduler;
  private final Clock clock;
  private final TaskLogs logs;
  private final Map<String, Event> recent = new LinkedHashMap<>(16, 0.75f, false) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Event> eldest) {
      return size() > KEPT_EVENTS;
    }
  };

  public GrpcEvents(Scheduler scheduler, Clock clock, TaskLogs logs) {
    this.scheduler = scheduler;
    this.clock = clock;
    this.logs = logs;
  }

  @Override
  public void push(PushEventRequest req, StreamObserver<Event> out) {
    GrpcErrors.unary("Push", out, () -> push("", req));
  }

  @Override
  public void bulkPush(BulkPushEventRequest req, StreamObserver<Events> out) {
    GrpcErrors.unary("BulkPush", out, () -> {
      List<Event> events = new ArrayList<>();
      for (int i = 0; i < req.getEventsCount(); i++) {
        check("events[" + i + "].", req.getEvents(i));
      }
      for (int i = 0; i < req.getEventsCount(); i++) {
        events.add(push("events[" + i + "].", req.getEvents(i)));
      }
      return Events.newBuilder().addAllEvents(events).build();
    });
  }

  @Override
  public void replaySingleEvent(ReplayEventRequest req, StreamObserver<Event> out) {
    GrpcErrors.unary("ReplaySingleEvent", out, () -> {
      Event old;
      synchronized (recent) {
        old = recent.get(Ids.require("event_id", req.getEventId()));
      }
      if (old == null) {
        throw EngineException.notFound("event_id = " + req.getEventId() + " is not one of the last " + KEPT_EVENTS
            + " events of this engine");
      }
      PushEventRequest.Builder again = PushEventRequest.newBuilder().setKey(old.getKey()).setPayload(old.getPayload())
          .setAdditionalMetadata(old.getAdditionalMetadata());
      if (old.hasScope()) {
        again.setScope(old.getScope());
      }
      return push("", again.build());
    });
  }

  @Override
  public void putLog(PutLogRequest req, StreamObserver<PutLogResponse> out) {
    GrpcErrors.unary("PutLog", out, () -> {
      String taskId = Ids.require("task_run_external_id", req.getTaskRunExternalId());
      TaskLogs.Line line = scheduler.readTask(taskId, t -> new TaskLogs.Line(
          req.hasCreatedAt() && req.getCreatedAt().getSeconds() > 0 ? req.getCreatedAt().getSeconds() * 1000
              + req.getCreatedAt().getNanos() / 1_000_000 : clock.millis(),
          req.getMessage(), TaskLogs.level(req.hasLevel() ? req.getLevel() : null),
          req.getMetadata().isEmpty() ? "{}" : Json.requireObject("metadata", req.getMetadata()), taskId,
          t.def().readableId(), req.hasTaskRetryCount() ? req.getTaskRetryCount() : t.retryCount()));
      logs.put(line);
      LOG.debug("task {} [{}]: {}", taskId, line.level(), line.message());
      return PutLogResponse.getDefaultInstance();
    });
  }

  @Override
  public void putStreamEvent(PutStreamEventRequest req, StreamObserver<PutStreamEventResponse> out) {
    GrpcErrors.unary("PutStreamEvent", out, () -> {
      scheduler.streamEvent(req.getTaskRunExternalId(), req.getMessage().toString(StandardCharsets.UTF_8));
      return PutStreamEventResponse.getDefaultInstance();
    });
  }

  private static void check(String prefix, PushEventRequest req) {
    if (req.getKey().isBlank()) {
      throw EngineException.invalid(prefix + "key is empty; events need a key such as 'user:created'");
    }
    Json.requireObject(prefix + "payload", req.getPayload());
    Json.requireObject(prefix + "additional_metadata", req.getAdditionalMetadata());
  }

  private Event push(String prefix, PushEventRequest req) {
    check(prefix, req);
    String id = Ids.uuid();
    String payload = Json.requireObject(prefix + "payload", req.getPayload());
    String meta = Json.requireObject(prefix + "additional_metadata", req.getAdditionalMetadata());
    TriggerRequest base = new TriggerRequest("", payload, meta, req.hasPriority() ? req.getPriority() : null,
        null, null, null, null, null, null);
    List<String> runs = scheduler.triggerEvent(id, req.getKey(), req.hasScope() ? req.getScope() : null, base);
    scheduler.durable().eventPushed(req.getKey(), req.hasScope() ? req.getScope() : null, payload);
    LOG.debug("event '{}' ({}) started runs {}", req.getKey(), id, runs);
    Event.Builder e = Event.newBuilder().setTenantId(scheduler.tenantId()).setEventId(id).setKey(req.getKey())
        .setPayload(payload).setAdditionalMetadata(meta)
        .setEventTimestamp(req.hasEventTimestamp() ? req.getEventTimestamp() : GrpcDispatcher.timestamp(clock.millis()));
    if (req.hasScope()) {
      e.setScope(req.getScope());
    }
    Event event = e.build();
    synchronized (recent) {
      recent.put(id, event);
    }
    return event;
  }
}
