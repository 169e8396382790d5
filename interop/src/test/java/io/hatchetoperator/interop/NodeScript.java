package io.hatchetoperator.interop;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hatchetoperator.engine.DevEngine;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs the TypeScript scripts in {@code ts/} with node, pointed at a dev engine through HATCHET_CLIENT_* variables. */
final class NodeScript {

  /** The module directory: the working directory under surefire/failsafe, interop/ under exec:java from the root. */
  private static final Path MODULE = Files.isDirectory(Path.of("ts")) ? Path.of("").toAbsolutePath()
      : Path.of("interop").toAbsolutePath();
  static final Path TS = MODULE.resolve("ts");
  private static final Path LOGS = MODULE.resolve("target").resolve("node-logs");
  private static final ObjectMapper JSON = new ObjectMapper();

  private NodeScript() {}

  /** Starts {@code node <script> args...}; output goes to target/node-logs/{@code logName}.log. */
  static Process start(DevEngine engine, String logName, String script, String... args) throws IOException {
    Files.createDirectories(LOGS);
    List<String> command = new ArrayList<>(List.of("node", script));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).directory(TS.toFile()).redirectErrorStream(true)
        .redirectOutput(LOGS.resolve(logName + ".log").toFile());
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("HATCHET_CLIENT_"));
    env.putAll(engine.clientEnv());
    env.put("HATCHET_CLIENT_TLS_STRATEGY", "none");
    env.put("HATCHET_CLIENT_RETRIER_MAX_ATTEMPTS", "1");
    env.put("HATCHET_CLIENT_LOG_LEVEL", "INFO");
    return pb.start();
  }

  /** The JSON of the {@code RESULT} line a script started with {@link #start} printed to its log. */
  static JsonNode read(String logName) throws IOException {
    for (String line : Files.readAllLines(LOGS.resolve(logName + ".log"))) {
      if (line.startsWith("RESULT ")) {
        return JSON.readTree(line.substring(7));
      }
    }
    throw new AssertionError("no RESULT line in " + LOGS.resolve(logName + ".log"));
  }

  /** Runs a client script to the end and returns the JSON of its {@code RESULT} line. */
  static JsonNode result(DevEngine engine, String logName, Duration timeout, String script, String... args)
      throws Exception {
    Process p = start(engine, logName, script, args);
    if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(script + " did not finish within " + timeout + "; see " + LOGS.resolve(logName + ".log"));
    }
    for (String line : Files.readAllLines(LOGS.resolve(logName + ".log"))) {
      if (line.startsWith("RESULT ")) {
        return JSON.readTree(line.substring(7));
      }
    }
    throw new AssertionError(script + " printed no RESULT line (exit " + p.exitValue() + "); see "
        + LOGS.resolve(logName + ".log"));
  }
}
