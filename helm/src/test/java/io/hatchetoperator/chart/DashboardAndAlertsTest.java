package io.hatchetoperator.chart;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboard and the alert rules query only series the operator's code registers, and the chart ships
 * them: the dashboard as a ConfigMap for Grafana's sidecar, the alerts as a PrometheusRule.
 */
class DashboardAndAlertsTest {

  private static final Path DASHBOARD = ChartRenderer.CHART.resolve("dashboards/hatchet-worker-pools.json");
  private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\(\\s*([a-zA-Z_:][a-zA-Z0-9_:]*)");
  private static Set<String> exported;
  private static JsonNode dashboard;

  @BeforeAll
  static void readTheRegistrationsAndTheDashboard() throws IOException {
    exported = ExportedMetrics.names();
    dashboard = new ObjectMapper().readTree(Files.readString(DASHBOARD));
  }

  @Test
  void theOperatorExportsItsOwnJvmAndProcessMetrics() {
    assertThat(exported).contains("hatchet_worker_operator_pool_queued_tasks",
        "hatchet_worker_operator_decisions_total", "hatchet_worker_operator_poll_duration_seconds_bucket",
        "hatchet_worker_operator_build_info", "hatchet_worker_operator_leader", "jvm_memory_used_bytes",
        "process_cpu_seconds_total");
    assertThat(exported).filteredOn(n -> n.startsWith("hatchet_") && !n.startsWith("hatchet_worker_operator_"))
        .as("one prefix for everything the operator defines").isEmpty();
  }

  @Test
  void theDashboardQueriesOnlyExportedSeries() {
    List<String> exprs = new ArrayList<>();
    dashboard.findValues("expr").forEach(e -> exprs.add(e.asText()));
    Set<String> queried = new TreeSet<>();
    exprs.forEach(e -> queried.addAll(PromQl.metricNames(e)));
    for (JsonNode variable : dashboard.at("/templating/list")) {
      Matcher m = LABEL_VALUES.matcher(variable.path("definition").asText());
      if (m.find()) {
        queried.add(m.group(1));
      }
    }

    assertThat(exprs).as("panel queries in %s", DASHBOARD).hasSizeGreaterThan(15);
    assertThat(queried).as("series the dashboard reads that the operator never exports").isSubsetOf(exported);
    assertThat(queried).as("the panels the issue asks for").contains(
        "hatchet_worker_operator_pool_queued_tasks", "hatchet_worker_operator_pool_busy_slots",
        "hatchet_worker_operator_pool_slots", "hatchet_worker_operator_pool_desired_replicas",
        "hatchet_worker_operator_pool_ready_replicas", "hatchet_worker_operator_scale_events_total",
        "hatchet_worker_operator_pool_oldest_queued_age_seconds", "hatchet_worker_operator_decisions_total");
  }

  @Test
  void theAlertRulesQueryOnlyExportedSeries() {
    JsonNode rule = prometheusRule();
    Set<String> alerts = new TreeSet<>();
    Set<String> queried = new TreeSet<>();
    for (JsonNode r : rule.at("/spec/groups/0/rules")) {
      alerts.add(r.path("alert").asText());
      queried.addAll(PromQl.metricNames(r.path("expr").asText()));
      assertThat(r.path("for").asText()).as("%s fires on a blip", r.path("alert")).isNotEmpty();
      assertThat(r.at("/annotations/description").asText()).as("%s says what to do", r.path("alert")).isNotEmpty();
    }

    assertThat(alerts).containsExactlyInAnyOrder("HatchetWorkerPoolMetricsUnavailable",
        "HatchetWorkerPoolScaleDownBlocked", "HatchetWorkerPoolAtMaxWithGrowingQueue",
        "HatchetWorkerOperatorLeaderMissing", "HatchetWorkerOperatorReconcileErrors");
    assertThat(queried).hasSizeGreaterThanOrEqualTo(6).isSubsetOf(exported);
  }

  @Test
  void alertTextKeepsPrometheusTemplatesAndTheLeaderRuleNamesTheRelease() {
    JsonNode rules = prometheusRule().at("/spec/groups/0/rules");
    assertThat(rules.get(0).at("/annotations/summary").asText()).contains("{{ $labels.namespace }}/{{ $labels.pool }}");
    assertThat(rules.get(3).path("expr").asText()).contains("namespace=\"" + ChartRenderer.NAMESPACE + "\"")
        .contains("job=\"" + ChartRenderer.RELEASE + "-hatchet-worker-operator-metrics\"");
  }

  @Test
  void theDashboardShipsAsASidecarConfigMapWhenAsked() throws IOException {
    assertThat(ChartRenderer.renderDefaults().ofKind("ConfigMap")).isEmpty();
    JsonNode map = ChartRenderer.render("metrics:\n  dashboard: {enabled: true}\n")
        .one("ConfigMap", ChartRenderer.RELEASE + "-hatchet-worker-operator-dashboard");

    assertThat(map.at("/metadata/labels/grafana_dashboard").asText()).isEqualTo("1");
    assertThat(new ObjectMapper().readTree(map.at("/data/hatchet-worker-pools.json").asText())).isEqualTo(dashboard);
  }

  @Test
  void theServiceMonitorKeepsThePoolsNamespaceLabel() {
    JsonNode monitor = ChartRenderer.render("metrics:\n  serviceMonitor: {enabled: true}\n")
        .one("ServiceMonitor", ChartRenderer.RELEASE + "-hatchet-worker-operator");
    assertThat(monitor.at("/spec/endpoints/0/honorLabels").asBoolean()).isTrue();
  }

  private static JsonNode prometheusRule() {
    return ChartRenderer.render("metrics:\n  prometheusRule: {enabled: true}\n")
        .one("PrometheusRule", ChartRenderer.RELEASE + "-hatchet-worker-operator");
  }
}
