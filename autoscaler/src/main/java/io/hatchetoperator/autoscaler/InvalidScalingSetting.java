package io.hatchetoperator.autoscaler;

import java.time.Duration;

/** A scaling setting out of range: the field (relative to {@code autoscaling}), the value and the fix. */
public final class InvalidScalingSetting extends IllegalArgumentException {

  private final String field;
  private final Object value;
  private final String fix;

  public InvalidScalingSetting(String field, Object value, String fix) {
    super("autoscaling." + field + " is " + shown(value) + "; " + fix);
    this.field = field;
    this.value = shown(value);
    this.fix = fix;
  }

  /** The field under {@code autoscaling}, e.g. {@code pollInterval} or {@code scaleUp.maxStep}. */
  public String field() {
    return field;
  }

  /** The value as a user wrote it (durations as {@code 0s}, {@code 1500ms}). */
  public Object value() {
    return value;
  }

  public String fix() {
    return fix;
  }

  private static Object shown(Object value) {
    if (value instanceof Duration d) {
      long ms = d.toMillis();
      return ms % 1000 == 0 ? ms / 1000 + "s" : ms + "ms";
    }
    return value;
  }
}
