package io.hatchetoperator.operator.autoscaling;

import io.hatchetoperator.operator.api.HatchetWorkerPool;

/** The autoscaler's pool key, {@code namespace/name}, and back. */
public final class PoolKeys {

  private PoolKeys() {}

  /** The key of {@code pool}. */
  public static String of(HatchetWorkerPool pool) {
    return pool.getMetadata().getNamespace() + "/" + pool.getMetadata().getName();
  }

  /** The namespace part of {@code key}. */
  public static String namespace(String key) {
    return key.substring(0, separator(key));
  }

  /** The name part of {@code key}. */
  public static String name(String key) {
    return key.substring(separator(key) + 1);
  }

  private static int separator(String key) {
    int slash = key.indexOf('/');
    if (slash <= 0 || slash == key.length() - 1) {
      throw new IllegalArgumentException("pool key '" + key + "' is not namespace/name");
    }
    return slash;
  }
}
