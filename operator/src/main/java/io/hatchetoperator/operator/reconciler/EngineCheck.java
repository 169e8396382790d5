package io.hatchetoperator.operator.reconciler;

import io.fabric8.kubernetes.api.model.Secret;
import io.hatchetoperator.operator.api.EngineSpec;
import io.hatchetoperator.operator.api.SecretKeyRef;
import io.hatchetoperator.operator.api.TlsSpec;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Checks that the Secrets a pool's workers need exist and hold usable values, so a missing Secret is reported
 * on the pool (condition EngineConfigured) instead of as pods stuck in CreateContainerConfigError.
 */
public final class EngineCheck {

    /** The outcome: ok with the token's claims and the operator's connection, or a reason and what to fix. */
    public record Result(boolean ok, String reason, String message, HatchetToken token, EngineConnection connection) {
        static Result failed(String reason, String message) {
            return new Result(false, reason, message, null, null);
        }
    }

    private EngineCheck() {
    }

    /** Checks {@code engine} in {@code namespace}, reading Secrets by name through {@code secrets}. */
    public static Result check(EngineSpec engine, String namespace, Function<String, Optional<Secret>> secrets) {
        SecretKeyRef ref = engine.tokenSecretRef();
        Optional<Secret> secret = secrets.apply(ref.name());
        if (secret.isEmpty()) {
            return Result.failed("SecretNotFound", "Secret '" + ref.name() + "' (spec.engine.tokenSecretRef.name) "
                    + "was not found in namespace '" + namespace + "': create it, e.g. kubectl -n " + namespace
                    + " create secret generic " + ref.name() + " --from-literal=" + ref.key() + "=<Hatchet API token>");
        }
        Optional<String> value = value(secret.get(), ref.key());
        if (value.isEmpty()) {
            return Result.failed("SecretKeyNotFound", missingKey(secret.get(), ref.key(),
                    "spec.engine.tokenSecretRef.key"));
        }
        HatchetToken token;
        try {
            token = HatchetToken.parse(value.get());
        } catch (IllegalArgumentException e) {
            return Result.failed("TokenInvalid", "the value of key '" + ref.key() + "' in Secret '" + ref.name()
                    + "' is not a Hatchet API token: " + e.getMessage() + "; create a token in the Hatchet "
                    + "dashboard (Settings > API Tokens) and store it in the Secret");
        }
        if (engine.hostPort() == null && token.grpcBroadcastAddress() == null) {
            return Result.failed("EngineAddressMissing", "the token has no grpc_broadcast_address claim and "
                    + "spec.engine.hostPort is not set: set spec.engine.hostPort to the engine's host:port");
        }
        EngineConnection connection = new EngineConnection(engine.apiUrl() != null ? engine.apiUrl()
                : token.serverUrl(), token.tenantId(), value.get().trim());
        return checkTls(engine.tls(), secrets).orElse(new Result(true, "SecretsFound",
                "token Secret '" + ref.name() + "' found (tenant " + token.tenantId() + ")", token, connection));
    }

    private static Optional<Result> checkTls(TlsSpec tls, Function<String, Optional<Secret>> secrets) {
        if (tls == null) {
            return Optional.empty();
        }
        if (tls.caSecretRef() != null) {
            Optional<Result> problem = requireKey(secrets, tls.caSecretRef().name(), tls.caSecretRef().key(),
                    "spec.engine.tls.caSecretRef");
            if (problem.isPresent()) {
                return problem;
            }
        }
        if (tls.clientCertSecretRef() != null) {
            for (String key : new String[] {"tls.crt", "tls.key"}) {
                Optional<Result> problem = requireKey(secrets, tls.clientCertSecretRef().name(), key,
                        "spec.engine.tls.clientCertSecretRef");
                if (problem.isPresent()) {
                    return problem;
                }
            }
        }
        return Optional.empty();
    }

    private static Optional<Result> requireKey(Function<String, Optional<Secret>> secrets, String name, String key,
                                               String field) {
        Optional<Secret> secret = secrets.apply(name);
        if (secret.isEmpty()) {
            return Optional.of(Result.failed("SecretNotFound", "Secret '" + name + "' (" + field + ".name) was not"
                    + " found: create it in the pool's namespace"));
        }
        return value(secret.get(), key).isPresent() ? Optional.empty()
                : Optional.of(Result.failed("SecretKeyNotFound", missingKey(secret.get(), key, field)));
    }

    private static String missingKey(Secret secret, String key, String field) {
        TreeSet<String> keys = new TreeSet<>();
        if (secret.getData() != null) {
            keys.addAll(secret.getData().keySet());
        }
        if (secret.getStringData() != null) {
            keys.addAll(secret.getStringData().keySet());
        }
        return "Secret '" + secret.getMetadata().getName() + "' has no key '" + key + "' (" + field + "); its keys"
                + " are " + keys + ": add the key to the Secret or point " + field + " at the right one";
    }

    private static Optional<String> value(Secret secret, String key) {
        if (secret.getData() != null && secret.getData().get(key) != null) {
            return Optional.of(new String(Base64.getDecoder().decode(secret.getData().get(key).trim()),
                    StandardCharsets.UTF_8)).filter(v -> !v.isBlank());
        }
        if (secret.getStringData() != null && secret.getStringData().get(key) != null) {
            return Optional.of(secret.getStringData().get(key)).filter(v -> !v.isBlank());
        }
        return Optional.empty();
    }
}
