package io.hatchetoperator.operator.engine;

import java.time.Duration;

/**
 * Settings of the engine REST client, with their defaults and units.
 *
 * @param connectTimeout TCP/TLS connect timeout (default 3 s)
 * @param requestTimeout time allowed for one request, headers and body (default 5 s)
 * @param workerPageSize workers asked for per page of the worker list (default 200)
 * @param maxWorkerPages pages read at most per list, a guard against a server that never ends (100)
 */
public record EngineClientSettings(
    Duration connectTimeout, Duration requestTimeout, int workerPageSize, int maxWorkerPages) {

  /** The defaults above. */
  public static final EngineClientSettings DEFAULTS =
      new EngineClientSettings(Duration.ofSeconds(3), Duration.ofSeconds(5), 200, 100);

  /** Checks every value and names the bad one. */
  public EngineClientSettings {
    requirePositive("connectTimeout", connectTimeout);
    requirePositive("requestTimeout", requestTimeout);
    if (workerPageSize < 1 || maxWorkerPages < 1) {
      throw new IllegalArgumentException(
          "workerPageSize (" + workerPageSize + ") and maxWorkerPages (" + maxWorkerPages
              + ") must be >= 1");
    }
  }

  /** A copy with another request timeout. */
  public EngineClientSettings withRequestTimeout(Duration timeout) {
    return new EngineClientSettings(connectTimeout, timeout, workerPageSize, maxWorkerPages);
  }

  /** A copy with another page size. */
  public EngineClientSettings withWorkerPageSize(int size) {
    return new EngineClientSettings(connectTimeout, requestTimeout, size, maxWorkerPages);
  }

  private static void requirePositive(String name, Duration value) {
    if (value == null || value.isZero() || value.isNegative()) {
      throw new IllegalArgumentException(
          name + " must be a positive duration, got " + value + "; e.g. PT5S");
    }
  }
}
