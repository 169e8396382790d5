package io.hatchetoperator.autoscaler.sim;

import io.hatchetoperator.autoscaler.PolicyTuning;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The simulator's command line, parsed by hand (the module is JDK-only).
 *
 * @param traces trace files, at least one
 * @param out output directory
 * @param settings pool and run settings
 * @param policies policies to run, in order
 * @param prewarm the operator's pre-warming, or null for its default
 * @param tuning the operator's finer rules (spec.autoscaling.tuning)
 */
public record SimArgs(List<Path> traces, Path out, SimSettings settings, List<String> policies, Boolean prewarm,
        PolicyTuning tuning) {

    /** The known policies. */
    public static final List<String> POLICIES = List.of("operator", "hpa", "keda", "keda-hatchet", "floor");
    static final String USAGE = "usage: java -jar autoscaler-sim.jar --trace FILE [--trace FILE ...] --out DIR "
            + "[--slots 10] [--startup-delay 10s] [--poll 2s] [--policy operator,hpa,keda,keda-hatchet,floor] [--seed 1] [--grace 30s] [--prewarm on|off]"
            + " [--tuning key=value,...]";
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m)");

    /** A bad command line: the message names the flag, the value and the fix. */
    public static final class BadArgument extends Exception {
        public BadArgument(String message) {
            super(message);
        }
    }

    /** Parses {@code args}. */
    public static SimArgs parse(String[] args) throws BadArgument {
        List<Path> traces = new ArrayList<>();
        Path out = null;
        SimSettings s = SimSettings.defaults();
        int slots = s.slots();
        long startup = s.startupDelayMs();
        long poll = s.pollMs();
        long seed = s.seed();
        long grace = s.graceMs();
        List<String> policies = POLICIES;
        Boolean prewarm = null;
        PolicyTuning tuning = PolicyTuning.defaults();
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (i + 1 >= args.length) {
                throw new BadArgument(flag + ": missing value. " + USAGE);
            }
            String value = args[++i];
            switch (flag) {
                case "--trace" -> traces.add(Path.of(value));
                case "--out" -> out = Path.of(value);
                case "--slots" -> slots = (int) number(flag, value, 1, 10_000, "e.g. --slots 10");
                case "--seed" -> seed = number(flag, value, Long.MIN_VALUE, Long.MAX_VALUE, "e.g. --seed 1");
                case "--startup-delay" -> startup = duration(flag, value, 0);
                case "--poll" -> poll = duration(flag, value, 1);
                case "--grace" -> grace = duration(flag, value, 0);
                case "--prewarm" -> prewarm = switch (value) {
                    case "on" -> true;
                    case "off" -> false;
                    default -> throw new BadArgument("--prewarm: '" + value + "' is not on or off");
                };
                case "--policy" -> policies = policies(value);
                case "--tuning" -> tuning = TuningArgs.parse(tuning, value);
                default -> throw new BadArgument("unknown flag '" + flag + "'. " + USAGE);
            }
        }
        if (traces.isEmpty()) {
            throw new BadArgument("--trace: at least one trace file is needed. " + USAGE);
        }
        if (out == null) {
            throw new BadArgument("--out: an output directory is needed. " + USAGE);
        }
        return new SimArgs(List.copyOf(traces), out, s.with(slots, startup, poll).withSeed(seed).withGrace(grace), policies,
                prewarm, tuning);
    }

    private static long number(String flag, String value, long min, long max, String example) throws BadArgument {
        try {
            long n = Long.parseLong(value);
            if (n >= min && n <= max) {
                return n;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new BadArgument(flag + ": '" + value + "' is not a whole number from " + min + " to " + max + "; "
                + example);
    }

    /** "10s", "500ms", "1m" → milliseconds. */
    static long duration(String flag, String value, long minMs) throws BadArgument {
        Matcher m = DURATION.matcher(value.trim().toLowerCase(Locale.ROOT));
        if (m.matches()) {
            long n = Long.parseLong(m.group(1));
            long ms = switch (m.group(2)) {
                case "ms" -> n;
                case "s" -> n * 1000;
                default -> n * 60_000;
            };
            if (ms >= minMs) {
                return ms;
            }
        }
        throw new BadArgument(flag + ": '" + value + "' is not a duration of at least " + minMs
                + " ms; write it like 10s, 500ms or 1m");
    }

    private static List<String> policies(String value) throws BadArgument {
        List<String> out = new ArrayList<>();
        for (String p : value.split(",")) {
            String name = p.trim();
            if (!POLICIES.contains(name)) {
                throw new BadArgument("--policy: '" + name + "' is not a policy; use a comma-separated subset of "
                        + String.join(",", POLICIES));
            }
            if (!out.contains(name)) {
                out.add(name);
            }
        }
        return List.copyOf(out);
    }
}
