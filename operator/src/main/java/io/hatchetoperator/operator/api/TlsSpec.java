package io.hatchetoperator.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.ValidationRule;

/** TLS towards the engine: the strategy and the Secrets its files are mounted from. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@ValidationRule(value = ValidationRules.MTLS_NEEDS_CERTS, message = ValidationRules.MTLS_NEEDS_CERTS_MESSAGE)
public record TlsSpec(
        @JsonPropertyDescription("tls (server certificate checked), mtls (client certificate too) or none (plaintext).")
        @Default("tls")
        TlsStrategy strategy,
        @JsonPropertyDescription("CA bundle to trust (HATCHET_CLIENT_TLS_ROOT_CA_FILE).")
        SecretKeyRef caSecretRef,
        @JsonPropertyDescription("kubernetes.io/tls Secret with the client certificate (tls.crt, tls.key) for mtls.")
        SecretRef clientCertSecretRef,
        @JsonPropertyDescription("Server name checked in the engine's certificate (HATCHET_CLIENT_TLS_SERVER_NAME).")
        String serverName) {

    /** The strategy, tls when unset. */
    public TlsStrategy effectiveStrategy() {
        return strategy == null ? TlsStrategy.TLS : strategy;
    }
}
