package io.hatchetoperator.sandbox.cluster;

import java.time.Instant;

/** A change of a Deployment's {@code spec.replicas}, as the pod simulator saw it. */
public record ReplicaChange(Instant at, String namespace, String deployment, int from, int to) {}
