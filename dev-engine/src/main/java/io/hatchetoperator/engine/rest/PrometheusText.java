package io.hatchetoperator.engine.rest;

import io.hatchetoperator.engine.core.EngineCounters;
import io.hatchetoperator.engine.core.WorkerView;
import java.util.List;
import java.util.Map;

/** Writes the engine's {@code hatchet_tenant_*} gauges and counters (Hatchet's names and labels) in text format 0.0.4. */
final class PrometheusText {

  private PrometheusText() {}

  static String render(String tenant, List<WorkerView> workers, Map<String, Integer> queues,
      Map<String, String> workflowOfAction, EngineCounters c) {
    StringBuilder sb = new StringBuilder(1024);
    String[] names = {"worker_slots", "used_worker_slots", "available_worker_slots"};
    String[] help = {"slots of the worker", "slots in use", "slots free"};
    for (int i = 0; i < names.length; i++) {
      header(sb, "hatchet_tenant_" + names[i], help[i], "gauge");
      for (WorkerView w : workers) {
        if ("INACTIVE".equals(w.status())) {
          continue;
        }
        int limit = w.slotLimits().getOrDefault("default", 0);
        int used = w.slotsUsed().getOrDefault("default", 0);
        int value = i == 0 ? limit : i == 1 ? used : Math.max(0, limit - used);
        sb.append("hatchet_tenant_").append(names[i]).append("{tenant_id=\"").append(tenant).append("\",worker_id=\"")
            .append(w.id()).append("\",worker_name=\"").append(escape(w.name())).append("\"} ").append(value).append('\n');
      }
    }
    header(sb, "hatchet_tenant_queue_size", "tasks waiting in each queue", "gauge");
    queues.forEach((queue, size) -> sb.append("hatchet_tenant_queue_size{tenant_id=\"").append(tenant)
        .append("\",queue=\"").append(escape(queue)).append("\",workflow_name=\"")
        .append(escape(workflowOfAction.getOrDefault(queue, ""))).append("\"} ").append(size).append('\n'));
    counter(sb, tenant, "created_tasks", c.created());
    counter(sb, tenant, "assigned_tasks", c.assigned());
    counter(sb, tenant, "succeeded_tasks", c.succeeded());
    counter(sb, tenant, "failed_tasks", c.failed());
    counter(sb, tenant, "cancelled_tasks", c.cancelled());
    counter(sb, tenant, "retried_tasks", c.retried());
    counter(sb, tenant, "reassigned_tasks", c.reassigned());
    counter(sb, tenant, "timed_out_tasks", c.timedOut());
    return sb.toString();
  }

  private static void counter(StringBuilder sb, String tenant, String name, long value) {
    header(sb, "hatchet_tenant_" + name + "_total", name.replace('_', ' '), "counter");
    sb.append("hatchet_tenant_").append(name).append("_total{tenant_id=\"").append(tenant).append("\"} ").append(value)
        .append('\n');
  }

  private static void header(StringBuilder sb, String name, String help, String type) {
    sb.append("# HELP ").append(name).append(' ').append(help).append('\n');
    sb.append("# TYPE ").append(name).append(' ').append(type).append('\n');
  }

  private static String escape(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
  }
}
