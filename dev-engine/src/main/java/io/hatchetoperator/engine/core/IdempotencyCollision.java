package io.hatchetoperator.engine.core;

import java.util.List;

/**
 * A trigger whose idempotency key another run holds (Hatchet answers ALREADY_EXISTS with the holder's id): the runs
 * of the same request that did start, and one entry per colliding request.
 */
public final class IdempotencyCollision extends RuntimeException {

  /** The run holding the key, and the id the colliding request was given (it never runs). */
  public record Collision(String existingRunId, String collidingRunId) {}

  private final List<String> started;
  private final List<Collision> collisions;

  IdempotencyCollision(List<String> started, List<Collision> collisions) {
    super("idempotency key collision", null, false, false);
    this.started = List.copyOf(started);
    this.collisions = List.copyOf(collisions);
  }

  public List<String> started() {
    return started;
  }

  public List<Collision> collisions() {
    return collisions;
  }
}
