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
