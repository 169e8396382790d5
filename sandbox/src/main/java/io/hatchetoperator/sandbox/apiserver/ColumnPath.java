package io.hatchetoperator.sandbox.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The JSONPath subset CRD printer columns use, evaluated as Kubernetes' jsonpath package does with missing keys
 * allowed: fields ({@code .a.b}, {@code ['a.b']}), indexes ({@code [0]}, {@code [-1]}), wildcards ({@code [*]})
 * and equality filters ({@code [?(@.type=="Ready")]}, also {@code !=}). Anything else is rejected at parse time
 * with the expression and the position named.
 */
public final class ColumnPath {

  private static final Pattern FILTER =
      Pattern.compile("\\[\\?\\(@((?:\\.[A-Za-z0-9_-]+)+)\\s*(==|!=)\\s*(?:\"([^\"]*)\"|'([^']*)'|([-0-9.]+|true|false))\\)]");
  private static final Pattern FIELD = Pattern.compile("\\.([A-Za-z0-9_-]+)");
  private static final Pattern QUOTED = Pattern.compile("\\['([^']+)'\\]|\\[\"([^\"]+)\"\\]");
  private static final Pattern INDEX = Pattern.compile("\\[(-?\\d+|\\*)\\]");

  private record Step(String field, String index, String filterPath, boolean equals, String filterValue) {}

  private final List<Step> steps;

  private ColumnPath(List<Step> steps) {
    this.steps = steps;
  }

  /** Parses {@code expression} (with or without surrounding braces). */
  public static ColumnPath parse(String expression) {
    String e = expression.trim();
    if (e.startsWith("{") && e.endsWith("}")) {
      e = e.substring(1, e.length() - 1);
    }
    if (e.startsWith("$")) {
      e = e.substring(1);
    }
    List<Step> steps = new ArrayList<>();
    int at = 0;
    while (at < e.length()) {
      Matcher m;
      if ((m = FILTER.matcher(e).region(at, e.length())).lookingAt()) {
        String value = m.group(3) != null ? m.group(3) : m.group(4) != null ? m.group(4) : m.group(5);
        steps.add(new Step(null, null, m.group(1), m.group(2).equals("=="), value));
      } else if ((m = FIELD.matcher(e).region(at, e.length())).lookingAt()) {
        steps.add(new Step(m.group(1), null, null, false, null));
      } else if ((m = QUOTED.matcher(e).region(at, e.length())).lookingAt()) {
        steps.add(new Step(m.group(1) != null ? m.group(1) : m.group(2), null, null, false, null));
      } else if ((m = INDEX.matcher(e).region(at, e.length())).lookingAt()) {
        steps.add(new Step(null, m.group(1), null, false, null));
      } else {
        throw new IllegalArgumentException("printer column JSONPath '" + expression + "': cannot read '"
            + e.substring(at) + "' (supported: .field, ['field'], [N], [*], [?(@.field==\"value\")])");
      }
      at = m.end();
    }
    return new ColumnPath(List.copyOf(steps));
  }

  /** Every value the path selects in {@code root}, in order; empty when a key is missing. */
  public List<JsonNode> find(JsonNode root) {
    List<JsonNode> current = List.of(root);
    for (Step step : steps) {
      List<JsonNode> next = new ArrayList<>();
      for (JsonNode node : current) {
        apply(step, node, next);
      }
      current = next;
    }
    return current;
  }

  private static void apply(Step step, JsonNode node, List<JsonNode> out) {
    if (step.field() != null) {
      if (node.isObject() && node.has(step.field())) {
        out.add(node.get(step.field()));
      }
    } else if (step.index() != null) {
      if (!node.isArray()) {
        return;
      }
      if (step.index().equals("*")) {
        node.forEach(out::add);
      } else {
        int i = Integer.parseInt(step.index());
        int at = i < 0 ? node.size() + i : i;
        if (at >= 0 && at < node.size()) {
          out.add(node.get(at));
        }
      }
    } else if (node.isArray()) {
      ColumnPath inner = parse(step.filterPath());
      for (JsonNode item : node) {
        List<JsonNode> found = inner.find(item);
        boolean match = !found.isEmpty() && found.get(0).asText().equals(step.filterValue());
        if (!found.isEmpty() && match == step.equals()) {
          out.add(item);
        }
      }
    }
  }
}
