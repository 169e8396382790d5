package io.hatchetoperator.sandbox.apiserver;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** A request's query parameters, decoded, in order. */
public record Query(Map<String, String> params) {

  /** Parses a raw query string (null for none). */
  public static Query parse(String raw) {
    Map<String, String> out = new LinkedHashMap<>();
    if (raw != null && !raw.isEmpty()) {
      for (String pair : raw.split("&")) {
        String[] kv = pair.split("=", 2);
        out.put(URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
            kv.length == 2 ? URLDecoder.decode(kv[1], StandardCharsets.UTF_8) : "");
      }
    }
    return new Query(out);
  }

  /** The value of {@code name}, or null. */
  public String get(String name) {
    return params.get(name);
  }

  /** True when this is a watch request. */
  public boolean watch() {
    return "true".equals(params.get("watch")) || "1".equals(params.get("watch"));
  }

  /** This query without {@code names}, encoded, with a leading '?' when not empty. */
  public String without(String... names) {
    Map<String, String> kept = new LinkedHashMap<>(params);
    for (String n : names) {
      kept.remove(n);
    }
    String q = kept.entrySet().stream().map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
    return q.isEmpty() ? "" : "?" + q;
  }
}
