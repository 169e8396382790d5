package io.hatchetoperator.autoscaler;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The compact text form of {@link ScalingState}: sections {@code key=value} joined by ';', lists by ','. */
final class ScalingStateCodec {

    private static final String VERSION = "v1";

    private ScalingStateCodec() {
    }

    static String encode(ScalingState s) {
        StringBuilder b = new StringBuilder(VERSION).append(";h=");
        join(b, s.history(), r -> r.atMillis() + ":" + r.replicas());
        b.append(";i=").append(s.idleSinceMillis());
        b.append(";d=").append(number(s.busySlotSeconds())).append(':').append(number(s.completions()));
        b.append(";s=").append(s.lastCompletedTotal()).append(':').append(s.lastSampleMillis()).append(':')
                .append(s.lastBusySlots()).append(':').append(number(s.averageBusySlots()));
        PolicyMemory m = s.memory();
        b.append(";m=").append(m.holdMillis()).append(':').append(m.lastDownMillis()).append(':')
                .append(m.lastDownPods()).append(':')
                .append(m.lastFlapMillis()).append(':').append(m.startupMillis()).append(':')
                .append(number(m.arrivalsPerSecond())).append(':').append(m.lastOutstanding()).append(':')
                .append(m.lastArrivalMillis()).append(':').append(number(m.meanGapMillis())).append(':')
                .append(m.burstPeak());
        b.append(";b=");
        join(b, m.burstStarts(), String::valueOf);
        b.append(";c=");
        join(b, s.cordons(), c -> safe(c.workerId()) + ":" + safe(c.podName()) + ":" + c.sinceMillis() + ":"
                + (c.released() ? "R" : "P"));
        return b.toString();
    }

    static ScalingState decode(String text) {
        if (text == null || text.isBlank()) {
            return ScalingState.initial();
        }
        String[] parts = text.trim().split(";", -1);
        if (!VERSION.equals(parts[0])) {
            throw bad(text, "it must start with '" + VERSION + ";'; delete it to start from a fresh state");
        }
        Map<String, String> sections = new HashMap<>();
        for (int i = 1; i < parts.length; i++) {
            int eq = parts[i].indexOf('=');
            if (eq < 1) {
                throw bad(text, "section '" + parts[i] + "' is not key=value");
            }
            sections.put(parts[i].substring(0, eq), parts[i].substring(eq + 1));
        }
        try {
            List<Recommendation> history = new ArrayList<>();
            for (String item : items(sections.get("h"))) {
                String[] f = item.split(":");
                history.add(new Recommendation(Long.parseLong(f[0]), Integer.parseInt(f[1])));
            }
            String[] d = sections.getOrDefault("d", "0:0").split(":");
            String[] smp = sections.getOrDefault("s", "-1:-1:0:0").split(":");
            List<Cordon> cordons = new ArrayList<>();
            for (String item : items(sections.get("c"))) {
                String[] f = item.split(":", -1);
                cordons.add(new Cordon(f[0], f[1], Long.parseLong(f[2]), "R".equals(f[3])));
            }
            PolicyMemory memory = PolicyMemory.initial();
            if (sections.containsKey("m")) {
                String[] m = sections.get("m").split(":");
                List<Long> bursts = new ArrayList<>();
                for (String item : items(sections.get("b"))) {
                    bursts.add(Long.parseLong(item));
                }
                memory = new PolicyMemory(Long.parseLong(m[0]), Long.parseLong(m[1]), Integer.parseInt(m[2]),
                        Long.parseLong(m[3]), Long.parseLong(m[4]), Double.parseDouble(m[5]), Long.parseLong(m[6]),
                        Long.parseLong(m[7]), Double.parseDouble(m[8]), bursts, Integer.parseInt(m[9]));
            }
            return new ScalingState(history, Long.parseLong(sections.getOrDefault("i", "-1")),
                    Double.parseDouble(d[0]), Double.parseDouble(d[1]), Long.parseLong(smp[0]),
                    Long.parseLong(smp[1]), Integer.parseInt(smp[2]), Double.parseDouble(smp[3]), cordons, memory);
        } catch (RuntimeException e) {
            throw bad(text, "a value is malformed (" + e.getMessage() + "); delete it to start from a fresh state");
        }
    }

    private static List<String> items(String section) {
        return section == null || section.isEmpty() ? List.of() : List.of(section.split(","));
    }

    private static <T> void join(StringBuilder b, List<T> items, java.util.function.Function<T, String> f) {
        for (int i = 0; i < items.size(); i++) {
            b.append(i == 0 ? "" : ",").append(f.apply(items.get(i)));
        }
    }

    private static String number(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }

    private static String safe(String id) {
        if (id.matches(".*[;,:=].*")) {
            throw new IllegalArgumentException("scaling state: id '" + id + "' contains one of ; , : = which the "
                    + "state form cannot hold; worker ids and pod names never do, check the metrics source");
        }
        return id;
    }

    private static IllegalArgumentException bad(String text, String why) {
        return new IllegalArgumentException("scaling state '" + text + "' cannot be read: " + why);
    }
}
