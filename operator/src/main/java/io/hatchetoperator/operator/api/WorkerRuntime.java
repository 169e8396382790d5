package io.hatchetoperator.operator.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * spec.runtime: the Hatchet SDK the pool's worker is written with, which decides the health-check environment and
 * the probes the operator adds (only those the SDK really serves; see docs/sdks.md).
 */
public enum WorkerRuntime {
    /** This project's Java worker runtime: /livez and /readyz on the health port. */
    @JsonProperty("java") JAVA,
    /** hatchet-sdk (Python): /health on the health port, readiness only. */
    @JsonProperty("python") PYTHON,
    /** @hatchet-dev/typescript-sdk: /livez and /readyz on the health port. */
    @JsonProperty("typescript") TYPESCRIPT,
    /** The Go SDK: no health server, so no probe. */
    @JsonProperty("go") GO,
    /** Anything else (the default): no probe and no health-check environment. */
    @JsonProperty("custom") CUSTOM;

    /** The value as written in the spec. */
    public String specValue() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
