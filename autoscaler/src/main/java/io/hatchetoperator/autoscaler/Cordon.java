package io.hatchetoperator.autoscaler;

import java.util.Objects;

/**
 * A worker picked for removal: paused in the engine, its pod given the lowest deletion cost.
 *
 * @param workerId the engine worker id
 * @param podName its pod
 * @param sinceMillis when it was cordoned (pending) or when replicas were lowered for it (released)
 * @param released false while it awaits confirmation that it is still idle; true once replicas were lowered
 *     for it and its pod is expected to go away
 *
 * <p>A cordon with an empty {@code workerId} stands for a pod whose worker could not be matched and that was
 * removed anyway ({@link UnmatchedWorkers#TERMINATE}); it is kept to bound how often that happens.
 */
public record Cordon(String workerId, String podName, long sinceMillis, boolean released) {

    public Cordon {
        Objects.requireNonNull(workerId, "workerId");
        podName = podName == null ? "" : podName;
    }

    /** The removal of {@code podName}, whose worker could not be matched, at {@code atMillis}. */
    public static Cordon unmatchedPod(String podName, long atMillis) {
        return new Cordon("", podName, atMillis, true);
    }

    /** True for {@link #unmatchedPod}: no engine worker to pause or resume. */
    public boolean podOnly() {
        return workerId.isEmpty();
    }

    /** The same cordon, released at the given time. */
    public Cordon release(long atMillis) {
        return new Cordon(workerId, podName, atMillis, true);
    }

    /** The worker snapshot identity this cordon refers to. */
    public boolean matches(WorkerSnapshot worker) {
        return workerId.equals(worker.workerId());
    }
}
