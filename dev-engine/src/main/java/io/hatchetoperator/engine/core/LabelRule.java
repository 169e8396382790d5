package io.hatchetoperator.engine.core;

import java.util.Map;

/**
 * One desired worker label of a task (affinity): the worker's label {@code key} compared with the wanted value.
 * A required rule makes a worker eligible or not; the weights of the satisfied optional rules rank the eligible
 * workers (the highest total wins).
 *
 * @param strValue the wanted string value, or null when {@code intValue} is set
 * @param intValue the wanted number, or null
 * @param comparator EQUAL, NOT_EQUAL, GREATER_THAN, GREATER_THAN_OR_EQUAL, LESS_THAN or LESS_THAN_OR_EQUAL
 *     (the worker's value on the left)
 */
public record LabelRule(String key, String strValue, Integer intValue, boolean required, String comparator, int weight) {

  /** Reads one desired label as the SDKs send it (required false, comparator EQUAL and weight 100 by default). */
  public static LabelRule of(String key, io.hatchetoperator.proto.v1.DesiredWorkerLabels d) {
    return new LabelRule(key, d.hasStrValue() ? d.getStrValue() : null, d.hasIntValue() ? d.getIntValue() : null,
        d.hasRequired() && d.getRequired(), d.hasComparator() ? d.getComparator().name() : "EQUAL",
        d.hasWeight() ? d.getWeight() : 100);
  }

  /** Every desired label of a proto map, in key order. */
  public static java.util.List<LabelRule> of(Map<String, io.hatchetoperator.proto.v1.DesiredWorkerLabels> m) {
    return new java.util.TreeMap<>(m).entrySet().stream().map(e -> of(e.getKey(), e.getValue())).toList();
  }

  /** True when the worker's labels satisfy every required rule. */
  public static boolean allows(java.util.List<LabelRule> rules, Map<String, String> workerLabels) {
    return rules.stream().allMatch(r -> !r.required() || r.matches(workerLabels));
  }

  /** The summed weight of the optional rules the worker's labels satisfy. */
  public static int affinity(java.util.List<LabelRule> rules, Map<String, String> workerLabels) {
    return rules.stream().filter(r -> !r.required() && r.matches(workerLabels)).mapToInt(LabelRule::weight).sum();
  }

  /** True when a worker with these labels satisfies the rule. */
  public boolean matches(Map<String, String> labels) {
    String have = labels.get(key);
    if (have == null) {
      return false;
    }
    int cmp;
    if (intValue != null) {
      try {
        cmp = Integer.compare(Integer.parseInt(have.trim()), intValue);
      } catch (NumberFormatException e) {
        return false;
      }
    } else {
      cmp = have.compareTo(strValue == null ? "" : strValue);
    }
    return switch (comparator) {
      case "NOT_EQUAL" -> cmp != 0;
      case "GREATER_THAN" -> cmp > 0;
      case "GREATER_THAN_OR_EQUAL" -> cmp >= 0;
      case "LESS_THAN" -> cmp < 0;
      case "LESS_THAN_OR_EQUAL" -> cmp <= 0;
      default -> cmp == 0;
    };
  }
}
