package io.hatchetoperator.worker.runtime;

/**
 * The text of a FAILED event, like Hatchet's Python SDK: {@code <type>: <message>} and the stack,
 * trimmed so one failure cannot flood the engine.
 */
final class FailurePayload {
  private static final int MAX_FRAMES = 30;

  private FailurePayload() {}

  static String of(Throwable error) {
    StringBuilder text = new StringBuilder();
    Throwable current = error;
    for (int depth = 0; current != null && depth < 5; depth++, current = current.getCause()) {
      text.append(depth == 0 ? "" : "Caused by: ").append(current.getClass().getName());
      if (current.getMessage() != null) {
        text.append(": ").append(current.getMessage());
      }
      text.append('\n');
      StackTraceElement[] frames = current.getStackTrace();
      for (int i = 0; i < Math.min(frames.length, MAX_FRAMES); i++) {
        text.append("\tat ").append(frames[i]).append('\n');
      }
      if (frames.length > MAX_FRAMES) {
        text.append("\t... ").append(frames.length - MAX_FRAMES).append(" more\n");
      }
    }
    return text.toString().replace("\u0000", "");
  }
}
