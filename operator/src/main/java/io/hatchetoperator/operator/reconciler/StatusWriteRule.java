package io.hatchetoperator.operator.reconciler;

import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.hatchetoperator.operator.api.HatchetWorkerPoolStatus;
import io.hatchetoperator.operator.api.LastDecision;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Set;

/**
 * Pure: whether a pool's new status is worth a write. The engine's figures (queued, running, busy share, oldest queued
 * age, the poll time, the decision's explanation and the figures quoted in the {@code MetricsAvailable} and
 * {@code ScalingLimited} messages) move on every poll of a busy pool; the rest (replica counts, mode, conditions'
 * status and reason, the decision's count and reason, generations, times of scaling) is written whenever it changes.
 * The figures are written when one of them changes materially ({@link #material}), else at most every
 * {@link #FIGURES_REFRESH} (the age of {@code status.lastPollTime}), and never while they stay the same: so
 * {@code kubectl get hwp -w} shows every material change at once and the small drifts within 30 s, and an idle
 * pool costs no write.
 */
public final class StatusWriteRule {

  /** Longest time small changes of the figures wait for a write. */
  public static final Duration FIGURES_REFRESH = Duration.ofSeconds(30);
  /** A count change above this share of the larger value is material. */
  static final double COUNT_SHARE = 0.2;
  /** A busy-share change of this much (10 points) is material. */
  static final double BUSY_STEP = 0.1;

  private static final KubernetesSerialization SERIALIZATION = new KubernetesSerialization();
  private static final Set<String> FIGURE_CONDITIONS = Set.of("MetricsAvailable", "ScalingLimited");

  private StatusWriteRule() {}

  /** True when {@code next} must be written over {@code current} (the status the API server has) at {@code now}. */
  public static boolean mustWrite(HatchetWorkerPoolStatus current, HatchetWorkerPoolStatus next, Instant now) {
    if (SERIALIZATION.asJson(withoutPollTime(current)).equals(SERIALIZATION.asJson(withoutPollTime(next)))) {
      return false; // at most the poll time moved: the figures shown are still true
    }
    if (!SERIALIZATION.asJson(withoutFigures(current)).equals(SERIALIZATION.asJson(withoutFigures(next)))) {
      return true;
    }
    return material(current, next) || refreshDue(current.getLastPollTime(), now);
  }

  /**
   * A material change of the figures: queued or running going to or from zero or changing by more than 20 % of the
   * larger value; the busy share moving by 10 points or more, or reaching or leaving 0 % or 100 %.
   */
  static boolean material(HatchetWorkerPoolStatus a, HatchetWorkerPoolStatus b) {
    return countChanged(a.getQueued(), b.getQueued()) || countChanged(a.getRunning(), b.getRunning())
        || shareChanged(a.getSlotUtilization(), b.getSlotUtilization());
  }

  private static boolean countChanged(Long a, Long b) {
    if (a == null || b == null) {
      return !Objects.equals(a, b);
    }
    if ((a == 0) != (b == 0)) {
      return true;
    }
    return Math.abs(a - b) > COUNT_SHARE * Math.max(a, b);
  }

  private static boolean shareChanged(Double a, Double b) {
    if (a == null || b == null) {
      return !Objects.equals(a, b);
    }
    boolean edge = (a == 0) != (b == 0) || (a >= 1) != (b >= 1);
    return edge || Math.abs(a - b) >= BUSY_STEP - 1e-9;
  }

  private static boolean refreshDue(String lastPollTime, Instant now) {
    if (lastPollTime == null) {
      return true;
    }
    try {
      return !now.isBefore(Instant.parse(lastPollTime).plus(FIGURES_REFRESH));
    } catch (DateTimeParseException e) {
      return true;
    }
  }

  private static HatchetWorkerPoolStatus withoutPollTime(HatchetWorkerPoolStatus status) {
    HatchetWorkerPoolStatus copy = SERIALIZATION.clone(status);
    copy.setLastPollTime(null);
    return copy;
  }

  /** A copy with the figures removed: what must be written whenever it changes. */
  static HatchetWorkerPoolStatus withoutFigures(HatchetWorkerPoolStatus status) {
    HatchetWorkerPoolStatus copy = SERIALIZATION.clone(status);
    copy.setQueued(null);
    copy.setRunning(null);
    copy.setSlotUtilization(null);
    copy.setBusySlots(null);
    copy.setOldestQueuedAge(null);
    copy.setLastPollTime(null);
    LastDecision decision = copy.getLastDecision();
    if (decision != null) {
      copy.setLastDecision(new LastDecision(decision.replicas(), decision.reason(), null));
    }
    if (copy.getConditions() != null) {
      for (Condition c : copy.getConditions()) {
        if (FIGURE_CONDITIONS.contains(c.getType())) {
          c.setMessage(null);
        }
      }
    }
    return copy;
  }
}
