package io.hatchetoperator.engine.core;

/**
 * The engine's bounds on inputs, checked when a run is triggered so that nothing is accepted that cannot be delivered
 * or held.
 *
 * @param maxInputBytes the largest input (UTF-8 bytes) of one run: what still fits, with the assignment's envelope,
 *     into a worker's gRPC receive limit
 * @param maxHeldBytes the most input bytes unfinished runs may hold in memory together
 */
public record PayloadLimits(int maxInputBytes, long maxHeldBytes) {

  /** Room left in a message for the assignment's other fields (ids, names, metadata). */
  public static final int ENVELOPE_BYTES = 64 * 1024;

  public PayloadLimits {
    if (maxInputBytes < 1 || maxHeldBytes < maxInputBytes) {
      throw new IllegalArgumentException("payload limits " + maxInputBytes + "/" + maxHeldBytes
          + ": the input limit must be positive and at most the held-bytes limit");
    }
  }

  /** The limits for workers that receive at most {@code maxMessageBytes}, holding at most {@code maxHeldBytes}. */
  public static PayloadLimits forMessages(int maxMessageBytes, long maxHeldBytes) {
    return new PayloadLimits(Math.max(1, maxMessageBytes - ENVELOPE_BYTES), maxHeldBytes);
  }

  /** 4 MiB messages (the SDKs' default) and 512 MiB of held inputs. */
  public static PayloadLimits defaults() {
    return forMessages(4 * 1024 * 1024, 512L * 1024 * 1024);
  }
}
