package io.hatchetoperator.autoscaler.sim;

import java.util.List;
import java.util.Locale;

/** Writes results.json by hand: an array of flat objects, one per trace and policy. */
final class ResultsJson {

    private ResultsJson() {
    }

    static String render(List<SimResult> results) {
        StringBuilder b = new StringBuilder("[\n");
        for (int i = 0; i < results.size(); i++) {
            SimResult r = results.get(i);
            b.append("  {\"trace\": ").append(quote(r.trace()))
                    .append(", \"policy\": ").append(quote(r.policy()))
                    .append(", \"podSeconds\": ").append(String.format(Locale.ROOT, "%.1f", r.podSeconds()))
                    .append(", \"waitP50Ms\": ").append(r.waitP50Ms())
                    .append(", \"waitP95Ms\": ").append(r.waitP95Ms())
                    .append(", \"waitP99Ms\": ").append(r.waitP99Ms())
                    .append(", \"waitMaxMs\": ").append(r.waitMaxMs())
                    .append(", \"tasksCompleted\": ").append(r.tasksCompleted())
                    .append(", \"tasksKilled\": ").append(r.tasksKilled())
                    .append(", \"scaleEvents\": ").append(r.scaleEvents())
                    .append(", \"firstScaleUpMs\": ").append(r.firstScaleUpMs())
                    .append(i + 1 < results.size() ? "},\n" : "}\n");
        }
        return b.append("]\n").toString();
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }
}
