package io.hatchetoperator.worker.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.ServerCredentials;
import io.grpc.TlsServerCredentials;
import io.hatchetoperator.worker.Hatchet;
import io.hatchetoperator.worker.Worker;
import io.hatchetoperator.worker.WorkerOptions;
import io.hatchetoperator.worker.WorkerState;
import io.hatchetoperator.worker.testing.TestTokens;
import io.hatchetoperator.worker.testing.TestingEngine;
import java.io.File;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The TLS strategies over real TCP (grpc-netty-shaded) against the fake engine with a test CA:
 * server-authenticated TLS, the server-name override, and mutual TLS.
 */
class EngineChannelsTlsTest {
  private TestingEngine engine;
  private Worker worker;

  @AfterEach
  void tearDown() {
    if (worker != null) {
      worker.kill();
    }
    if (engine != null) {
      engine.close();
    }
  }

  private static String pem(String name) {
    try {
      return Path.of(EngineChannelsTlsTest.class.getResource("/tls/" + name).toURI()).toString();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  private Worker worker(String host, String... kv) {
    Map<String, String> env = new HashMap<>(Map.of(
        "HATCHET_CLIENT_TOKEN", TestTokens.token(engine.rest.url(), host + ":" + engine.port()),
        "HATCHET_CLIENT_TLS_ROOT_CA_FILE", pem("ca.pem")));
    for (int i = 0; i < kv.length; i += 2) {
      env.put(kv[i], kv[i + 1]);
    }
    Hatchet hatchet = Hatchet.builder().env(env).healthPort(-1).timing(TestingEngine.fastTiming()).build();
    worker = hatchet.worker("tls-worker", WorkerOptions.slots(1), hatchet.task("noop", (i, c) -> null));
    return worker;
  }

  private static ServerCredentials serverTls(boolean requireClientCert) throws Exception {
    TlsServerCredentials.Builder tls = TlsServerCredentials.newBuilder()
        .keyManager(new File(pem("server.pem")), new File(pem("server.key")));
    if (requireClientCert) {
      tls.trustManager(new File(pem("ca.pem"))).clientAuth(TlsServerCredentials.ClientAuth.REQUIRE);
    }
    return tls.build();
  }

  @Test
  void tlsVerifiesTheEngineAgainstTheRootCa() throws Exception {
    engine = new TestingEngine(serverTls(false));

    String id = worker("localhost").startAsync().get(20, TimeUnit.SECONDS);

    assertThat(id).isNotBlank();
    assertThat(engine.dispatcher.registers).hasSize(1);
  }

  @Test
  void theServerNameOverrideIsWhatTheCertificateIsCheckedAgainst() throws Exception {
    engine = new TestingEngine(serverTls(false));

    worker("127.0.0.1", "HATCHET_CLIENT_TLS_SERVER_NAME", "engine.test").startAsync().get(20, TimeUnit.SECONDS);
    assertThat(engine.dispatcher.registers).hasSize(1);
    worker.kill();

    Worker wrongName = worker("127.0.0.1", "HATCHET_CLIENT_TLS_SERVER_NAME", "elsewhere.test");
    wrongName.startAsync();
    await().atMost(java.time.Duration.ofSeconds(20)).until(() -> wrongName.state() == WorkerState.RECONNECTING
        || wrongName.state() == WorkerState.GAVE_UP);
    assertThat(engine.dispatcher.registers).hasSize(1);
  }

  @Test
  void mtlsPresentsTheClientCertificateAndPlainTlsIsRefused() throws Exception {
    engine = new TestingEngine(serverTls(true));

    Worker noCert = worker("localhost");
    noCert.startAsync();
    await().atMost(java.time.Duration.ofSeconds(20)).until(() -> noCert.state() == WorkerState.RECONNECTING
        || noCert.state() == WorkerState.GAVE_UP);
    noCert.kill();
    assertThat(engine.dispatcher.registers).isEmpty();

    worker("localhost", "HATCHET_CLIENT_TLS_STRATEGY", "mtls", "HATCHET_CLIENT_TLS_CERT_FILE", pem("client.pem"),
        "HATCHET_CLIENT_TLS_KEY_FILE", pem("client.key")).startAsync().get(20, TimeUnit.SECONDS);
    assertThat(engine.dispatcher.registers).hasSize(1);
  }
}
