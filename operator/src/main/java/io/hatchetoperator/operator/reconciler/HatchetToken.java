package io.hatchetoperator.operator.reconciler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The claims of a Hatchet API token that the operator and the workers rely on. The signature is not checked
 * (the engine does that); this only reads the payload, the way Hatchet's SDKs do.
 */
public record HatchetToken(String tenantId, String serverUrl, String grpcBroadcastAddress) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * Reads the claims of {@code jwt}.
     *
     * @throws IllegalArgumentException saying what is wrong (never containing the token itself)
     */
    public static HatchetToken parse(String jwt) {
        String token = jwt == null ? "" : jwt.trim();
        String[] parts = token.split("\\.");
        if (parts.length != 3 || !token.startsWith("ey")) {
            throw new IllegalArgumentException("it is not a JWT (expected three dot-separated base64url parts"
                    + " starting with 'ey')");
        }
        JsonNode claims;
        try {
            claims = JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
        } catch (Exception e) {
            throw new IllegalArgumentException("its payload is not base64url-encoded JSON");
        }
        String sub = text(claims, "sub");
        if (sub == null) {
            throw new IllegalArgumentException("it has no 'sub' claim (the tenant id)");
        }
        return new HatchetToken(sub, text(claims, "server_url"), text(claims, "grpc_broadcast_address"));
    }

    private static String text(JsonNode claims, String name) {
        JsonNode node = claims.get(name);
        return node == null || !node.isTextual() || node.asText().isBlank() ? null : node.asText();
    }
}
