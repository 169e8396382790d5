package io.hatchetoperator.worker;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.hatchetoperator.worker.client.HatchetClient;
import java.lang.reflect.Type;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.function.Supplier;

/** The client side of one declaration: triggers its workflow and decodes results to {@code O}. */
final class Runner<I, O> {
  private final Supplier<HatchetClient> client;
  private final String workflowName;
  private final Function<RunResult, O> decode;

  private Runner(Supplier<HatchetClient> client, String workflowName, Function<RunResult, O> decode) {
    this.client = client;
    this.workflowName = workflowName;
    this.decode = decode;
  }

  /** A standalone task's runner: the output is that task's output. */
  static <I, O> Runner<I, O> ofTask(Supplier<HatchetClient> client, ObjectMapper mapper, String workflow,
      String task, Type outputType) {
    JavaType type = mapper.getTypeFactory().constructType(outputType);
    return new Runner<>(client, workflow, r -> decode(mapper, r.runId(), "task '" + task + "'",
        read(mapper, r, task), type));
  }

  /** A workflow's runner: the output is the object of every task's output keyed by task name. */
  static <I, O> Runner<I, O> ofWorkflow(Supplier<HatchetClient> client, ObjectMapper mapper, String workflow,
      Type outputType) {
    JavaType type = mapper.getTypeFactory().constructType(outputType);
    return new Runner<>(client, workflow, r -> {
      ObjectNode all = mapper.createObjectNode();
      r.outputs().keySet().forEach(task -> all.set(task, read(mapper, r, task)));
      return decode(mapper, r.runId(), "workflow '" + workflow + "'", all, type);
    });
  }

  O run(I input, RunOptions options) {
    return HatchetClient.join(runAsync(input, options));
  }

  CompletableFuture<O> runAsync(I input, RunOptions options) {
    HatchetClient c = client.get();
    return c.triggerAsync(workflowName, input, options).thenCompose(c::result).thenApply(decode);
  }

  RunHandle<O> runNoWait(I input, RunOptions options) {
    return new RunHandle<>(HatchetClient.join(client.get().triggerAsync(workflowName, input, options)), client,
        decode);
  }

  List<String> schedule(java.time.Instant at, I input, RunOptions options) {
    return client.get().schedule(workflowName, List.of(at), input, options);
  }

  List<RunHandle<O>> runBulkNoWait(List<? extends I> inputs) {
    return runBulkNoWait(inputs, java.util.Collections.nCopies(inputs.size(), RunOptions.NONE));
  }

  List<RunHandle<O>> runBulkNoWait(List<? extends I> inputs, List<RunOptions> options) {
    return client.get().triggerBulk(workflowName, inputs, options).stream()
        .map(id -> new RunHandle<>(id, client, decode)).toList();
  }

  /** Triggers all in one call, then waits for all; the first failure (in input order) is thrown. */
  List<O> runBulk(List<? extends I> inputs) {
    List<CompletableFuture<O>> results = runBulkNoWait(inputs).stream().map(RunHandle::resultAsync).toList();
    CompletableFuture.allOf(results.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
    return results.stream().map(HatchetClient::join).toList();
  }

  private static JsonNode read(ObjectMapper mapper, RunResult result, String task) {
    Map<String, String> outputs = result.outputs();
    String json = outputs.get(task);
    if (json == null) {
      throw new IllegalStateException("run " + result.runId() + " has no output for task '" + task
          + "'; it has " + outputs.keySet());
    }
    try {
      return mapper.readTree(json.isEmpty() ? "null" : json);
    } catch (Exception e) {
      throw new IllegalStateException("output of task '" + task + "' of run " + result.runId()
          + " is not JSON: " + e.getMessage(), e);
    }
  }

  private static <O> O decode(ObjectMapper mapper, String runId, String what, JsonNode json, JavaType type) {
    try {
      return mapper.readerFor(type).readValue(json);
    } catch (Exception e) {
      throw new IllegalStateException("output of " + what + " of run " + runId + " cannot be read as "
          + type.toCanonical() + ": " + e.getMessage() + " (declare the output type the task returns)", e);
    }
  }
}
