package io.hatchetoperator.worker.runtime;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Semaphore;

/**
 * The worker's slots per slot type: a task run holds its requested units while it runs, so no more
 * runs execute than there are slots even if the engine sends more. Thread-safe.
 */
final class SlotPool {
  private final Map<String, Integer> totals;
  private final Map<String, Semaphore> free = new LinkedHashMap<>();

  SlotPool(Map<String, Integer> slotConfig) {
    this.totals = Map.copyOf(slotConfig);
    slotConfig.forEach((type, n) -> free.put(type, new Semaphore(n, true)));
  }

  /**
   * Blocks until every requested unit is held; on interruption holds nothing. Types are taken in
   * name order so two runs needing two types cannot deadlock.
   */
  void acquire(Map<String, Integer> request) throws InterruptedException {
    Map<String, Integer> taken = new LinkedHashMap<>();
    try {
      for (Map.Entry<String, Integer> e : new TreeMap<>(request).entrySet()) {
        semaphore(e.getKey()).acquire(e.getValue());
        taken.put(e.getKey(), e.getValue());
      }
    } catch (InterruptedException e) {
      release(taken);
      throw e;
    }
  }

  void release(Map<String, Integer> request) {
    request.forEach((type, units) -> semaphore(type).release(units));
  }

  /** Whether every requested unit is free right now (a hint: another run may take it first). */
  boolean fitsNow(Map<String, Integer> request) {
    return request.entrySet().stream().allMatch(e -> semaphore(e.getKey()).availablePermits() >= e.getValue());
  }

  /** All slots of every type. */
  int size() {
    return totals.values().stream().mapToInt(Integer::intValue).sum();
  }

  Map<String, Integer> totals() {
    return totals;
  }

  int used(String type) {
    return totals.get(type) - semaphore(type).availablePermits();
  }

  private Semaphore semaphore(String type) {
    Semaphore s = free.get(type);
    if (s == null) {
      throw new IllegalArgumentException("slot type '" + type + "' is not one of this worker's " + totals.keySet());
    }
    return s;
  }
}
