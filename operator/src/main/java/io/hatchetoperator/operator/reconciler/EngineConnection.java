package io.hatchetoperator.operator.reconciler;

/**
 * How the operator itself reaches a pool's engine over Hatchet's REST API: the API base URL (spec.engine.apiUrl,
 * else the token's server_url), the tenant (the token's sub) and the token. {@link #toString()} never shows the
 * token.
 */
public record EngineConnection(String apiUrl, String tenantId, String token) {

    @Override
    public String toString() {
        return "EngineConnection[apiUrl=" + apiUrl + ", tenantId=" + tenantId + ", token=<redacted>]";
    }
}
