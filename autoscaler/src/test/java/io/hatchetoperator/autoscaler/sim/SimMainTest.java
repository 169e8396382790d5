package io.hatchetoperator.autoscaler.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The command line: results and charts on success; on bad input a message naming flag and value, exit 2. */
class SimMainTest {

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return SimMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private Path trace(String name, String body) throws Exception {
        Path f = dir.resolve(name + ".csv");
        Files.writeString(f, body);
        return f;
    }

    @Test
    void writesResultsAndAChartPerTrace() throws Exception {
        Path t = trace("tiny", "arrival_ms,duration_ms\n0,1000\n500,2000\n20000,1000\n");
        Path outDir = dir.resolve("out");

        int code = run("--trace", t.toString(), "--out", outDir.toString(), "--slots", "4", "--poll", "1s");

        assertThat(code).as(err.toString()).isZero();
        String json = Files.readString(outDir.resolve("results.json"));
        assertThat(json).startsWith("[\n  {\"trace\": \"tiny\", \"policy\": \"operator\", \"podSeconds\": ")
                .contains("\"policy\": \"hpa\"", "\"policy\": \"keda\"", "\"waitP95Ms\": ", "\"tasksKilled\": 0",
                        "\"firstScaleUpMs\": ", "\"tasksCompleted\": 3");
        assertThat(Files.readString(outDir.resolve("tiny.svg"))).startsWith("<svg").contains("polyline", "replicas");
        assertThat(out.toString()).contains("trace", "operator", "tiny");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--slots|zero|--slots: 'zero' is not a whole number",
        "--slots|0|--slots: '0' is not a whole number from 1",
        "--poll|2 seconds|--poll: '2 seconds' is not a duration",
        "--startup-delay|-1s|--startup-delay: '-1s' is not a duration",
        "--policy|operator,vpa|--policy: 'vpa' is not a policy",
        "--colour|red|unknown flag '--colour'"})
    void badArgumentsNameFlagAndValue(String flag, String value, String message) throws Exception {
        Path t = trace("ok", "arrival_ms,duration_ms\n0,10\n");

        int code = run("--trace", t.toString(), "--out", dir.toString(), flag, value);

        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains(message);
    }

    @Test
    void aMissingOrMalformedTraceIsExit2() throws Exception {
        assertThat(run("--trace", dir.resolve("nope.csv").toString(), "--out", dir.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--trace: '" + dir.resolve("nope.csv") + "' is not a readable file");

        Path bad = trace("bad", "arrival_ms,duration_ms\n0,10\nten,5\n");
        assertThat(run("--trace", bad.toString(), "--out", dir.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("line 3: 'ten,5' is not 'arrival_ms,duration_ms'");

        assertThat(run("--out", dir.toString())).isEqualTo(2);
        assertThat(err.toString()).contains("--trace: at least one trace file is needed");
    }
}
