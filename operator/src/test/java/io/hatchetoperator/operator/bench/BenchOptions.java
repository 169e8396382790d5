package io.hatchetoperator.operator.bench;

import java.nio.file.Path;

/**
 * The scale benchmark's options.
 *
 * @param pools        autoscaled pools (default 1000)
 * @param tenants      engine tenants the pools are spread over, one dev engine each (default 4)
 * @param phaseSeconds length of the settle, idle and busy phases each (default 30)
 * @param threads      reconcile threads of the operator (default 10, the operator's default)
 * @param out          directory of scale.json
 */
record BenchOptions(int pools, int tenants, int phaseSeconds, int threads, Path out) {

    static BenchOptions parse(String[] args) {
        int pools = 1000;
        int tenants = 4;
        int phase = 30;
        int threads = 10;
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            String value = i + 1 < args.length ? args[i + 1] : null;
            switch (args[i]) {
                case "--pools" -> pools = positive("--pools", value);
                case "--tenants" -> tenants = positive("--tenants", value);
                case "--phase-seconds" -> phase = positive("--phase-seconds", value);
                case "--threads" -> threads = positive("--threads", value);
                case "--out" -> out = Path.of(value == null ? "" : value);
                default -> throw new IllegalArgumentException("unknown option " + args[i]
                        + ": use --pools N --out DIR [--tenants T] [--phase-seconds S] [--threads K]");
            }
            i++;
        }
        if (out == null || out.toString().isBlank()) {
            throw new IllegalArgumentException("--out is missing: name the directory for scale.json");
        }
        return new BenchOptions(pools, tenants, phase, threads, out);
    }

    private static int positive(String option, String value) {
        try {
            int n = Integer.parseInt(value);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException | NullPointerException e) {
            // reported below
        }
        throw new IllegalArgumentException(option + " is '" + value + "': use a whole number above 0");
    }
}
