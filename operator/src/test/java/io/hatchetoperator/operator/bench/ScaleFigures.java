package io.hatchetoperator.operator.bench;

import java.util.Locale;

/** What the scale benchmark measured (see ScaleBenchmark). */
record ScaleFigures(int pools, int tenants, double apiRequestsPerSecIdle, double apiRequestsPerSecBusy,
                    double engineRequestsPerTenantTick, double decideMsP99, double heapUsedMiBMax) {

    String json() {
        return String.format(Locale.ROOT, "{\"pools\": %d, \"tenants\": %d, \"apiRequestsPerSecIdle\": %.2f, "
                + "\"apiRequestsPerSecBusy\": %.2f, \"engineRequestsPerTenantTick\": %.2f, \"decideMsP99\": %.2f, "
                + "\"heapUsedMiBMax\": %.1f}%n", pools, tenants, apiRequestsPerSecIdle, apiRequestsPerSecBusy,
                engineRequestsPerTenantTick, decideMsP99, heapUsedMiBMax);
    }
}
