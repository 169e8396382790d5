package io.hatchetoperator.sandbox.process;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Host ports for the pods' health servers. They are taken below Linux's ephemeral range (32768 and up by
 * default), from a random start: a port found free with {@code new ServerSocket(0)} and closed again can be
 * reused at once as the local port of any outgoing connection (every pod's gRPC connections), and then the
 * worker's health server fails to bind it. Each port is checked free on all interfaces and never handed out
 * twice by this JVM.
 */
final class HostPorts {

  static final int FIRST = 20_000;
  static final int LAST = 32_000;
  private static final Set<Integer> GIVEN = ConcurrentHashMap.newKeySet();

  static int allocate() {
    int span = LAST - FIRST;
    int start = ThreadLocalRandom.current().nextInt(span);
    for (int i = 0; i < span; i++) {
      int port = FIRST + (start + i) % span;
      if (!GIVEN.contains(port) && free(port) && GIVEN.add(port)) {
        return port;
      }
    }
    throw new IllegalStateException("no free host port in " + FIRST + "-" + LAST + " for a pod's health server; "
        + "stop other sandboxes or free ports in that range");
  }

  private static boolean free(int port) {
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(false);
      s.bind(new InetSocketAddress(port));
      return true;
    } catch (IOException taken) {
      return false;
    }
  }

  private HostPorts() {}
}
