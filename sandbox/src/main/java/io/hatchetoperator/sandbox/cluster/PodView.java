package io.hatchetoperator.sandbox.cluster;

import java.time.Instant;

/** What the ReplicaSet logic needs to know about one pod: its template hash, readiness, deletion cost and age. */
public record PodView(String name, String templateHash, boolean ready, int deletionCost, Instant createdAt) {}
