package io.hatchetoperator.autoscaler.orchestrator;

import io.hatchetoperator.autoscaler.WorkerSnapshot;
import java.util.ArrayList;
import java.util.List;

/** A {@link ScalingRealizer} that records every call as a line ("setReplicas p 3", "cordon p w1"). */
public final class TestingScalingRealizer implements ScalingRealizer {

    private final List<String> calls = new ArrayList<>();
    private String failOn;

    /** Calls so far, in order. */
    public List<String> calls() {
        return List.copyOf(calls);
    }

    /** Forgets the recorded calls. */
    public void clear() {
        calls.clear();
    }

    /** Makes every call whose line starts with {@code prefix} throw (null: none). */
    public void failOn(String prefix) {
        failOn = prefix;
    }

    @Override
    public void setReplicas(String pool, int replicas, List<String> removePods) {
        record("setReplicas " + pool + " " + replicas + (removePods.isEmpty() ? "" : " " + removePods));
    }

    @Override
    public void cordon(String pool, WorkerSnapshot worker) {
        record("cordon " + pool + " " + worker.workerId());
    }

    @Override
    public void uncordon(String pool, String workerId, String podName) {
        record("uncordon " + pool + " " + workerId);
    }

    private void record(String line) {
        if (failOn != null && line.startsWith(failOn)) {
            throw new IllegalStateException("engine said no to " + line);
        }
        calls.add(line);
    }
}
