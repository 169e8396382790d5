package io.hatchetoperator.operator.bench;

import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the requests the mock server answered, by method and resource (names and queries dropped), draining the
 * server's record as it goes (the mock keeps every request otherwise, which would grow the heap being measured).
 */
final class RequestTally implements AutoCloseable {

    private final Map<String, LongAdder> counts = new ConcurrentHashMap<>();
    private final Thread thread;

    RequestTally(KubernetesMockServer server) {
        thread = new Thread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    RecordedRequest r = server.takeRequest(100, TimeUnit.MILLISECONDS);
                    if (r != null) {
                        counts.computeIfAbsent(kind(r.getMethod(), r.getPath()), k -> new LongAdder()).increment();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "request-tally");
        thread.setDaemon(true);
        thread.start();
    }

    /** A snapshot of the counts so far. */
    Map<String, Long> snapshot() {
        Map<String, Long> out = new TreeMap<>();
        counts.forEach((k, v) -> out.put(k, v.sum()));
        return out;
    }

    /** Total of a snapshot. */
    static long total(Map<String, Long> snapshot) {
        return snapshot.values().stream().mapToLong(Long::longValue).sum();
    }

    /** {@code after - before}, per kind, zero counts left out. */
    static Map<String, Long> delta(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> out = new TreeMap<>();
        after.forEach((k, v) -> {
            long d = v - before.getOrDefault(k, 0L);
            if (d != 0) {
                out.put(k, d);
            }
        });
        return out;
    }

    static String kind(String method, String path) {
        String p = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
        boolean watch = path.contains("watch=true") || path.contains("watch=1");
        String[] parts = p.split("/");
        // /api/v1/namespaces/NS/RESOURCE[/NAME[/SUB]] or /apis/G/V/namespaces/NS/RESOURCE[/NAME[/SUB]]
        int ns = java.util.Arrays.asList(parts).indexOf("namespaces");
        String resource = ns >= 0 && parts.length > ns + 2 ? parts[ns + 2] : p;
        String sub = ns >= 0 && parts.length > ns + 4 ? "/" + parts[ns + 4] : "";
        String scope = ns >= 0 && parts.length > ns + 3 ? " one" : " collection";
        return method + " " + resource + sub + scope + (watch ? " watch" : "");
    }

    @Override
    public void close() {
        thread.interrupt();
    }
}
