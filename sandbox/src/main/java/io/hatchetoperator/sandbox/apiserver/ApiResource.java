package io.hatchetoperator.sandbox.apiserver;

import java.util.List;

/**
 * One resource the sandbox's API serves, as discovery lists it: where it lives (group, version, plural), what it
 * is called, its verbs, and for Tables its printer columns; {@code scale} is null when it has no scale subresource;
 * {@code admission} holds a custom resource's CEL rules (none for the built-in kinds).
 */
public record ApiResource(String group, String version, String plural, String singular, String kind,
    boolean namespaced, List<String> shortNames, List<String> categories, List<PrinterColumn> columns,
    ScalePaths scale, boolean statusSubresource, CelAdmission admission) {

  /** The verbs of every resource here: the mock stores and watches any kind. */
  public static final List<String> VERBS =
      List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");

  /** {@code v1} for the core group, else {@code group/version}: the apiVersion of its objects. */
  public String groupVersion() {
    return group.isEmpty() ? version : group + "/" + version;
  }

  /** True for a custom resource, whose Table comes from its CRD's printer columns. */
  public boolean custom() {
    return columns.stream().anyMatch(c -> c.jsonPath() != null);
  }
}
