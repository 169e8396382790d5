package io.hatchetoperator.operator.autoscaling;

import io.hatchetoperator.operator.engine.HatchetJson;
import io.hatchetoperator.operator.engine.HatchetStubServer;
import io.hatchetoperator.operator.engine.HatchetStubServer.Answer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * A scripted Hatchet tenant on a {@link HatchetStubServer}: a queue per task and workers whose busy
 * slots the test sets; PATCH /workers/{id} pauses and unpauses them as Hatchet does.
 */
final class FakeHatchet {

  /** One worker of the fake engine. */
  static final class Worker {
    final String id;
    final String pool;
    final String pod;
    final int slots;
    volatile int busy;
    volatile boolean paused;
    volatile Map<String, String> labels;

    Worker(String id, String pool, String pod, int slots) {
      this.id = id;
      this.pool = pool;
      this.pod = pod;
      this.slots = slots;
      this.labels = Map.of(PoolInputsMapper.POOL_LABEL, pool, PoolInputsMapper.POD_LABEL, pod);
    }

    Map<String, String> labels() {
      return labels;
    }
  }

  final String tenant;
  final Map<String, Worker> workers = new ConcurrentHashMap<>();
  final Map<String, long[]> tasks = new ConcurrentHashMap<>();
  private final HatchetStubServer server;

  FakeHatchet(HatchetStubServer server, String tenant) {
    this.server = server;
    this.tenant = tenant;
    server.on("/api/v1/tenants/" + tenant + "/task-stats", request -> Answer.json(200, "{"
        + tasks.entrySet().stream().map(e -> HatchetJson.taskStat(e.getKey(), e.getValue()[0],
            e.getValue()[1], e.getValue()[0] > 0 ? "2026-11-28T11:59:50Z" : null))
            .collect(Collectors.joining(",")) + "}"));
    server.on("/api/v1/tenants/" + tenant + "/worker", request -> Answer.json(200,
        HatchetJson.workerList(workers.values().stream().map(w -> HatchetJson.worker(w.id,
            w.paused ? "PAUSED" : "ACTIVE", w.busy, w.slots, w.labels()))
            .toList(), 1, 1)));
  }

  Worker worker(String id, String pool, String pod, int slots, int busy) {
    Worker worker = new Worker(id, pool, pod, slots);
    worker.busy = busy;
    workers.put(id, worker);
    server.on("/api/v1/workers/" + id, request -> {
      if (request.method().equals("PATCH")) {
        worker.paused = request.body().contains("true");
      }
      return Answer.json(200, HatchetJson.worker(id, worker.paused ? "PAUSED" : "ACTIVE",
          worker.busy, slots, Map.of()));
    });
    return worker;
  }

  /** A worker whose SDK reports no preset labels (e.g. TypeScript without the labels snippet). */
  Worker unlabelled(String id, int slots, int busy) {
    Worker worker = worker(id, "", "", slots, busy);
    worker.labels = Map.of();
    return worker;
  }

  void task(String name, long queued, long running) {
    tasks.put(name, new long[] {queued, running});
  }

  List<String> pauses(String workerId) {
    return server.requests("/api/v1/workers/" + workerId).stream()
        .filter(r -> r.method().equals("PATCH")).map(HatchetStubServer.Request::body).toList();
  }
}
