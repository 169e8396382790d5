package io.hatchetoperator.operator.autoscaling;

import io.hatchetoperator.autoscaler.WorkerSnapshot;
import io.hatchetoperator.operator.autoscaling.AutoscalingOutcome.ConditionValue;
import java.util.List;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Pure: the slots a pool's workers really registered, from the engine's worker list (Hatchet's
 * {@code slotConfig} per slot type, {@code api/v1/server/handlers/workers/list.go}; older engines'
 * {@code maxRuns}), against {@code spec.slots}. Capacity is sized from the smallest reported count, and the
 * {@code SlotsMatched} condition says when it differs from the spec (e.g. a Go worker keeps the SDK's default of
 * 100 slots, sdks/go/client.go).
 */
final class SlotReport {

  /** Condition type. */
  static final String SLOTS_MATCHED = "SlotsMatched";
  /** Reason (and Warning Event reason) when workers register another slot count than spec.slots. */
  static final String SLOTS_DIFFER = "SlotsDifferFromSpec";

  private SlotReport() {}

  /** The smallest slot count that matched workers reported, if any reported one. */
  static OptionalInt reportedSlots(List<WorkerSnapshot> reporting) {
    return reporting.stream().mapToInt(WorkerSnapshot::slotLimit).filter(n -> n > 0).min();
  }

  /**
   * The condition for {@code spec} slots and the matched workers that reported their slots, or null when none
   * did (nothing certain to say).
   */
  static ConditionValue condition(int spec, List<WorkerSnapshot> reporting, String sdkSlotsHint) {
    TreeMap<Integer, TreeSet<String>> pods = new TreeMap<>();
    reporting.stream().filter(w -> w.slotLimit() > 0)
        .forEach(w -> pods.computeIfAbsent(w.slotLimit(), n -> new TreeSet<>()).add(w.podName()));
    if (pods.isEmpty()) {
      return null;
    }
    if (pods.size() == 1 && pods.firstKey() == spec) {
      return ConditionValue.yes("AsSpecified", "every matched worker registered spec.slots (" + spec
          + ") slots");
    }
    StringBuilder seen = new StringBuilder();
    pods.forEach((slots, names) -> seen.append(seen.length() == 0 ? "" : "; ").append(slots)
        .append(" slots on ").append(names.size()).append(" pods (e.g. ").append(names.first())
        .append(")"));
    return ConditionValue.no(SLOTS_DIFFER, "workers registered " + seen + " but spec.slots is " + spec
        + ": capacity is sized from the reported " + pods.firstKey() + " slots per worker. Set spec.slots"
        + " to what the workers register, or make them register spec.slots (the operator passes it as"
        + " HATCHET_WORKER_SLOTS; " + sdkSlotsHint + ")");
  }

  /** How a worker of {@code runtime} registers the slot count the operator passes. */
  static String hint(String runtime) {
    String java = "the Java runtime reads it";
    String python = "Python: hatchet.worker(name, slots=int(os.environ[\"HATCHET_WORKER_SLOTS\"]))";
    String typescript = "TypeScript: hatchet.worker(name, {slots: Number(process.env.HATCHET_WORKER_SLOTS)})";
    String go = "Go: hatchet.WithSlots(n) from os.Getenv(\"HATCHET_WORKER_SLOTS\"); the SDK's default is 100";
    return switch (runtime == null ? "" : runtime) {
      case "java" -> java;
      case "python" -> python;
      case "typescript" -> typescript;
      case "go" -> go;
      default -> typescript + "; " + python + "; " + go;
    };
  }
}
