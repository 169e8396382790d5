package io.hatchetoperator.operator.support;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

/**
 * The fabric8 mock API server in CRUD mode as the test cluster, with the SelfSubjectRulesReview stub that JOSDK's
 * leader election needs, and a record of every request the operator made: on {@link #close()} the requests of
 * {@link #operatorClient()} clients (told apart by their User-Agent) are written, de-duplicated, as
 * {@code METHOD PATH} lines to {@code target/api-calls/<name>.txt} for the chart's RBAC test. Calls the test
 * itself makes through {@link #client()} are left out.
 */
public final class MockCluster implements AutoCloseable {

    /** The namespace the tests use. */
    public static final String NAMESPACE = "test";
    private static final String OPERATOR_AGENT = "hatchet-worker-operator";
    private final String name;
    private final KubernetesMockServer server;
    private final KubernetesClient client;
    private final List<KubernetesClient> operatorClients = Collections.synchronizedList(new ArrayList<>());
    private final List<String> calls = Collections.synchronizedList(new ArrayList<>());
    private final List<String> agentCalls = Collections.synchronizedList(new ArrayList<>());

    /** Starts a mock cluster whose calls are recorded under {@code name}. */
    public MockCluster(String name) {
        this.name = name;
        java.util.logging.Logger.getLogger("io.fabric8.mockwebserver").setLevel(java.util.logging.Level.WARNING);
        Map<ServerRequest, Queue<ServerResponse>> expectations = new HashMap<>();
        server = new KubernetesMockServer(new Context(), new MockWebServer(), expectations,
                new KubernetesMixedDispatcher(expectations), false);
        server.init();
        server.expect().post().withPath("/apis/authorization.k8s.io/v1/selfsubjectrulesreviews")
                .andReturn(201, rulesReview()).always();
        client = server.createClient();
    }

    /** The mock server, for expectations that take precedence over its CRUD handling. */
    public KubernetesMockServer server() {
        return server;
    }

    /** The test's own client of the mock (closed with the cluster); its calls are not recorded. */
    public KubernetesClient client() {
        return client;
    }

    /** A new client for an operator under test (closed with the cluster); its calls are recorded. */
    public KubernetesClient operatorClient() {
        return operatorClient("test");
    }

    /** A new operator client whose calls can be told apart by {@link #callsBy(String)} {@code id}. */
    public KubernetesClient operatorClient(String id) {
        KubernetesClient operatorClient = server.createClient(b -> b.editOrNewConfig()
                .withUserAgent(OPERATOR_AGENT + "/" + id).endConfig());
        operatorClients.add(operatorClient);
        return operatorClient;
    }

    /** Every {@code METHOD PATH} served so far (draining the server's queue into the record). */
    public List<String> calls() {
        drain();
        synchronized (calls) {
            return List.copyOf(calls);
        }
    }

    /** Every {@code METHOD PATH} served so far to the operator client {@code id}, in order. */
    public List<String> callsBy(String id) {
        drain();
        String prefix = OPERATOR_AGENT + "/" + id + " ";
        synchronized (agentCalls) {
            return agentCalls.stream().filter(c -> c.startsWith(prefix)).map(c -> c.substring(prefix.length()))
                    .toList();
        }
    }

    /** Number of calls recorded so far. */
    public int mark() {
        return calls().size();
    }

    /** Calls recorded after {@code mark}. */
    public List<String> callsSince(int mark) {
        List<String> all = calls();
        return all.subList(mark, all.size());
    }

    @Override
    public void close() {
        drain();
        operatorClients.forEach(KubernetesClient::close);
        client.close();
        server.destroy();
        Path dir = Path.of("target", "api-calls");
        try {
            Files.createDirectories(dir);
            Files.write(dir.resolve(name + ".txt"), new TreeSet<>(calls));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void drain() {
        try {
            RecordedRequest request;
            while ((request = server.takeRequest(1, TimeUnit.MILLISECONDS)) != null) {
                String agent = request.getHeader("User-Agent");
                if (agent != null && agent.startsWith(OPERATOR_AGENT)) {
                    calls.add(request.getMethod() + " " + normalize(request.getPath()));
                    agentCalls.add(agent + " " + request.getMethod() + " " + normalize(request.getPath()));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The path without its query, except {@code ?watch=true}, which marks a watch. */
    static String normalize(String path) {
        int q = path.indexOf('?');
        if (q < 0) {
            return path;
        }
        boolean watch = path.substring(q + 1).matches("(.*&)?watch=(true|1)(&.*)?");
        return path.substring(0, q) + (watch ? "?watch=true" : "");
    }

    private static String rulesReview() {
        return "{\"apiVersion\":\"authorization.k8s.io/v1\",\"kind\":\"SelfSubjectRulesReview\",\"status\":{"
                + "\"incomplete\":false,\"resourceRules\":[{\"apiGroups\":[\"coordination.k8s.io\"],"
                + "\"resources\":[\"leases\"],\"verbs\":[\"get\",\"create\",\"update\",\"patch\"]}],"
                + "\"nonResourceRules\":[]}}";
    }
}
