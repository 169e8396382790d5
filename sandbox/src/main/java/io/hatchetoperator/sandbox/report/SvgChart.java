package io.hatchetoperator.sandbox.report;

import io.hatchetoperator.sandbox.view.Sample;
import java.util.List;
import java.util.Locale;
import java.util.function.ToIntFunction;

/**
 * A hand-written SVG of a run: queue depth and busy slots on the upper plot, desired and ready replicas on
 * the lower one, scale events as dashed vertical lines across both; during a rolling update also the pods of the
 * old template, with the rollout's start and end marked.
 */
public final class SvgChart {

  private static final int WIDTH = 960;
  private static final int PLOT_HEIGHT = 200;
  private static final int LEFT = 60;
  private static final int RIGHT = 20;
  private static final int TOP = 30;
  private static final int GAP = 60;
  /** Width of one character of a scale label (10 px sans-serif), for placing labels apart. */
  static final double LABEL_CHAR_WIDTH = 6.5;
  private static final int LABEL_ROW = 13;
  private static final int LABEL_ROWS = 4;
  private static final String ROLLOUT_COLOR = "#9467bd";

  /** The y of the lower (replicas) plot's top edge: scale labels stay below it, the legend above it. */
  static int lowerPlotTop() {
    return TOP + PLOT_HEIGHT + GAP;
  }

  /** The chart as an {@code <svg>} element. */
  public static String render(List<Sample> samples, List<ScaleEvent> events) {
    long end = Math.max(1, samples.isEmpty() ? 1 : samples.get(samples.size() - 1).tMs());
    int height = TOP + 2 * PLOT_HEIGHT + GAP + 40;
    StringBuilder svg = new StringBuilder();
    svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
        + "viewBox=\"0 0 %d %d\" font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, height, WIDTH, height));
    int upperMax = axisTop(max(samples, s -> Math.max(s.queued(), Math.max(s.busySlots(), s.totalSlots()))));
    int lowerMax = axisTop(max(samples, s -> Math.max(s.desired(), Math.max(s.ready(), s.outdated()))));
    int lowerTop = lowerPlotTop();
    plot(svg, "tasks", TOP, upperMax, end);
    plot(svg, "replicas", lowerTop, lowerMax, end);
    line(svg, samples, Sample::queued, TOP, upperMax, end, "#d62728", "queue depth");
    line(svg, samples, Sample::busySlots, TOP, upperMax, end, "#1f77b4", "busy slots");
    line(svg, samples, Sample::totalSlots, TOP, upperMax, end, "#9ecae1", "total slots");
    line(svg, samples, Sample::desired, lowerTop, lowerMax, end, "#2ca02c", "desired replicas");
    line(svg, samples, Sample::ready, lowerTop, lowerMax, end, "#ff7f0e", "ready replicas");
    if (samples.stream().anyMatch(s -> s.outdated() > 0)) {
      line(svg, samples, Sample::outdated, lowerTop, lowerMax, end, ROLLOUT_COLOR, "old-template pods");
      rolloutMarkers(svg, samples, end, lowerTop);
    }
    double[] rowEnds = new double[LABEL_ROWS];
    java.util.Arrays.fill(rowEnds, Double.NEGATIVE_INFINITY);
    for (ScaleEvent e : events) {
      double x = x(e.tMs(), end);
      svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#777\" "
          + "stroke-dasharray=\"4 3\"><title>%d → %d at %.1f s</title></line>%n", x, TOP, x,
          lowerTop + PLOT_HEIGHT, e.from(), e.to(), e.tMs() / 1000.0));
      String label = e.from() + "→" + e.to();
      double half = label.length() * LABEL_CHAR_WIDTH / 2;
      for (int row = 0; row < LABEL_ROWS; row++) {
        if (x - half > rowEnds[row] + 2) {
          rowEnds[row] = x + half;
          // inside the replicas plot, under its top edge, in the first row where it clears the label before it;
          // with no free row the label is left out (the line's tooltip still says it)
          svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" fill=\"#555\" font-size=\"10\" "
              + "text-anchor=\"middle\" class=\"scale-label\" stroke=\"#fff\" stroke-width=\"3\" "
              + "paint-order=\"stroke\">%s</text>%n", x, lowerTop + 12 + row * LABEL_ROW, label));
          break;
        }
      }
    }
    svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\">time (s)</text>%n",
        LEFT + (WIDTH - LEFT - RIGHT) / 2, height - 5));
    svg.append("</svg>\n");
    return svg.toString();
  }

  /**
   * A rolling update's start (the first sample with old-template pods) and end (the first without them again) as
   * solid purple lines across both plots, labelled at the foot of the replicas plot.
   */
  private static void rolloutMarkers(StringBuilder svg, List<Sample> samples, long end, int lowerTop) {
    boolean rolling = false;
    for (Sample s : samples) {
      boolean now = s.outdated() > 0;
      if (now != rolling) {
        double x = x(s.tMs(), end);
        String label = now ? "rollout" : "rolled out";
        svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"%s\" "
            + "stroke-width=\"1.5\" class=\"rollout-marker\"><title>%s at %.1f s</title></line>%n", x, TOP, x,
            lowerTop + PLOT_HEIGHT, ROLLOUT_COLOR, now ? "rollout started" : "rollout finished", s.tMs() / 1000.0));
        svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" fill=\"%s\" font-size=\"10\" "
            + "text-anchor=\"%s\" class=\"rollout-label\">%s</text>%n", x + (now ? -3 : 3),
            lowerTop + PLOT_HEIGHT - 4, ROLLOUT_COLOR, now ? "end" : "start", label));
        rolling = now;
      }
    }
  }

  private static void plot(StringBuilder svg, String label, int top, int max, long end) {
    int w = WIDTH - LEFT - RIGHT;
    svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" "
        + "stroke=\"#ccc\"/>%n", LEFT, top, w, PLOT_HEIGHT));
    int step = tickStep(max);
    for (int v = 0; v <= max; v += step) {
      double y = top + PLOT_HEIGHT - (double) v * PLOT_HEIGHT / max;
      if (v > 0) {
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#eee\"/>%n",
            LEFT, y, LEFT + w, y));
      }
      svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%.1f\" text-anchor=\"end\" class=\"y-tick\">%d"
          + "</text>%n", LEFT - 6, y + 4, v));
    }
    svg.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" transform=\"rotate(-90 %d %d)\" "
        + "text-anchor=\"middle\">%s</text>%n", 18, top + PLOT_HEIGHT / 2, 18, top + PLOT_HEIGHT / 2, label));
    long stepS = Math.max(10, (end / 1000 / 10 + 9) / 10 * 10);
    for (long s = 0; s * 1000 <= end; s += stepS) {
      svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" text-anchor=\"middle\" fill=\"#555\">%d"
          + "</text>%n", x(s * 1000, end), top + PLOT_HEIGHT + 14, s));
    }
  }

  private static void line(StringBuilder svg, List<Sample> samples, ToIntFunction<Sample> value, int top,
      int max, long end, String color, String name) {
    StringBuilder points = new StringBuilder();
    for (Sample s : samples) {
      double y = top + PLOT_HEIGHT - (double) value.applyAsInt(s) * PLOT_HEIGHT / max;
      points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x(s.tMs(), end), y));
    }
    svg.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\" "
        + "points=\"%s\"><title>%s</title></polyline>%n", color, points.toString().trim(), name));
    int legendIndex = legendSlot(name);
    svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"3\" fill=\"%s\"/>"
        + "<text x=\"%d\" y=\"%d\">%s</text>%n", LEFT + 10 + legendIndex * 150, top - 12, color,
        LEFT + 26 + legendIndex * 150, top - 8, name));
  }

  private static int legendSlot(String name) {
    return switch (name) {
      case "busy slots", "ready replicas" -> 1;
      case "total slots", "old-template pods" -> 2;
      default -> 0;
    };
  }

  /** A round step giving four to eight ticks up to {@code max}: 1, 2 or 5 times a power of ten. */
  static int tickStep(int max) {
    int step = 1;
    while (true) {
      for (int m : new int[] {1, 2, 5}) {
        if (max / (step * m) <= 6) {
          return step * m;
        }
      }
      step *= 10;
    }
  }

  /** {@code max} rounded up to a whole number of ticks, so the top of the axis is labelled. */
  static int axisTop(int max) {
    int step = tickStep(max);
    return Math.max(step, (max + step - 1) / step * step);
  }

  private static double x(long tMs, long end) {
    return LEFT + (double) tMs * (WIDTH - LEFT - RIGHT) / end;
  }

  private static int max(List<Sample> samples, ToIntFunction<Sample> f) {
    return Math.max(1, samples.stream().mapToInt(f).max().orElse(1));
  }

  private SvgChart() {}
}
