package io.hatchetoperator.autoscaler.sim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A workload: tasks sorted by arrival, read from CSV with the header {@code arrival_ms,duration_ms}. A line
 * {@code # startup_delay_ms=N} right after the header gives the pods of this trace another start-up than the run's.
 *
 * @param name the file's base name (without .csv)
 * @param tasks the tasks, sorted by arrival
 * @param startupDelayMs the pod start-up of this trace, or -1 for the run's
 */
public record Trace(String name, List<TraceTask> tasks, long startupDelayMs) {

    /** The CSV header every trace file starts with. */
    public static final String HEADER = "arrival_ms,duration_ms";
    private static final String STARTUP = "# startup_delay_ms=";

    public Trace {
        List<TraceTask> sorted = new ArrayList<>(tasks);
        sorted.sort(Comparator.comparingLong(TraceTask::arrivalMs));
        tasks = List.copyOf(sorted);
    }

    /** A trace with the run's pod start-up. */
    public Trace(String name, List<TraceTask> tasks) {
        this(name, tasks, -1);
    }

    /** The same tasks with their own pod start-up. */
    public Trace withStartupDelay(long ms) {
        return new Trace(name, tasks, ms);
    }

    /** Arrival of the last task, in ms. */
    public long lastArrivalMs() {
        return tasks.isEmpty() ? 0 : tasks.get(tasks.size() - 1).arrivalMs();
    }

    /**
     * Reads a trace file.
     *
     * @throws IllegalArgumentException naming the file, the line and what is wrong
     */
    public static Trace load(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !HEADER.equals(lines.get(0).trim())) {
            throw new IllegalArgumentException("trace " + file + ": the first line must be '" + HEADER + "'");
        }
        List<TraceTask> tasks = new ArrayList<>();
        long startup = -1;
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i).trim();
            if (line.startsWith(STARTUP)) {
                try {
                    startup = Long.parseLong(line.substring(STARTUP.length()).trim());
                } catch (NumberFormatException e) {
                    startup = -2;
                }
                if (startup < 0) {
                    throw new IllegalArgumentException("trace " + file + " line " + (i + 1) + ": '" + line
                            + "' needs a start-up of 0 ms or more, e.g. '" + STARTUP + "30000'");
                }
                continue;
            }
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split(",");
            try {
                long arrival = Long.parseLong(f[0].trim());
                long duration = Long.parseLong(f[1].trim());
                if (f.length != 2 || arrival < 0 || duration <= 0) {
                    throw new NumberFormatException("need two numbers, arrival >= 0 and duration > 0");
                }
                tasks.add(new TraceTask(arrival, duration));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("trace " + file + " line " + (i + 1) + ": '" + line
                        + "' is not 'arrival_ms,duration_ms' (" + e.getMessage() + ")");
            }
        }
        String base = file.getFileName().toString();
        return new Trace(base.endsWith(".csv") ? base.substring(0, base.length() - 4) : base, tasks, startup);
    }

    /** Writes the trace as CSV. */
    public void write(Path file) throws IOException {
        StringBuilder b = new StringBuilder(HEADER).append('\n');
        if (startupDelayMs >= 0) {
            b.append(STARTUP).append(startupDelayMs).append('\n');
        }
        for (TraceTask t : tasks) {
            b.append(t.arrivalMs()).append(',').append(t.durationMs()).append('\n');
        }
        Files.writeString(file, b, StandardCharsets.UTF_8);
    }
}
