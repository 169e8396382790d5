package io.hatchetoperator.worker.runtime;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The engine's semantic version from {@code GetVersion}, and the features it gates. */
public record EngineVersion(int major, int minor, int patch) implements Comparable<EngineVersion> {

  /** The first engine that takes {@code slot_config} at registration. */
  public static final EngineVersion SLOT_CONFIG = new EngineVersion(0, 78, 23);

  /**
   * The first engine whose durable tasks use the DurableTask stream (the TypeScript SDK 1.33.2's
   * {@code MinEngineVersion.DURABLE_EVICTION}, {@code v1/client/worker/engine-version.js}).
   */
  public static final EngineVersion DURABLE_TASK = new EngineVersion(0, 80, 0);

  private static final Pattern SEMVER = Pattern.compile("^v?(\\d+)\\.(\\d+)\\.(\\d+).*");

  /** Parses {@code v0.78.23} (a leading {@code v} and a suffix are allowed); null if it is not semver. */
  public static EngineVersion parse(String text) {
    Matcher m = SEMVER.matcher(text == null ? "" : text.trim());
    if (!m.matches()) {
      return null;
    }
    return new EngineVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
        Integer.parseInt(m.group(3)));
  }

  public boolean supportsSlotConfig() {
    return compareTo(SLOT_CONFIG) >= 0;
  }

  public boolean supportsDurableTask() {
    return compareTo(DURABLE_TASK) >= 0;
  }

  @Override
  public int compareTo(EngineVersion o) {
    int c = Integer.compare(major, o.major);
    if (c == 0) {
      c = Integer.compare(minor, o.minor);
    }
    return c != 0 ? c : Integer.compare(patch, o.patch);
  }

  @Override
  public String toString() {
    return "v" + major + "." + minor + "." + patch;
  }
}
