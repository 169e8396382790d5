package io.hatchetoperator.autoscaler.sim;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;

/** Entry point of autoscaler-sim.jar: runs every trace under every policy, prints a table, writes JSON and SVG. */
public final class SimMain {

    private SimMain() {
    }

    public static void main(String[] args) {
        if (System.getProperty("slf4j.provider") == null) { // no logging binding in this jar: stay quiet
            System.setProperty("slf4j.provider", "org.slf4j.helpers.NOP_FallbackServiceProvider");
            System.setProperty("slf4j.internal.verbosity", "ERROR");
        }
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the command; returns the exit code (0 ok, 2 bad arguments or input, 1 I/O failure). */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        if (args.length == 1 && (args[0].equals("--help") || args[0].equals("-h"))) {
            out.println(SimArgs.USAGE);
            return 0;
        }
        SimArgs a;
        List<Trace> traces = new ArrayList<>();
        try {
            a = SimArgs.parse(args);
            for (var file : a.traces()) {
                if (!Files.isRegularFile(file)) {
                    throw new SimArgs.BadArgument("--trace: '" + file + "' is not a readable file");
                }
                traces.add(Trace.load(file));
            }
        } catch (SimArgs.BadArgument | IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            err.println("error: cannot read a trace: " + e);
            return 2;
        }
        List<SimResult> results = new ArrayList<>();
        Simulation sim = new Simulation(a.settings());
        for (Trace t : traces) {
            for (String policy : a.policies()) {
                results.add(policy.equals("floor") ? ZeroWaitFloor.result(t, a.settings().slots())
                        : sim.run(t, Contenders.create(policy, a.settings(), a.prewarm(), a.tuning())));
            }
        }
        out.print(ResultsTable.render(results));
        out.print(GoalCheck.render(results, traces, a.settings()));
        try {
            Files.createDirectories(a.out());
            Files.writeString(a.out().resolve("results.json"), ResultsJson.render(results));
            for (Trace t : traces) {
                List<SimResult> mine = results.stream().filter(r -> r.trace().equals(t.name()) && !r.timeline().isEmpty()).toList();
                Files.writeString(a.out().resolve(t.name() + ".svg"), SvgChart.render(t.name(), mine));
            }
        } catch (IOException e) {
            err.println("error: cannot write to --out " + a.out() + ": " + e);
            return 1;
        }
        out.println("wrote " + a.out().resolve("results.json") + " and " + traces.size() + " chart(s)");
        return 0;
    }
}
