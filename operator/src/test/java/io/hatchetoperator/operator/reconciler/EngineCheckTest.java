package io.hatchetoperator.operator.reconciler;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.hatchetoperator.operator.api.EngineSpec;
import io.hatchetoperator.operator.api.SecretKeyRef;
import io.hatchetoperator.operator.api.SecretRef;
import io.hatchetoperator.operator.api.TlsSpec;
import io.hatchetoperator.operator.api.TlsStrategy;
import io.hatchetoperator.operator.support.Pools;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What the operator says about the engine Secrets before any pod is created. */
class EngineCheckTest {

    private static final EngineSpec ENGINE = new EngineSpec(new SecretKeyRef("tok", "token"), null, null, null, null);

    private static Secret secret(String name, Map<String, String> stringData) {
        return new SecretBuilder().withNewMetadata().withName(name).endMetadata().withStringData(stringData).build();
    }

    private static EngineCheck.Result check(EngineSpec engine, Secret... secrets) {
        return EngineCheck.check(engine, "ns", name -> java.util.Arrays.stream(secrets)
                .filter(s -> s.getMetadata().getName().equals(name)).findFirst());
    }

    @Test
    void aUsableTokenGivesTheTenant() {
        EngineCheck.Result result = check(ENGINE, Pools.tokenSecret("tok"));
        assertThat(result.ok()).isTrue();
        assertThat(result.token()).isEqualTo(new HatchetToken(Pools.TENANT, "http://localhost:8888",
                "localhost:7077"));
        assertThat(result.connection()).isEqualTo(new EngineConnection("http://localhost:8888", Pools.TENANT,
                Pools.TOKEN));
        assertThat(result.connection().toString()).doesNotContain(Pools.TOKEN).contains("<redacted>");
    }

    @Test
    void eachProblemSaysWhatToFix() {
        assertThat(check(ENGINE)).satisfies(r -> {
            assertThat(r.reason()).isEqualTo("SecretNotFound");
            assertThat(r.message()).contains("kubectl -n ns create secret generic tok --from-literal=token=");
        });
        assertThat(check(ENGINE, secret("tok", Map.of("tkn", "x")))).satisfies(r -> {
            assertThat(r.reason()).isEqualTo("SecretKeyNotFound");
            assertThat(r.message()).contains("has no key 'token'").contains("its keys are [tkn]");
        });
        assertThat(check(ENGINE, secret("tok", Map.of("token", "not-a-jwt")))).satisfies(r -> {
            assertThat(r.reason()).isEqualTo("TokenInvalid");
            assertThat(r.message()).contains("not a JWT").doesNotContain("not-a-jwt");
        });
        String noAddress = Pools.token("{\"sub\":\"t\"}");
        assertThat(check(ENGINE, secret("tok", Map.of("token", noAddress))).reason())
                .isEqualTo("EngineAddressMissing");
        EngineSpec withHost = new EngineSpec(ENGINE.tokenSecretRef(), "engine:7070", null, null, null);
        assertThat(check(withHost, secret("tok", Map.of("token", noAddress))).ok()).isTrue();
        assertThat(check(ENGINE, secret("tok", Map.of("token", Pools.token("{\"server_url\":\"x\"}")))).message())
                .contains("no 'sub' claim");
    }

    @Test
    void tlsSecretsMustHoldTheirFiles() {
        EngineSpec mtls = new EngineSpec(ENGINE.tokenSecretRef(), null, null, new TlsSpec(TlsStrategy.MTLS,
                new SecretKeyRef("ca", "ca.crt"), new SecretRef("client"), null), null);
        Secret token = Pools.tokenSecret("tok");
        assertThat(check(mtls, token).message()).contains("Secret 'ca' (spec.engine.tls.caSecretRef.name)");
        Secret ca = secret("ca", Map.of("ca.crt", "pem"));
        assertThat(check(mtls, token, ca, secret("client", Map.of("tls.crt", "pem"))).message())
                .contains("has no key 'tls.key'");
        assertThat(check(mtls, token, ca, secret("client", Map.of("tls.crt", "pem", "tls.key", "pem"))).ok())
                .isTrue();
        assertThat(Optional.of(check(mtls, token, ca)).map(EngineCheck.Result::reason)).contains("SecretNotFound");
    }
}
