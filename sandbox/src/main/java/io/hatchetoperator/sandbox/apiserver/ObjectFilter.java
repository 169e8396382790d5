package io.hatchetoperator.sandbox.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Field and label selectors applied to objects here, because the mock filters by few fields and does not filter
 * watches by labels: field selectors {@code a.b=v}, {@code a.b==v}, {@code a.b!=v} on any field path (kubectl
 * describe lists Events with {@code involvedObject.name=...,involvedObject.uid=...}); label selectors
 * {@code k=v}, {@code k==v}, {@code k!=v}, {@code k}, {@code !k}, {@code k in (a,b)}, {@code k notin (a,b)}.
 */
public final class ObjectFilter {

  private ObjectFilter() {}

  /** A predicate matching both selectors; either may be null or empty. */
  public static Predicate<JsonNode> of(String fieldSelector, String labelSelector) {
    Predicate<JsonNode> p = o -> true;
    for (String req : split(fieldSelector)) {
      p = p.and(field(req));
    }
    for (String req : split(labelSelector)) {
      p = p.and(label(req));
    }
    return p;
  }

  private static Predicate<JsonNode> field(String req) {
    boolean not = req.contains("!=");
    String[] kv = req.split(not ? "!=" : "==?", 2);
    if (kv.length != 2) {
      throw new IllegalArgumentException("fieldSelector '" + req + "': write field=value or field!=value");
    }
    String[] path = kv[0].trim().split("\\.");
    String want = kv[1].trim();
    return o -> {
      JsonNode at = o;
      for (String f : path) {
        at = at.path(f);
      }
      String have = at.isMissingNode() || at.isNull() ? "" : at.asText();
      return not != have.equals(want);
    };
  }

  private static Predicate<JsonNode> label(String req) {
    String r = req.trim();
    java.util.regex.Matcher set = java.util.regex.Pattern.compile("^([^\\s!=]+)\\s+(in|notin)\\s+\\((.*)\\)$")
        .matcher(r);
    if (set.matches()) {
      List<String> values = List.of(set.group(3).split("\\s*,\\s*"));
      boolean in = set.group(2).equals("in");
      return o -> {
        JsonNode v = labels(o).path(set.group(1));
        return in ? v.isTextual() && values.contains(v.asText()) : !v.isTextual() || !values.contains(v.asText());
      };
    }
    if (r.startsWith("!")) {
      return o -> !labels(o).has(r.substring(1).trim());
    }
    if (!r.contains("=")) {
      return o -> labels(o).has(r);
    }
    boolean not = r.contains("!=");
    String[] kv = r.split(not ? "!=" : "==?", 2);
    return o -> {
      JsonNode v = labels(o).path(kv[0].trim());
      return not != (v.isTextual() && v.asText().equals(kv[1].trim()));
    };
  }

  private static JsonNode labels(JsonNode o) {
    return o.path("metadata").path("labels");
  }

  /** Splits on commas outside parentheses. */
  private static List<String> split(String selector) {
    List<String> out = new ArrayList<>();
    if (selector == null || selector.isBlank()) {
      return out;
    }
    int depth = 0;
    StringBuilder cur = new StringBuilder();
    for (char c : selector.toCharArray()) {
      depth += c == '(' ? 1 : c == ')' ? -1 : 0;
      if (c == ',' && depth == 0) {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    out.add(cur.toString());
    return out;
  }
}
