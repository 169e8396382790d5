package io.hatchetoperator.sandbox.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.hatchetoperator.sandbox.view.Sample;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** report.html's chart is readable: y axes with round ticks, scale labels clear of the legend and of each other. */
class SvgChartTest {

  private static List<Sample> samples(int n, int maxQueued, int maxReplicas) {
    List<Sample> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(new Sample(i * 1000L, maxQueued * i / n, 10, 50, maxReplicas, maxReplicas, 0, 0, i, n));
    }
    return out;
  }

  @Test
  void each_y_axis_has_round_ticks_between_zero_and_the_top() {
    String svg = SvgChart.render(samples(60, 37, 19), List.of());
    List<String> ticks = new ArrayList<>();
    Matcher m = Pattern.compile("<text [^>]*class=\"y-tick\"[^>]*>(\\d+)</text>").matcher(svg);
    while (m.find()) {
      ticks.add(m.group(1));
    }
    assertThat(ticks).contains("0", "10", "20", "30", "40", "50").contains("5", "15", "20");
    assertThat(ticks.size()).isGreaterThanOrEqualTo(8);
  }

  @Test
  void scale_event_labels_overlap_neither_the_legend_nor_each_other() {
    List<ScaleEvent> events = new ArrayList<>();
    for (int i = 0; i < 12; i++) {
      events.add(new ScaleEvent(20_000 + i * 400L, 10 + i, 11 + i));
    }
    String svg = SvgChart.render(samples(120, 50, 30), events);
    int lowerTop = SvgChart.lowerPlotTop();
    Matcher m = Pattern.compile("<text x=\"([\\d.]+)\" y=\"([\\d.]+)\"[^>]*class=\"scale-label\"[^>]*>([^<]+)</text>")
        .matcher(svg);
    List<double[]> boxes = new ArrayList<>();
    while (m.find()) {
      double x = Double.parseDouble(m.group(1));
      double y = Double.parseDouble(m.group(2));
      double w = m.group(3).length() * SvgChart.LABEL_CHAR_WIDTH;
      assertThat(y - 10).as("below the legend band").isGreaterThanOrEqualTo(lowerTop);
      boxes.add(new double[] {x - w / 2, y - 10, x + w / 2, y});
    }
    assertThat(boxes).isNotEmpty();
    for (int i = 0; i < boxes.size(); i++) {
      for (int j = i + 1; j < boxes.size(); j++) {
        double[] a = boxes.get(i);
        double[] b = boxes.get(j);
        boolean overlap = a[0] < b[2] && b[0] < a[2] && a[1] < b[3] && b[1] < a[3];
        assertThat(overlap).as("labels " + i + " and " + j + " overlap").isFalse();
      }
    }
    assertThat(svg).as("every event keeps its line and tooltip").contains("<title>21 → 22 at 24.4 s</title>");
  }

  @Test
  void a_rolling_update_draws_the_old_template_pods_and_marks_its_start_and_end() {
    List<Sample> samples = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      int outdated = i >= 10 && i < 18 ? 18 - i : 0;
      samples.add(new Sample(i * 1000L, 0, 10, 50, 10, 10, 0, 0, i, 30, outdated));
    }
    String svg = SvgChart.render(samples, List.of());
    assertThat(svg).contains("<title>old-template pods</title>")
        .contains("<title>rollout started at 10.0 s</title>").contains("<title>rollout finished at 18.0 s</title>");
    assertThat(SvgChart.render(samples(10, 5, 3), List.of())).as("no rollout, no purple")
        .doesNotContain("old-template pods").doesNotContain("rollout-marker");
  }
}
