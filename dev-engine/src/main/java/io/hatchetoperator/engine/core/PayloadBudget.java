package io.hatchetoperator.engine.core;

/** Pure checks of a trigger against the {@link PayloadLimits}; each rejection names the limit and the fix. */
final class PayloadBudget {

  private PayloadBudget() {}

  /** The request's input plus metadata in UTF-8 bytes; RESOURCE_EXHAUSTED when over the deliverable limit. */
  static long checkInput(PayloadLimits limits, String field, TriggerRequest r) {
    long bytes = utf8Length(r.inputJson()) + utf8Length(r.metadataJson());
    if (bytes > limits.maxInputBytes()) {
      throw new EngineException(EngineException.Kind.RESOURCE_EXHAUSTED, field + " is " + bytes + " bytes (with its"
          + " metadata); the largest this engine delivers to a worker is " + limits.maxInputBytes() + " bytes (the"
          + " workers' gRPC receive limit, HATCHET_CLIENT_GRPC_MAX_RECV_MESSAGE_LENGTH, less "
          + PayloadLimits.ENVELOPE_BYTES + " bytes for the assignment); send a smaller input (store large data"
          + " elsewhere and pass a reference), or raise --max-message-bytes on the engine and"
          + " HATCHET_CLIENT_GRPC_MAX_RECV_MESSAGE_LENGTH on every worker together");
    }
    return bytes;
  }

  /** RESOURCE_EXHAUSTED when {@code adding} more bytes would take the held inputs over the budget. */
  static void checkHeld(PayloadLimits limits, long held, long adding) {
    if (held + adding > limits.maxHeldBytes()) {
      throw new EngineException(EngineException.Kind.RESOURCE_EXHAUSTED, held + " bytes of inputs are held by"
          + " unfinished runs and this trigger adds " + adding + "; the engine holds at most "
          + limits.maxHeldBytes() + " bytes (--max-queued-bytes); retry when queued runs have finished (start more"
          + " workers), or raise --max-queued-bytes and the JVM's heap (-Xmx) together");
    }
  }

  static long utf8Length(String s) {
    if (s == null) {
      return 0;
    }
    long n = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x80) {
        n++;
      } else if (c < 0x800) {
        n += 2;
      } else if (Character.isHighSurrogate(c)) {
        n += 4;
        i++;
      } else {
        n += 3;
      }
    }
    return n;
  }
}
