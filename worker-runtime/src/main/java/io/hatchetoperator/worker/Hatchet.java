package io.hatchetoperator.worker;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hatchetoperator.worker.client.ChannelFactory;
import io.hatchetoperator.worker.client.EngineChannels;
import io.hatchetoperator.worker.client.HatchetClient;
import io.hatchetoperator.worker.client.Json;
import io.hatchetoperator.worker.config.HatchetSettings;
import io.hatchetoperator.worker.config.HatchetSettings.TimingSettings;
import io.hatchetoperator.worker.config.SettingsLoader;
import io.hatchetoperator.worker.runtime.WorkerRuntime;
import java.lang.reflect.Type;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The entry point, as in Hatchet's SDKs: settings from the environment (plus code overrides),
 * workflow and task declarations, workers, and the client side ({@link #client()}). Holds no global
 * state: each instance has its own settings, channels and workers.
 */
public final class Hatchet implements AutoCloseable {
  private final HatchetSettings settings;
  private final ChannelFactory channels;
  private final ObjectMapper mapper;
  private HatchetClient client;

  private Hatchet(HatchetSettings settings, ChannelFactory channels, ObjectMapper mapper) {
    this.settings = settings;
    this.channels = channels;
    this.mapper = mapper;
  }

  /** Reads the process environment; throws {@link io.hatchetoperator.worker.config.ConfigurationException} naming the bad variable. */
  public static Hatchet fromEnv() {
    return builder().build();
  }

  /** Reads {@code env} instead of the process environment (many workers in one JVM, each with its own). */
  public static Hatchet fromEnv(Map<String, String> env) {
    return builder().env(env).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public HatchetSettings settings() {
    return settings;
  }

  /** Declares a workflow; add tasks with {@link Workflow#task}. */
  public Workflow workflow(String name) {
    return new Workflow(name);
  }

  /** Declares a standalone task: a workflow of one task, both named {@code name}. */
  public Workflow task(String name, TaskFunction<Map<String, Object>> function) {
    return new Workflow(name).task(name, function);
  }

  /** Declares a standalone task with options and a typed input. */
  public <I> Workflow task(String name, TaskOptions options, Class<I> inputType, TaskFunction<I> function) {
    return new Workflow(name).task(name, options, inputType, function);
  }

  /** Declares a typed workflow: tasks added with {@link WorkflowRef#task} all receive an {@code I}. */
  public <I, O> WorkflowRef<I, O> workflow(String name, Class<I> inputType, Class<O> outputType) {
    return workflow(name, (Type) inputType, (Type) outputType);
  }

  /** Declares a typed workflow with generic input or output types. */
  public <I, O> WorkflowRef<I, O> workflow(String name, TypeReference<I> inputType, TypeReference<O> outputType) {
    return workflow(name, inputType.getType(), outputType.getType());
  }

  /** Declares a typed workflow with triggers, concurrency limits or a default priority. */
  public <I, O> WorkflowRef<I, O> workflow(String name, Class<I> inputType, Class<O> outputType,
      WorkflowOptions options) {
    WorkflowRef<I, O> ref = workflow(name, (Type) inputType, (Type) outputType);
    configure(ref.workflow(), options);
    return ref;
  }

  private <I, O> WorkflowRef<I, O> workflow(String name, Type inputType, Type outputType) {
    return new WorkflowRef<>(new Workflow(name), inputType, Runner.ofWorkflow(this::client, mapper, name, outputType));
  }

  /** Declares a typed standalone task with workflow options (triggers, concurrency, default priority). */
  public <I, O> TaskRef<I, O> task(String name, TaskOptions options, WorkflowOptions workflowOptions,
      Class<I> inputType, Class<O> outputType, TaskBody<I, O> body) {
    TaskRef<I, O> ref = standalone(name, options, inputType, outputType, TaskBodies.of(body));
    configure(ref.workflow(), workflowOptions);
    return ref;
  }

  private void configure(Workflow workflow, WorkflowOptions options) {
    String cronInput = null;
    if (options.cronInput() != null) {
      try {
        cronInput = mapper.writeValueAsString(options.cronInput());
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalArgumentException("cronInput of workflow '" + workflow.name() + "' cannot be written as "
            + "JSON (" + e.getOriginalMessage() + "): pass a record or a map", e);
      }
    }
    workflow.options(options, cronInput);
  }

  /** Declares a typed standalone task with default options; run it with {@link TaskRef#run}. */
  public <I, O> TaskRef<I, O> task(String name, Class<I> inputType, Class<O> outputType, TaskBody<I, O> body) {
    return task(name, TaskOptions.DEFAULTS, inputType, outputType, body);
  }

  /** Declares a typed standalone task. */
  public <I, O> TaskRef<I, O> task(String name, TaskOptions options, Class<I> inputType, Class<O> outputType,
      TaskBody<I, O> body) {
    return standalone(name, options, inputType, outputType, TaskBodies.of(body));
  }

  /** Declares a typed standalone task with generic types, e.g. {@code new TypeReference<List<Item>>() {}}. */
  public <I, O> TaskRef<I, O> task(String name, TaskOptions options, TypeReference<I> inputType,
      TypeReference<O> outputType, TaskBody<I, O> body) {
    return standalone(name, options, inputType.getType(), outputType.getType(), TaskBodies.of(body));
  }

  /**
   * Declares a durable standalone task ({@code hatchet.durableTask} in the TypeScript SDK, {@code durable_task} in
   * Python's): its body may call {@link Context#sleepFor} and {@link Context#waitForEvent}.
   */
  public <I, O> TaskRef<I, O> durableTask(String name, Class<I> inputType, Class<O> outputType, TaskBody<I, O> body) {
    return task(name, TaskOptions.DEFAULTS.asDurable(), inputType, outputType, body);
  }

  /** Declares a durable standalone task with options (made durable, see {@link TaskOptions#asDurable()}). */
  public <I, O> TaskRef<I, O> durableTask(String name, TaskOptions options, Class<I> inputType, Class<O> outputType,
      TaskBody<I, O> body) {
    return task(name, options.asDurable(), inputType, outputType, body);
  }

  /** Declares a standalone task whose body answers with a {@link java.util.concurrent.CompletableFuture}. */
  public <I, O> TaskRef<I, O> asyncTask(String name, TaskOptions options, Class<I> inputType, Class<O> outputType,
      AsyncTaskBody<I, O> body) {
    return standalone(name, options, inputType, outputType, TaskBodies.ofAsync(body));
  }

  private <I, O> TaskRef<I, O> standalone(String name, TaskOptions options, Type inputType, Type outputType,
      TaskFunction<I> function) {
    Workflow workflow = new Workflow(name);
    workflow.inputType(inputType);
    workflow.add(name, options, inputType, function);
    return new TaskRef<>(name, workflow, outputType, Runner.ofTask(this::client, mapper, name, name, outputType),
        function);
  }

  /** A worker serving {@code declarations} (workflows, typed workflows, standalone tasks); start it with {@link Worker#start()}. */
  public Worker worker(String name, WorkerOptions options, WorkflowDeclaration... declarations) {
    return new WorkerRuntime(settings, name, options,
        Arrays.stream(declarations).map(WorkflowDeclaration::workflow).toList(), channels, mapper);
  }

  /** The ObjectMapper of this instance's inputs and outputs. */
  public ObjectMapper mapper() {
    return mapper;
  }

  /** The client of this instance (created on first use, closed by {@link #close()}). */
  public synchronized HatchetClient client() {
    if (client == null) {
      client = new HatchetClient(settings, channels, mapper);
    }
    return client;
  }

  /** Crons and scheduled runs over the engine's REST API: create, list and delete crons; list and delete schedules. */
  public io.hatchetoperator.worker.client.TimedTriggersClient timedTriggers() {
    return new io.hatchetoperator.worker.client.TimedTriggersClient(settings, mapper);
  }

  /** Closes the client; workers are stopped through their own {@code shutdown()} or {@code kill()}. */
  @Override
  public synchronized void close() {
    if (client != null) {
      client.close();
      client = null;
    }
  }

  /** Builds a {@link Hatchet}; values set here override the environment. */
  public static final class Builder {
    private Map<String, String> env = System.getenv();
    private final Map<String, String> overrides = new LinkedHashMap<>();
    private TimingSettings timing = TimingSettings.defaults();
    private ChannelFactory channels = EngineChannels::open;
    private ObjectMapper mapper = Json.MAPPER;

    /** The environment to read instead of the process's. */
    public Builder env(Map<String, String> env) { this.env = Map.copyOf(env); return this; }

    public Builder token(String token) { return set(SettingsLoader.TOKEN, token); }

    public Builder hostPort(String hostPort) { return set(SettingsLoader.HOST_PORT, hostPort); }

    public Builder serverUrl(String url) { return set(SettingsLoader.SERVER_URL, url); }

    /** {@code tls}, {@code mtls} or {@code none}. */
    public Builder tlsStrategy(String strategy) { return set(SettingsLoader.TLS_STRATEGY, strategy); }

    public Builder namespace(String namespace) { return set(SettingsLoader.NAMESPACE, namespace); }

    /** 0 = any free port, negative = no health server. */
    public Builder healthPort(int port) { return set(SettingsLoader.HEALTH_PORT, Integer.toString(port)); }

    public Builder drainTimeout(Duration timeout) {
      return set(SettingsLoader.DRAIN_TIMEOUT, timeout.toMillis() + "ms");
    }

    /** What a shutdown does with tasks still running at the drain deadline (default HAND_BACK). */
    public Builder stopMode(io.hatchetoperator.worker.config.HatchetSettings.StopMode mode) {
      return set(SettingsLoader.STOP_MODE, mode.name());
    }

    /** Heartbeat, backoff and retry timing (tests shorten it). */
    public Builder timing(TimingSettings timing) { this.timing = timing; return this; }

    /** How channels to the engine are opened (in-process channels for tests and embedding). */
    public Builder channelFactory(ChannelFactory channels) { this.channels = channels; return this; }

    /**
     * The ObjectMapper for task inputs and outputs and trigger inputs (default: unknown properties ignored,
     * modules on the class path registered). Configure it before building; it is shared, not copied.
     */
    public Builder objectMapper(ObjectMapper mapper) { this.mapper = java.util.Objects.requireNonNull(mapper); return this; }

    public Hatchet build() {
      return new Hatchet(SettingsLoader.load(env, overrides, timing), channels, mapper);
    }

    private Builder set(String variable, String value) {
      overrides.put(variable, value);
      return this;
    }
  }
}
