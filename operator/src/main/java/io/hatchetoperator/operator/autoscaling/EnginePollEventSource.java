package io.hatchetoperator.operator.autoscaling;

import io.hatchetoperator.operator.api.HatchetWorkerPool;
import io.javaoperatorsdk.operator.processing.event.Event;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.AbstractEventSource;
import java.util.Set;

/**
 * A JOSDK event source that triggers a reconcile of each pool as soon as its tenant's poll finished, so a
 * decision follows the engine's figures within one poll rather than at the next resync. Its lifecycle
 * is the pollers': JOSDK starts it with the controller (only on the leader) and stops it with the
 * operator.
 */
public final class EnginePollEventSource extends AbstractEventSource<TenantSnapshot, HatchetWorkerPool> {

  private final PoolAutoscaler autoscaler;

  /** An event source fed by {@code autoscaler}'s pollers. */
  public EnginePollEventSource(PoolAutoscaler autoscaler) {
    super(TenantSnapshot.class, "engine-polls");
    this.autoscaler = autoscaler;
    autoscaler.onPoll(this::polled);
  }

  @Override
  public void start() {
    autoscaler.start();
    super.start();
  }

  @Override
  public void stop() {
    super.stop();
    autoscaler.close();
  }

  private void polled(String poolKey) {
    if (isRunning() && getEventHandler() != null) {
      getEventHandler().handleEvent(
          new Event(new ResourceID(PoolKeys.name(poolKey), PoolKeys.namespace(poolKey))));
    }
  }

  @Override
  public Set<TenantSnapshot> getSecondaryResources(HatchetWorkerPool primary) {
    return Set.of();
  }
}
