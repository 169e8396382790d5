package io.hatchetoperator.sandbox.cluster;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The sandbox's cluster: fabric8's mock API server in CRUD mode on a local port, and a client for it. */
public final class MockCluster implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(MockCluster.class);

  private final KubernetesMockServer server;
  private final NamespacedKubernetesClient client;

  private MockCluster(KubernetesMockServer server, NamespacedKubernetesClient client) {
    this.server = server;
    this.client = client;
  }

  /** Starts an empty API server on a free local port. */
  public static MockCluster start() {
    // The mock server logs every request at INFO through java.util.logging; the sandbox has its own view.
    java.util.logging.Logger.getLogger("io.fabric8.mockwebserver").setLevel(java.util.logging.Level.WARNING);
    KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
        new KubernetesCrudDispatcher(List.of()), false);
    server.init();
    NamespacedKubernetesClient client = server.createClient();
    log.info("mock API server (CRUD mode) at {}", client.getMasterUrl());
    return new MockCluster(server, client);
  }

  /** Creates every object of the YAML resource {@code classpathResource} (e.g. a CRD); returns them. */
  public List<HasMetadata> applyResource(String classpathResource) throws IOException {
    try (InputStream in = MockCluster.class.getClassLoader().getResourceAsStream(classpathResource)) {
      if (in == null) {
        throw new IOException(classpathResource + " is not on the classpath; rebuild the sandbox jar");
      }
      return client.load(in).create();
    }
  }

  /** A client of this cluster (shared; closed with the cluster). */
  public NamespacedKubernetesClient client() {
    return client;
  }

  /** The API server's URL, e.g. for {@code kubectl --server}. */
  public String url() {
    return client.getMasterUrl().toString();
  }

  @Override
  public void close() {
    client.close();
    server.destroy();
  }
}
