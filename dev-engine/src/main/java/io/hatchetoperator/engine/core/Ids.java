package io.hatchetoperator.engine.core;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/** Random version-4 UUIDs without SecureRandom's cost, and UUID checks that name the field. */
public final class Ids {

  private Ids() {}

  /** A new random UUID string. */
  public static String uuid() {
    ThreadLocalRandom r = ThreadLocalRandom.current();
    long hi = (r.nextLong() & 0xffffffffffff0fffL) | 0x0000000000004000L;
    long lo = (r.nextLong() & 0x3fffffffffffffffL) | 0x8000000000000000L;
    return new UUID(hi, lo).toString();
  }

  /** Returns {@code value} when it is a UUID, else INVALID_ARGUMENT naming {@code field}. */
  public static String require(String field, String value) {
    if (value == null || value.length() != 36) {
      throw bad(field, value);
    }
    try {
      UUID.fromString(value);
      return value;
    } catch (IllegalArgumentException e) {
      throw bad(field, value);
    }
  }

  private static EngineException bad(String field, String value) {
    return EngineException.invalid(field + " = '" + value + "' is not a UUID; pass the id the engine returned"
        + " (e.g. 4f0c7b9e-0d6a-4c55-9a53-2b1e8f3c9d10)");
  }
}
