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

/**
 * Runs the Python and Go SDK programs of the interop suite, pointed at a dev engine through HATCHET_CLIENT_*:
 * {@code python/*.py} with the Python SDK's venv (examples/python-worker/target/venv) and the Go SDK's
 * {@code examples/go-worker/target/interop}, both built by the Maven build.
 */
final class SdkProcess {

  private static final Path MODULE = Files.isDirectory(Path.of("ts")) ? Path.of("").toAbsolutePath()
      : Path.of("interop").toAbsolutePath();
  static final Path ROOT = MODULE.getParent();
  static final Path PYTHON = ROOT.resolve("examples/python-worker/target/venv/bin/python");
  static final Path GO = ROOT.resolve("examples/go-worker/target/interop");
  private static final Path LOGS = MODULE.resolve("target").resolve("sdk-logs");
  private static final ObjectMapper JSON = new ObjectMapper();

  private SdkProcess() {}

  /** {@code python python/<script> args...}. */
  static List<String> python(String script, String... args) {
    List<String> command = new ArrayList<>(List.of(PYTHON.toString(), MODULE.resolve("python").resolve(script)
        .toString()));
    command.addAll(List.of(args));
    return command;
  }

  /** {@code interop args...} (the Go SDK program). */
  static List<String> go(String... args) {
    List<String> command = new ArrayList<>(List.of(GO.toString()));
    command.addAll(List.of(args));
    return command;
  }

  /** Starts {@code command}; output goes to target/sdk-logs/{@code logName}.log. */
  static Process start(DevEngine engine, String logName, List<String> command) throws IOException {
    Files.createDirectories(LOGS);
    ProcessBuilder pb = new ProcessBuilder(command).directory(MODULE.toFile()).redirectErrorStream(true)
        .redirectOutput(LOGS.resolve(logName + ".log").toFile());
    Map<String, String> env = pb.environment();
    env.keySet().removeIf(k -> k.startsWith("HATCHET_"));
    env.putAll(engine.clientEnv());
    env.put("HATCHET_CLIENT_TLS_STRATEGY", "none");
    env.put("PYTHONUNBUFFERED", "1");
    return pb.start();
  }

  /** Runs a client to the end and returns the JSON of its {@code RESULT} line. */
  static JsonNode result(DevEngine engine, String logName, Duration timeout, List<String> command) throws Exception {
    Process p = start(engine, logName, command);
    if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(command + " did not finish within " + timeout + "; see " + log(logName));
    }
    for (String line : Files.readAllLines(log(logName))) {
      if (line.startsWith("RESULT ")) {
        return JSON.readTree(line.substring(7));
      }
    }
    throw new AssertionError(command + " printed no RESULT line (exit " + p.exitValue() + "); see " + log(logName));
  }

  static Path log(String logName) {
    return LOGS.resolve(logName + ".log");
  }
}
