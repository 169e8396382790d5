package io.hatchetoperator.operator.bench;

import java.util.Locale;

/**
 * What the scale benchmark measured (see ScaleBenchmark). {@code decideMsP99} is wall-clock time of the autoscaling
 * step (what a reconcile waits); {@code decideCpuMsP99} the CPU time its thread used, which shows how much of the
 * wall-clock figure is waiting for a core (or a GC) on a loaded machine; {@code loadAverage} is the machine's 1-minute
 * load average at the end of the busy phase.
 */
record ScaleFigures(int pools, int tenants, double apiRequestsPerSecIdle, double apiRequestsPerSecBusy,
                    double engineRequestsPerTenantTick, double decideMsP99, double decideCpuMsP99,
                    long decisions, double heapUsedMiBMax, double loadAverage) {

    String json() {
        return String.format(Locale.ROOT, "{\"pools\": %d, \"tenants\": %d, \"apiRequestsPerSecIdle\": %.2f, "
                + "\"apiRequestsPerSecBusy\": %.2f, \"engineRequestsPerTenantTick\": %.2f, \"decideMsP99\": %.2f, "
                + "\"decideCpuMsP99\": %.2f, \"decisions\": %d, \"heapUsedMiBMax\": %.1f, \"loadAverage\": %.2f}%n", pools, tenants,
                apiRequestsPerSecIdle, apiRequestsPerSecBusy, engineRequestsPerTenantTick, decideMsP99, decideCpuMsP99,
                decisions, heapUsedMiBMax, loadAverage);
    }
}
