package io.hatchetoperator.worker;

/**
 * A task's wish about the worker that runs it: a worker label compared with {@code comparator} to a string or an
 * integer value; {@code required} labels must match (the task waits otherwise), others add {@code weight} to a
 * worker's score (Hatchet's {@code DesiredWorkerLabels} in {@code api-contracts/v1/shared/trigger.proto}).
 */
public record DesiredLabel(String stringValue, Integer intValue, boolean required, Comparator comparator, int weight) {

  /** How the worker's label is compared with the value. */
  public enum Comparator { EQUAL, NOT_EQUAL, GREATER_THAN, GREATER_THAN_OR_EQUAL, LESS_THAN, LESS_THAN_OR_EQUAL }

  public DesiredLabel {
    if ((stringValue == null) == (intValue == null)) {
      throw new IllegalArgumentException("a desired label has one value, a string or an integer: got "
          + stringValue + " and " + intValue);
    }
    if (comparator == null) {
      throw new IllegalArgumentException("desired label comparator is null: use Comparator.EQUAL or another");
    }
  }

  /** Only workers whose label equals {@code value} run the task. */
  public static DesiredLabel required(String value) {
    return new DesiredLabel(value, null, true, Comparator.EQUAL, 100);
  }

  /** Workers whose label equals {@code value} are preferred by {@code weight}. */
  public static DesiredLabel preferred(String value, int weight) {
    return new DesiredLabel(value, null, false, Comparator.EQUAL, weight);
  }
}
