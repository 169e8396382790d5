package io.hatchetoperator.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;
import io.fabric8.generator.annotation.Size;

/** How workers (and the operator) reach the Hatchet engine; unset fields come from the token's claims. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EngineSpec(
        @JsonPropertyDescription("Secret key holding the Hatchet API token (HATCHET_CLIENT_TOKEN).")
        @Required
        SecretKeyRef tokenSecretRef,
        @JsonPropertyDescription("Engine gRPC address host:port (default: the token's grpc_broadcast_address).")
        @Pattern("^[^\\s:/]+:[0-9]{1,5}$")
        String hostPort,
        @JsonPropertyDescription("Engine REST base URL (default: the token's server_url).")
        @Pattern("^https?://[^\\s]+$")
        String apiUrl,
        @JsonPropertyDescription("Transport security towards the engine.")
        TlsSpec tls,
        @JsonPropertyDescription("Hatchet namespace prefixed onto workflow names (HATCHET_CLIENT_NAMESPACE).")
        @Size(max = 63)
        String namespace) {
}
