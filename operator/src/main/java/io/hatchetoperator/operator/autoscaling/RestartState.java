package io.hatchetoperator.operator.autoscaling;

import io.hatchetoperator.autoscaler.PolicyMemory;
import io.hatchetoperator.autoscaler.ScalingState;
import java.util.List;

/**
 * Pure: what of a pool's {@link ScalingState} a restarted operator needs, so the state annotation is written only
 * when that changes, not on every poll.
 *
 * <p>A restarted operator seeds the pool from {@link #restored}: the stabilization history is dropped (the policy then
 * makes any scale-down wait one full hold from the restart, which is never sooner than the lost history allowed, and
 * a scale-down never kills work anyway), and the sampling cursor and the arrival figures (last sample time, last
 * outstanding count, last arrival time, the 10 s arrival rate) are reset, so the first poll after the restart starts a
 * fresh sample instead of spanning the outage; that sample starts the busy-slot average from the busy slots then or
 * the average carried over, whichever is higher ({@code DemandEstimator}). What remains splits in two:
 * {@link #hardChanged} (written at once) and {@link #softChanged} (written once pending for the persist interval).
 * An idle pool changes neither, so it costs no write at all.
 */
public final class RestartState {

  /** A learned estimate that moved less than this share is not worth a write. */
  static final double STEP = 0.10;
  /** The completion evidence below which the policy stops fading its task-duration estimate. */
  static final double EVIDENCE = 5;

  private RestartState() {}

  /** The state a restarted operator starts from: no history, a fresh sampling cursor, no arrival rate. */
  public static ScalingState restored(ScalingState s) {
    PolicyMemory m = s.memory();
    PolicyMemory memory = new PolicyMemory(m.holdMillis(), m.lastDownMillis(), m.lastDownPods(),
        m.lastFlapMillis(), m.startupMillis(), -1, -1, -1, m.meanGapMillis(), m.burstStarts(), m.burstPeak());
    return new ScalingState(List.of(), s.idleSinceMillis(), s.busySlotSeconds(), s.completions(), -1, -1,
        0, s.averageBusySlots(), s.cordons(), memory);
  }

  /**
   * True when {@code now} differs from what was persisted in what would change a decision or undo a safety step if a
   * restart read the old value: the cordons (paused workers), a new idle clock (an older one would scale to zero
   * sooner), the anti-flap hold and flap time, the last scale-down (judged by the next scale-up). Written at once.
   */
  public static boolean hardChanged(ScalingState persisted, ScalingState now) {
    PolicyMemory a = persisted.memory();
    PolicyMemory b = now.memory();
    return !persisted.cordons().equals(now.cordons())
        || (now.idleSinceMillis() >= 0 && now.idleSinceMillis() != persisted.idleSinceMillis())
        || a.holdMillis() != b.holdMillis() || a.lastFlapMillis() != b.lastFlapMillis()
        || a.lastDownMillis() != b.lastDownMillis() || a.lastDownPods() != b.lastDownPods();
  }

  /**
   * True when {@code now} differs from what was persisted in what only costs some efficiency if a restart read the
   * old value: the pool left idle (a restart sees the work at its first poll anyway), the bursts seen (pre-warming
   * trusts a period one burst later), or a learned estimate (busy-slot average, task duration, pod start-up, gap
   * between arrivals) moved by more than {@link #STEP}, became known or unknown, or the task duration's evidence
   * changed class. Compared with the persisted value, not the previous poll, so an estimate wandering a few percent
   * around it never writes. Written once it has been pending for {@code statePersistInterval}.
   */
  public static boolean softChanged(ScalingState persisted, ScalingState now) {
    PolicyMemory a = persisted.memory();
    PolicyMemory b = now.memory();
    return (now.idleSinceMillis() < 0 && persisted.idleSinceMillis() >= 0)
        || !a.burstStarts().equals(b.burstStarts()) || a.burstPeak() != b.burstPeak()
        || !evidence(persisted).equals(evidence(now)) || moved(persisted.taskSeconds(), now.taskSeconds())
        || moved(persisted.averageBusySlots(), now.averageBusySlots())
        || moved(a.startupMillis(), b.startupMillis()) || moved(a.meanGapMillis(), b.meanGapMillis());
  }

  private static String evidence(ScalingState s) {
    return s.completions() < 1 ? "none" : s.completions() <= EVIDENCE ? "some" : "enough";
  }

  /** True when {@code b} is more than {@link #STEP} away from {@code a}, or only one of them is known. */
  static boolean moved(double a, double b) {
    boolean knownA = !Double.isNaN(a) && a >= 0;
    boolean knownB = !Double.isNaN(b) && b >= 0;
    if (knownA != knownB) {
      return true;
    }
    return knownA && Math.abs(b - a) > STEP * Math.max(a, b);
  }
}
