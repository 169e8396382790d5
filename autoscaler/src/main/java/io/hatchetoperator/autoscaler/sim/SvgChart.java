package io.hatchetoperator.autoscaler.sim;

import java.util.List;
import java.util.Locale;
import java.util.function.ToIntFunction;

/** A hand-written SVG chart of one trace: queue, busy slots and replicas over time, one line per policy. */
final class SvgChart {

    private static final int WIDTH = 960;
    private static final int PANEL = 170;
    private static final int LEFT = 60;
    private static final int TOP = 40;
    private static final String[] COLORS = {"#1f77b4", "#ff7f0e", "#2ca02c", "#d62728"};

    private SvgChart() {
    }

    static String render(String trace, List<SimResult> runs) {
        long end = runs.stream().flatMap(r -> r.timeline().stream()).mapToLong(Sample::atMs).max().orElse(1);
        int height = TOP + 3 * (PANEL + 30) + 20;
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, height));
        b.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"20\" font-size=\"15\">%s: %s</text>%n", LEFT,
                escape(trace), "queued tasks, busy slots and replicas over time"));
        for (int i = 0; i < runs.size(); i++) {
            b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"20\" fill=\"%s\">%s</text>%n",
                    WIDTH - 260 + 85 * i, COLORS[i % COLORS.length], escape(runs.get(i).policy())));
        }
        panel(b, runs, "queued", Sample::queued, 0, end);
        panel(b, runs, "busy slots", Sample::busySlots, 1, end);
        panel(b, runs, "replicas", Sample::replicas, 2, end);
        b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">time (min), 0 to %.0f</text>%n", LEFT,
                height - 6, end / 60_000.0));
        return b.append("</svg>\n").toString();
    }

    private static void panel(StringBuilder b, List<SimResult> runs, String label, ToIntFunction<Sample> value,
            int index, long end) {
        int top = TOP + index * (PANEL + 30);
        int max = Math.max(1, runs.stream().flatMap(r -> r.timeline().stream()).mapToInt(value).max().orElse(1));
        int plotWidth = WIDTH - LEFT - 20;
        b.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" "
                + "stroke=\"#ccc\"/>%n", LEFT, top, plotWidth, PANEL));
        b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s (max %d)</text>%n", LEFT, top - 5,
                escape(label), max));
        for (int i = 0; i < runs.size(); i++) {
            b.append(String.format(Locale.ROOT, "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"1.2\" points=\"",
                    COLORS[i % COLORS.length]));
            List<Sample> line = runs.get(i).timeline();
            for (int k = 0; k < line.size(); k++) {
                int v = value.applyAsInt(line.get(k));
                boolean flat = k > 0 && k < line.size() - 1 && v == value.applyAsInt(line.get(k - 1))
                        && v == value.applyAsInt(line.get(k + 1));
                if (!flat) { // the inside of a flat run adds nothing to the line
                    double x = LEFT + plotWidth * (double) line.get(k).atMs() / end;
                    double y = top + PANEL - PANEL * (double) v / max;
                    b.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
                }
            }
            b.append("\"/>\n");
        }
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
