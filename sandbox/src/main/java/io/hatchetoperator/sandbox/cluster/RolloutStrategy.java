package io.hatchetoperator.sandbox.cluster;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;

/**
 * A Deployment's {@code spec.strategy} with the API server's defaults applied, as the Deployment controller reads
 * it: {@code RollingUpdate} with {@code maxSurge} and {@code maxUnavailable} of 25 % when unset
 * (kubernetes/kubernetes {@code pkg/apis/apps/v1/defaults.go}, {@code SetDefaults_Deployment}), or {@code Recreate}.
 *
 * @param recreate true for {@code Recreate}: every old pod goes before the first new one starts
 * @param maxSurge an absolute count ({@code "2"}) or a percentage of the replicas ({@code "25%"})
 * @param maxUnavailable the same forms
 */
public record RolloutStrategy(boolean recreate, String maxSurge, String maxUnavailable) {

  /** What the API server fills in when a Deployment sets no strategy. */
  public static final RolloutStrategy DEFAULT = new RolloutStrategy(false, "25%", "25%");

  /** The surge and unavailability a rolling update of {@code replicas} may use, both as pod counts. */
  public record Fenceposts(int surge, int unavailable) {}

  /** The strategy of {@code d}, defaulted; an unknown type or a malformed value is an error naming the field. */
  public static RolloutStrategy of(Deployment d) {
    DeploymentStrategy s = d.getSpec().getStrategy();
    String type = s == null || s.getType() == null ? "RollingUpdate" : s.getType();
    if (type.equals("Recreate")) {
      return new RolloutStrategy(true, "0", "0");
    }
    if (!type.equals("RollingUpdate")) {
      throw new IllegalArgumentException("deployment " + d.getMetadata().getName() + ": spec.strategy.type is '"
          + type + "'; use RollingUpdate or Recreate");
    }
    var rolling = s == null ? null : s.getRollingUpdate();
    RolloutStrategy strategy = new RolloutStrategy(false,
        text(rolling == null ? null : rolling.getMaxSurge(), DEFAULT.maxSurge),
        text(rolling == null ? null : rolling.getMaxUnavailable(), DEFAULT.maxUnavailable));
    strategy.fenceposts(1); // validates both values
    return strategy;
  }

  /**
   * Both fenceposts for {@code replicas} as kubernetes/kubernetes {@code ResolveFenceposts} computes them
   * ({@code pkg/controller/deployment/util/deployment_util.go}): the surge rounds up, the unavailability rounds
   * down, and when both come to 0 the unavailability is 1. {@code MaxUnavailable} never exceeds the replicas and
   * is 0 for 0 replicas. Recreate has neither.
   */
  public Fenceposts fenceposts(int replicas) {
    if (recreate) {
      return new Fenceposts(0, 0);
    }
    int surge = count("spec.strategy.rollingUpdate.maxSurge", maxSurge, replicas, true);
    int unavailable = count("spec.strategy.rollingUpdate.maxUnavailable", maxUnavailable, replicas, false);
    if (surge == 0 && unavailable == 0) {
      unavailable = 1;
    }
    return new Fenceposts(surge, replicas == 0 ? 0 : Math.min(unavailable, replicas));
  }

  private static int count(String field, String value, int replicas, boolean roundUp) {
    String v = value.trim();
    try {
      if (v.endsWith("%")) {
        int percent = Integer.parseInt(v.substring(0, v.length() - 1));
        if (percent < 0) {
          throw new NumberFormatException("negative");
        }
        long scaled = (long) percent * replicas;
        return (int) (roundUp ? (scaled + 99) / 100 : scaled / 100);
      }
      int n = Integer.parseInt(v);
      if (n < 0) {
        throw new NumberFormatException("negative");
      }
      return n;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(field + " is '" + value + "'; use a count such as 1 or a percentage "
          + "such as 25%, not negative");
    }
  }

  private static String text(IntOrString value, String fallback) {
    if (value == null) {
      return fallback;
    }
    return value.getIntVal() != null ? String.valueOf(value.getIntVal()) : value.getStrVal();
  }
}
