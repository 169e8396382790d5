package io.hatchetoperator.worker.runtime;

import io.hatchetoperator.proto.dispatcher.RuntimeInfo;
import io.hatchetoperator.proto.dispatcher.WorkerLabels;
import io.hatchetoperator.proto.dispatcher.WorkerRegisterRequest;
import io.hatchetoperator.proto.v1.Concurrency;
import io.hatchetoperator.proto.v1.ConcurrencyLimitStrategy;
import io.hatchetoperator.proto.v1.CreateTaskOpts;
import io.hatchetoperator.proto.v1.CreateTaskRateLimit;
import io.hatchetoperator.proto.v1.CreateWorkflowVersionRequest;
import io.hatchetoperator.worker.ConcurrencyLimit;
import io.hatchetoperator.worker.TaskDefinition;
import io.hatchetoperator.worker.TaskOptions;
import io.hatchetoperator.worker.WorkerOptions;
import io.hatchetoperator.worker.Workflow;
import io.hatchetoperator.worker.WorkflowOptions;
import io.hatchetoperator.worker.config.HatchetSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Builds the PutWorkflow and Register requests of a worker, named as Hatchet's SDKs name them. Pure. */
final class RegistrationRequests {
  static final String SDK_VERSION = "0.1.0";

  private RegistrationRequests() {}

  static CreateWorkflowVersionRequest putWorkflow(HatchetSettings settings, Workflow workflow) {
    CreateWorkflowVersionRequest.Builder request = CreateWorkflowVersionRequest.newBuilder()
        .setName(settings.namespaced(workflow.name()));
    workflow.inputJsonSchema().ifPresent(schema ->
        request.setInputJsonSchema(com.google.protobuf.ByteString.copyFromUtf8(schema)));
    WorkflowOptions w = workflow.options();
    w.onEvents().forEach(key -> request.addEventTriggers(settings.namespaced(key)));
    request.addAllCronTriggers(w.onCrons());
    workflow.cronInputJson().ifPresent(request::setCronInput);
    for (ConcurrencyLimit c : w.concurrency()) {
      request.addConcurrencyArr(Concurrency.newBuilder().setExpression(c.expression()).setMaxRuns(c.maxRuns())
          .setLimitStrategy(ConcurrencyLimitStrategy.valueOf(c.strategy().name())));
    }
    if (w.defaultPriority() != null) {
      request.setDefaultPriority(w.defaultPriority());
    }
    if (w.sticky() != null) {
      request.setSticky(io.hatchetoperator.proto.v1.StickyStrategy.valueOf(w.sticky().name()));
    }
    for (TaskDefinition<?> task : workflow.tasks()) {
      request.addTasks(taskOpts(settings, workflow, task));
    }
    workflow.onFailureTask().ifPresent(t -> request.setOnFailureTask(taskOpts(settings, workflow, t)));
    return request.build();
  }

  private static CreateTaskOpts taskOpts(HatchetSettings settings, Workflow workflow, TaskDefinition<?> task) {
    TaskOptions o = task.options();
    CreateTaskOpts.Builder opts = CreateTaskOpts.newBuilder()
        .setReadableId(task.name())
        .setAction(settings.actionId(workflow.name(), task.name()))
        .setTimeout(seconds(o.executionTimeout()))
        .setScheduleTimeout(seconds(o.scheduleTimeout()))
        .setInputs("{}")
        .addAllParents(o.parents())
        .setRetries(o.retries())
        .putAllSlotRequests(o.slotRequests())
        .setIsDurable(o.durable());
    if (o.backoffFactor() != null) {
      opts.setBackoffFactor(o.backoffFactor()).setBackoffMaxSeconds(o.backoffMaxSeconds());
    }
    for (io.hatchetoperator.worker.RateLimit r : o.rateLimits()) {
      CreateTaskRateLimit.Builder limit = CreateTaskRateLimit.newBuilder().setKey(r.key()).setUnits(r.units());
      if (r.keyExpr() != null) {
        limit.setKeyExpr(r.keyExpr()).setLimitValuesExpr(Integer.toString(r.limit()))
            .setDuration(io.hatchetoperator.proto.v1.RateLimitDuration.valueOf(r.window().name()));
      }
      opts.addRateLimits(limit);
    }
    if (!o.conditions().isEmpty()) {
      opts.setConditions(TaskConditionsPb.render(o.conditions(), settings::namespaced,
          () -> java.util.UUID.randomUUID().toString()));
    }
    for (ConcurrencyLimit c : o.concurrency()) {
      opts.addConcurrency(Concurrency.newBuilder().setExpression(c.expression()).setMaxRuns(c.maxRuns())
          .setLimitStrategy(ConcurrencyLimitStrategy.valueOf(c.strategy().name())));
    }
    o.desiredLabels().forEach((key, l) -> {
      io.hatchetoperator.proto.v1.DesiredWorkerLabels.Builder label = io.hatchetoperator.proto.v1.DesiredWorkerLabels
          .newBuilder().setRequired(l.required()).setWeight(l.weight())
          .setComparator(io.hatchetoperator.proto.v1.WorkerLabelComparator.valueOf(l.comparator().name()));
      if (l.stringValue() != null) {
        label.setStrValue(l.stringValue());
      } else {
        label.setIntValue(l.intValue());
      }
      opts.putWorkerLabels(key, label.build());
    });
    return opts.build();
  }

  /** Every action id the worker serves, in declaration order. */
  static List<String> actions(HatchetSettings settings, List<Workflow> workflows) {
    List<String> actions = new ArrayList<>();
    workflows.forEach(w -> w.servedTasks().forEach(t -> actions.add(settings.actionId(w.name(), t.name()))));
    return actions;
  }

  /**
   * The Register request: {@code slot_config} for engines from v0.78.23, else the legacy {@code slots}
   * field holding the default slot count.
   */
  static WorkerRegisterRequest register(HatchetSettings settings, String name, WorkerOptions options,
      List<Workflow> workflows, boolean slotConfig) {
    WorkerRegisterRequest.Builder request = WorkerRegisterRequest.newBuilder()
        .setWorkerName(name)
        .addAllActions(actions(settings, workflows))
        .addServices("default")
        .setRuntimeInfo(RuntimeInfo.newBuilder()
            .setSdkVersion(SDK_VERSION)
            .setLanguageVersion(System.getProperty("java.version", "unknown"))
            .setOs(System.getProperty("os.name", "unknown").toLowerCase(Locale.ROOT))
            .setExtra("hatchet-operator java worker runtime"));
    Map<String, String> labels = new LinkedHashMap<>(settings.presetLabels());
    labels.putAll(options.labels());
    labels.forEach((k, v) -> request.putLabels(k, WorkerLabels.newBuilder().setStrValue(v).build()));
    if (slotConfig) {
      request.putAllSlotConfig(options.slotConfig());
    } else {
      request.setSlots(options.slotConfig().getOrDefault(WorkerOptions.DEFAULT_SLOT_TYPE, 100));
    }
    return request.build();
  }

  /** The slot types the served tasks request (for {@link WorkerOptions#withDefaultSlotsFor}). */
  static java.util.Set<String> requestedSlotTypes(List<Workflow> workflows) {
    java.util.Set<String> types = new java.util.LinkedHashSet<>();
    workflows.forEach(w -> w.servedTasks().forEach(t -> types.addAll(t.options().slotRequests().keySet())));
    return types;
  }

  /** Checks every task's slot requests against the worker's slot types; the message says how to fix it. */
  static void checkSlotTypes(String workerName, WorkerOptions options, List<Workflow> workflows) {
    for (Workflow w : workflows) {
      for (TaskDefinition<?> t : w.servedTasks()) {
        t.options().slotRequests().forEach((type, units) -> {
          Integer have = options.slotConfig().get(type);
          if (have == null || have < units) {
            throw new IllegalArgumentException("task '" + w.name() + ":" + t.name() + "' requests "
                + units + " slot(s) of type '" + type + "' but worker '" + workerName + "' has "
                + (have == null ? "no such slot type" : have) + ": add WorkerOptions.builder().slotType(\""
                + type + "\", n) with n >= " + units);
          }
        });
      }
    }
  }

  private static String seconds(Duration d) {
    return Math.max(1, d.toSeconds()) + "s";
  }
}
