package io.hatchetoperator.operator.autoscaling;

import io.hatchetoperator.autoscaler.ScalingState;
import io.hatchetoperator.autoscaler.orchestrator.ScalingStateStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link ScalingStateStore} kept in memory and persisted in the pool's annotation
 * {@value #ANNOTATION} (the compact {@link ScalingState#encode()} form of {@link RestartState#restored}), so a
 * restarted operator knows which workers it paused and keeps what the policy learned. The reconciler writes the
 * annotation when {@link #toPersist} says so: at once when {@link RestartState#hardChanged} (cordons, a new idle
 * clock, the anti-flap hold, the last scale-down), once a {@link RestartState#softChanged} change (leaving idle,
 * bursts, learned estimates) has been pending for {@code statePersistInterval}, and never for what changes on every
 * poll (history times, the sampling cursor), so an idle pool costs no write.
 */
public final class AnnotationScalingStateStore implements ScalingStateStore {

  /** The pool annotation holding the encoded state. */
  public static final String ANNOTATION = "hatchet-operator.io/scaling-state";

  private static final Logger LOG = LoggerFactory.getLogger(AnnotationScalingStateStore.class);

  private final Clock clock;
  private final Duration persistInterval;
  private final Map<String, ScalingState> states = new ConcurrentHashMap<>();
  private final Map<String, Persisted> persisted = new ConcurrentHashMap<>();
  private final Map<String, Instant> softSince = new ConcurrentHashMap<>();

  private record Persisted(ScalingState state, Instant at) {}

  /** A store that persists soft changes at most every {@code persistInterval}. */
  public AnnotationScalingStateStore(Clock clock, Duration persistInterval) {
    this.clock = clock;
    this.persistInterval = persistInterval;
  }

  /** Seeds {@code pool}'s state from its annotation when this process has none (after a restart). */
  public void restore(String pool, String annotation) {
    if (states.containsKey(pool) || annotation == null || annotation.isBlank()) {
      return;
    }
    try {
      ScalingState state = RestartState.restored(ScalingState.decode(annotation));
      states.put(pool, state);
      persisted.put(pool, new Persisted(state, clock.instant()));
    } catch (IllegalArgumentException e) {
      LOG.warn("pool {}: ignoring annotation {}: {}", pool, ANNOTATION, e.getMessage());
    }
  }

  @Override
  public ScalingState load(String pool) {
    return states.getOrDefault(pool, ScalingState.initial());
  }

  @Override
  public void save(String pool, ScalingState state) {
    states.put(pool, state);
  }

  /** The encoded state to write to the annotation now, if it must be written. */
  public Optional<String> toPersist(String pool) {
    ScalingState state = states.get(pool);
    if (state == null) {
      return Optional.empty();
    }
    Persisted last = persisted.get(pool);
    Instant now = clock.instant();
    boolean due = last == null || RestartState.hardChanged(last.state(), state);
    if (!due && RestartState.softChanged(last.state(), state)) {
      Instant since = softSince.computeIfAbsent(pool, k -> now);
      due = !now.isBefore(since.plus(persistInterval));
    } else if (!due) {
      softSince.remove(pool);
    }
    if (!due) {
      return Optional.empty();
    }
    persisted.put(pool, new Persisted(state, now));
    softSince.remove(pool);
    return Optional.of(RestartState.restored(state).encode());
  }

  /** Forgets a deleted pool. */
  public void forget(String pool) {
    states.remove(pool);
    persisted.remove(pool);
    softSince.remove(pool);
  }
}
