package io.hatchetoperator.operator.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Hatchet's HATCHET_CLIENT_TLS_STRATEGY values. */
public enum TlsStrategy {
    @JsonProperty("tls") TLS,
    @JsonProperty("mtls") MTLS,
    @JsonProperty("none") NONE;

    /** The value as Hatchet's SDKs read it. */
    public String wireValue() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
