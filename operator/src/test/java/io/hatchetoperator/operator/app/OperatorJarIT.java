package io.hatchetoperator.operator.app;

import static io.hatchetoperator.operator.support.OperatorFixture.deployment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.hatchetoperator.operator.support.MockCluster;
import io.hatchetoperator.operator.support.Pools;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The shaded jar runs as a process: kubeconfig, JSON logs, health port, reconciles, stops on SIGTERM. */
class OperatorJarIT {

    private static final Path JAR = Path.of("target", "hatchet-worker-operator.jar");

    @Test
    void theRunnableJarReconcilesAndShutsDownGracefully() throws Exception {
        assertThat(JAR).as("built by mvn package").exists();
        try (MockCluster cluster = new MockCluster("OperatorJarIT")) {
            KubernetesClient client = cluster.client();
            Path kubeconfig = Files.createTempFile("kubeconfig", ".yaml");
            Files.writeString(kubeconfig, """
                    apiVersion: v1
                    kind: Config
                    clusters: [{name: mock, cluster: {server: "%s", insecure-skip-tls-verify: true}}]
                    users: [{name: test, user: {token: test-token}}]
                    contexts: [{name: mock, context: {cluster: mock, user: test, namespace: test}}]
                    current-context: mock
                    """.formatted(client.getMasterUrl().toString()));
            int port = freePort();
            Path log = Files.createTempFile("operator", ".log");
            Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar", JAR.toString(), "--kubeconfig", kubeconfig.toString(), "--server-side-apply", "false",
                    "--http-port", String.valueOf(port), "--log-format", "json")
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                client.resource(Pools.tokenSecret("hatchet-token")).create();
                client.resource(Pools.manual("from-jar", 2)).create();
                await().atMost(Duration.ofSeconds(90)).until(() -> deployment(client, "from-jar") != null);
                assertThat(get(port, "/readyz")).isEqualTo(200);
                assertThat(get(port, "/healthz")).isEqualTo(200);
            } finally {
                process.destroy();
                assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("stops on SIGTERM").isTrue();
            }
            String output = Files.readString(log);
            assertThat(output.lines().filter(l -> l.contains("created Deployment")).findFirst())
                    .hasValueSatisfying(l -> assertThat(l).startsWith("{").contains("\"level\":\"INFO\""));
        }
    }

    private static int get(int port, String path) throws IOException, InterruptedException {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .build(), HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
