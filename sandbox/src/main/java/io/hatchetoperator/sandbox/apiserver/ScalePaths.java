package io.hatchetoperator.sandbox.apiserver;

/** A custom resource's scale subresource as its CRD declares it (the three JSONPaths, e.g. {@code .spec.replicas}). */
public record ScalePaths(String specReplicasPath, String statusReplicasPath, String labelSelectorPath) {}
