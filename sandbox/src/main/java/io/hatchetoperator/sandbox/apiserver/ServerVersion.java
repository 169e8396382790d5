package io.hatchetoperator.sandbox.apiserver;

/**
 * What {@code GET /version} answers (the mock's own answer has no gitVersion, which {@code kubectl version}
 * cannot parse): the Kubernetes minor the front's Tables and discovery follow, marked as the sandbox's build.
 */
public final class ServerVersion {

  /** The version the sandbox's API presents itself as. */
  public static final String GIT_VERSION = "v1.32.0+hatchet-sandbox";

  private ServerVersion() {}

  /** The version.Info JSON. */
  public static String json() {
    return "{\"major\":\"1\",\"minor\":\"32\",\"gitVersion\":\"" + GIT_VERSION + "\",\"gitCommit\":\"\","
        + "\"gitTreeState\":\"clean\",\"buildDate\":\"1970-01-01T00:00:00Z\",\"goVersion\":\"\","
        + "\"compiler\":\"\",\"platform\":\"" + System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT)
        + "/" + System.getProperty("os.arch") + "\"}";
  }
}
