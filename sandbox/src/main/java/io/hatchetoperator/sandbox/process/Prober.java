package io.hatchetoperator.sandbox.process;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;

/**
 * Sends one probe as the kubelet does: an HTTP GET whose status 200-399 is a success (any other status, a
 * refused connection or a timeout is a failure), or a TCP connect for {@code tcpSocket} probes.
 */
final class Prober {

  /** Probes {@code hostPort} on the loopback (the pod's container port mapped to this host port). */
  static boolean probe(ProbeSpec spec, int hostPort) {
    int timeoutMs = (int) Math.max(1, spec.timeout().toMillis());
    try {
      if (spec.path() == null) {
        try (Socket socket = new Socket()) {
          socket.connect(new InetSocketAddress("127.0.0.1", hostPort), timeoutMs);
          return true;
        }
      }
      HttpURLConnection http = (HttpURLConnection) URI.create("http://127.0.0.1:" + hostPort + spec.path()).toURL()
          .openConnection();
      http.setConnectTimeout(timeoutMs);
      http.setReadTimeout(timeoutMs);
      http.setRequestProperty("User-Agent", "kube-probe/sandbox");
      try {
        int status = http.getResponseCode();
        return status >= 200 && status < 400;
      } finally {
        http.disconnect();
      }
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  private Prober() {}
}
