package io.hatchetoperator.operator.autoscaling;

import static org.assertj.core.api.Assertions.assertThat;

import io.hatchetoperator.autoscaler.PolicyResult;
import io.hatchetoperator.autoscaler.PoolScalingSettings;
import io.hatchetoperator.autoscaler.ScalingInputs;
import io.hatchetoperator.autoscaler.ScalingPolicy;
import io.hatchetoperator.autoscaler.ScalingState;
import io.hatchetoperator.autoscaler.WorkerSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntUnaryOperator;
import org.junit.jupiter.api.Test;

/**
 * The state annotation is written only when a restart would need it, and a restart from what was written never
 * removes a pod sooner than the uninterrupted operator would have: the real policy, tick by tick.
 */
class RestartStateTest {

  static final Instant START = Instant.parse("2026-12-02T12:00:00Z");
  static final Duration POLL = Duration.ofSeconds(2);
  static final int SLOTS = 10;
  final ScalingPolicy policy = new ScalingPolicy();
  final PoolScalingSettings settings = PoolScalingSettings.defaults().withReplicas(1, 10);

  @Test
  void anIdlePoolIsWrittenOnceAndThenNeverAgain() {
    MutableClock clock = new MutableClock(START);
    AnnotationScalingStateStore store = new AnnotationScalingStateStore(clock, Duration.ofSeconds(30));
    ScalingState state = ScalingState.initial();
    int writes = 0;
    for (int tick = 0; tick < 900; tick++) { // 30 minutes of polls
      PolicyResult result = policy.decide(inputs(clock.instant(), 1, 0, 0), settings, state);
      state = result.state();
      store.save("ns/p", state);
      writes += store.toPersist("ns/p").isPresent() ? 1 : 0;
      clock.advance(POLL);
    }
    assertThat(writes).as("annotation writes over 30 idle minutes (before: one every 30 s, 60)").isEqualTo(1);
  }

  /**
   * Restarts at many ticks of a rising then falling load (the annotation last written is all the restarted run has): where the
   * restarted run first differs from the uninterrupted one, it keeps more pods, never fewer (after that the two runs
   * have seen different counts, e.g. the uninterrupted one learned a flap the other avoided, and are not comparable
   * tick by tick), and both settle on the same count. A restart after the flap keeps its doubled hold.
   */
  @Test
  void aRestartFromTheAnnotationNeverScalesDownSoonerThanTheUninterruptedRun() {
    IntUnaryOperator busyAt = t -> t < 20 ? 10 : t < 60 ? 60 : t < 100 ? 25 : t < 140 ? 8 : 0; // up, then down
    List<Integer> uninterrupted = run(busyAt, -1);
    for (int restartAt = 1; restartAt < 160; restartAt += 3) {
      List<Integer> restarted = run(busyAt, restartAt);
      int t = restartAt;
      while (t < restarted.size() && restarted.get(t).equals(uninterrupted.get(t))) {
        t++;
      }
      if (t < restarted.size()) {
        assertThat(restarted.get(t)).as("replicas at tick %d, the first that differs after a restart at tick %d:"
            + "%n uninterrupted %s%n restarted     %s", t, restartAt, uninterrupted, restarted)
            .isGreaterThan(uninterrupted.get(t));
      }
      assertThat(restarted.get(restarted.size() - 1)).as("settles where the uninterrupted run did")
          .isEqualTo(uninterrupted.get(uninterrupted.size() - 1));
    }
  }

  @Test
  void restoringDropsTheHistoryAndTheSamplingCursorButKeepsWhatWasLearned() {
    ScalingState live = ScalingState.initial();
    for (int t = 0; t < 30; t++) {
      live = policy.decide(inputs(START.plus(POLL.multipliedBy(t)), 4, 30, t < 20 ? 5 : 0), settings, live)
          .state();
    }
    ScalingState restored = RestartState.restored(ScalingState.decode(live.encode()));
    assertThat(restored.history()).isEmpty();
    assertThat(restored.lastSampleMillis()).isEqualTo(-1);
    assertThat(restored.memory().lastOutstanding()).isEqualTo(-1);
    assertThat(restored.idleSinceMillis()).isEqualTo(live.idleSinceMillis());
    assertThat(restored.memory().burstStarts()).isEqualTo(live.memory().burstStarts());
    assertThat(RestartState.hardChanged(live, restored)).isFalse();
    assertThat(RestartState.softChanged(live, restored)).isFalse();
  }

  @Test
  void estimatesCountAsMovedBeyondTenPercentOfWhatWasPersisted() {
    assertThat(RestartState.moved(1000, 1090)).isFalse();
    assertThat(RestartState.moved(1000, 920)).isFalse();
    assertThat(RestartState.moved(1000, 1250)).isTrue();
    assertThat(RestartState.moved(-1, 1000)).as("became known").isTrue();
    assertThat(RestartState.moved(Double.NaN, Double.NaN)).isFalse();
    assertThat(RestartState.moved(0.3, 3)).isTrue();
  }

  /**
   * 200 ticks of a pool whose busy slots follow {@code busyAt}; at {@code restartAt} (unless negative) the state is
   * replaced by what a restarted operator reads: the last annotation the store wrote. Returns the replicas per tick.
   */
  private List<Integer> run(IntUnaryOperator busyAt, int restartAt) {
    MutableClock clock = new MutableClock(START);
    AnnotationScalingStateStore store = new AnnotationScalingStateStore(clock, Duration.ofSeconds(30));
    String annotation = null;
    ScalingState state = ScalingState.initial();
    int current = 1;
    List<Integer> replicas = new ArrayList<>();
    for (int t = 0; t < 200; t++) {
      if (t == restartAt) {
        store = new AnnotationScalingStateStore(clock, Duration.ofSeconds(30));
        store.restore("ns/p", annotation);
        state = store.load("ns/p");
      }
      int busy = Math.min(busyAt.applyAsInt(t), current * SLOTS);
      int queued = Math.max(0, busyAt.applyAsInt(t) - busy);
      PolicyResult result = policy.decide(inputs(clock.instant(), current, busy, queued), settings, state);
      state = result.state();
      store.save("ns/p", state);
      annotation = store.toPersist("ns/p").orElse(annotation);
      current = result.decision().replicas();
      replicas.add(current);
      clock.advance(POLL);
    }
    return replicas;
  }

  /** {@code current} ready pods with one worker each, {@code busy} slots spread over them. */
  static ScalingInputs inputs(Instant now, int current, int busy, int queued) {
    List<WorkerSnapshot> workers = new ArrayList<>();
    int left = busy;
    for (int i = 0; i < current; i++) {
      int mine = Math.min(SLOTS, left);
      left -= mine;
      workers.add(WorkerSnapshot.of("w" + i, "pod-" + i, mine, SLOTS));
    }
    return new ScalingInputs(queued, busy, Duration.ZERO, SLOTS, current, 0, current, workers,
        ScalingInputs.UNKNOWN_COMPLETIONS, now);
  }
}
