package io.hatchetoperator.worker.runtime;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.hatchetoperator.proto.dispatcher.GetVersionRequest;
import io.hatchetoperator.proto.dispatcher.WorkerRegisterResponse;
import io.hatchetoperator.worker.WorkerOptions;
import io.hatchetoperator.worker.Workflow;
import io.hatchetoperator.worker.client.EngineStubs;
import io.hatchetoperator.worker.config.HatchetSettings;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Registers a worker as the engine expects: PutWorkflow for each workflow (once), GetVersion (once;
 * UNIMPLEMENTED or older than v0.78.23 means the legacy {@code slots} field), then Register, which
 * gives a new worker id each time. Blocking; called from the worker's control thread.
 */
final class Registrar {
  private static final Logger LOG = LoggerFactory.getLogger(Registrar.class);

  private final HatchetSettings settings;
  private final String name;
  private final WorkerOptions options;
  private final List<Workflow> workflows;
  private final EngineStubs stubs;
  private boolean workflowsPut;
  private Boolean slotConfig;
  private volatile EngineVersion version;

  Registrar(HatchetSettings settings, String name, WorkerOptions options, List<Workflow> workflows,
      EngineStubs stubs) {
    this.settings = settings;
    this.name = name;
    this.options = options;
    this.workflows = workflows;
    this.stubs = stubs;
  }

  /** Runs the steps not yet done and registers; returns the new worker id. Throws the gRPC error. */
  String register() {
    long deadline = settings.timing().rpcTimeout().toMillis();
    if (!workflowsPut) {
      for (Workflow workflow : workflows) {
        stubs.admin().withDeadlineAfter(deadline, TimeUnit.MILLISECONDS)
            .putWorkflow(RegistrationRequests.putWorkflow(settings, workflow));
      }
      workflowsPut = true;
    }
    if (slotConfig == null) {
      slotConfig = engineTakesSlotConfig(deadline);
    }
    WorkerRegisterResponse response = stubs.dispatcherBlocking()
        .withDeadlineAfter(deadline, TimeUnit.MILLISECONDS)
        .register(RegistrationRequests.register(settings, name, options, workflows, slotConfig));
    return response.getWorkerId();
  }

  /** The engine's version from GetVersion; null before registration, without GetVersion or if not semver. */
  EngineVersion engineVersion() {
    return version;
  }

  private boolean engineTakesSlotConfig(long deadline) {
    try {
      String text = stubs.dispatcherBlocking().withDeadlineAfter(deadline, TimeUnit.MILLISECONDS)
          .getVersion(GetVersionRequest.getDefaultInstance()).getVersion();
      EngineVersion version = EngineVersion.parse(text);
      this.version = version;
      if (version == null) {
        LOG.warn("engine version '{}' is not semver; registering with slot_config", text);
        return true;
      }
      if (!version.supportsSlotConfig()) {
        LOG.warn("engine {} is older than {}: registering with the legacy slots field", version,
            EngineVersion.SLOT_CONFIG);
      }
      return version.supportsSlotConfig();
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == Status.Code.UNIMPLEMENTED) {
        LOG.warn("engine has no GetVersion (older than {}): registering with the legacy slots field",
            EngineVersion.SLOT_CONFIG);
        return false;
      }
      throw e;
    }
  }
}
