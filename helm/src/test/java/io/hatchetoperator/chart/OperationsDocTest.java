package io.hatchetoperator.chart;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** docs/operations.md explains exactly the RBAC rules the chart renders, verb for verb. */
class OperationsDocTest {

  private static final Path DOC = Path.of("..", "docs", "operations.md").toAbsolutePath().normalize();
  /** A row of the RBAC table: | `group` · `resource` · verb, verb | ... (core resources: "core"). */
  private static final Pattern RULE_ROW = Pattern.compile(
      "^\\| (?:`([^`]+)`|core) · `([^`]+)` · ([a-z, ]+) \\|", Pattern.MULTILINE);

  @Test
  void rbacTableListsEveryRenderedRuleWithItsVerbs() throws IOException {
    Map<String, Set<String>> documented = new TreeMap<>();
    Matcher row = RULE_ROW.matcher(Files.readString(DOC));
    while (row.find()) {
      String group = row.group(1) == null ? "" : row.group(1);
      documented.put(group + "/" + row.group(2), new TreeSet<>(List.of(row.group(3).trim().split(",\\s*"))));
    }

    RenderedChart chart = ChartRenderer.renderDefaults();
    List<com.fasterxml.jackson.databind.JsonNode> roles = new ArrayList<>(chart.operatorClusterRoles());
    roles.addAll(chart.ofKind("Role"));
    Map<String, Set<String>> rendered = new TreeMap<>();
    RbacRules.of(roles).grants().forEach(g ->
        rendered.computeIfAbsent(g.apiGroup() + "/" + g.resource(), k -> new TreeSet<>()).add(g.verb()));

    assertThat(documented).as("the RBAC table of %s against the rendered chart", DOC).isEqualTo(rendered);
  }
}
