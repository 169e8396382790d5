package io.hatchetoperator.interop;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Makes sure {@code ts/node_modules} holds the pinned TypeScript SDK, running {@code npm ci} once if it does not. */
final class TsDependencies {

  static final String SDK = "@hatchet-dev/typescript-sdk";
  static final List<String> NPM_CI = List.of("npm", "ci", "--no-audit", "--no-fund", "--loglevel=error");
  private static final long NPM_TIMEOUT_MINUTES = 5;

  private TsDependencies() {}

  /** True when the SDK's package.json is installed under {@code ts/node_modules}. */
  static boolean installed(Path ts) {
    return Files.isRegularFile(ts.resolve("node_modules").resolve(SDK).resolve("package.json"));
  }

  /**
   * Installs the SDK from {@code ts/package-lock.json} when it is missing (a clone built with -DskipTests never ran
   * the module's npm-ci step); stops with the command to run by hand when npm is absent or fails.
   */
  static void ensure(Path ts) throws IOException, InterruptedException {
    if (installed(ts)) {
      return;
    }
    String manual = "(cd " + ts + " && " + String.join(" ", NPM_CI) + ")";
    System.out.println(ts.resolve("node_modules") + " has no " + SDK + "; running: " + manual);
    Process npm;
    try {
      npm = new ProcessBuilder(NPM_CI).directory(ts.toFile()).inheritIO().start();
    } catch (IOException e) {
      throw new IllegalStateException("npm is not on the PATH (" + e.getMessage() + "); install Node 20 + npm, then run "
          + manual, e);
    }
    if (!npm.waitFor(NPM_TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
      npm.destroyForcibly();
      throw new IllegalStateException("npm ci did not finish within " + NPM_TIMEOUT_MINUTES + " min; run " + manual);
    }
    if (npm.exitValue() != 0 || !installed(ts)) {
      throw new IllegalStateException("npm ci failed (exit " + npm.exitValue() + "); fix the error above and run "
          + manual);
    }
  }
}
