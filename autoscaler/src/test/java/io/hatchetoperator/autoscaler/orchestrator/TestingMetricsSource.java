package io.hatchetoperator.autoscaler.orchestrator;

import java.util.HashMap;
import java.util.Map;

/** A {@link PoolMetricsSource} that answers what the test set last, per pool; shared via the test-jar. */
public final class TestingMetricsSource implements PoolMetricsSource {

    private final Map<String, MetricsReading> readings = new HashMap<>();
    private int reads;

    /** Sets the next answers for {@code pool}. */
    public void set(String pool, MetricsReading reading) {
        readings.put(pool, reading);
    }

    /** How many reads were made. */
    public int reads() {
        return reads;
    }

    @Override
    public MetricsReading read(String pool) {
        reads++;
        MetricsReading r = readings.get(pool);
        if (r == null) {
            throw new IllegalStateException("test set no reading for pool " + pool);
        }
        return r;
    }
}
