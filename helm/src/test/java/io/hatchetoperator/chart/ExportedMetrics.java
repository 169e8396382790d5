package io.hatchetoperator.chart;

import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.hatchetoperator.operator.HatchetOperator;
import io.hatchetoperator.operator.OperatorSettings;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.HistogramSnapshot;
import io.prometheus.metrics.model.snapshots.InfoSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.SummarySnapshot;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The series names the operator's /metrics can serve, read from the registry the operator wires at construction
 * (its own metrics, autoscaling's and the JVM's), expanded as the text format names them.
 */
final class ExportedMetrics {

  private ExportedMetrics() {
  }

  static Set<String> names() {
    try (KubernetesClient client = new KubernetesClientBuilder()
        .withConfig(new ConfigBuilder().withMasterUrl("https://127.0.0.1:1").build()).build()) {
      HatchetOperator operator = new HatchetOperator(OperatorSettings.defaults(), client);
      Set<String> names = new TreeSet<>();
      for (MetricSnapshot snapshot : operator.metrics().registry().scrape()) {
        names.addAll(seriesNames(snapshot));
      }
      operator.close();
      return names;
    }
  }

  private static List<String> seriesNames(MetricSnapshot snapshot) {
    String name = snapshot.getMetadata().getPrometheusName();
    if (snapshot instanceof CounterSnapshot) {
      return List.of(name + "_total");
    }
    if (snapshot instanceof HistogramSnapshot) {
      return List.of(name + "_bucket", name + "_count", name + "_sum");
    }
    if (snapshot instanceof SummarySnapshot) {
      return List.of(name, name + "_count", name + "_sum");
    }
    if (snapshot instanceof InfoSnapshot) {
      return List.of(name + "_info");
    }
    return List.of(name);
  }
}
