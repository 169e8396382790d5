package io.hatchetoperator.sandbox;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The project root, the working directory of process pods: the nearest directory, from the current one
 * upwards, that holds both {@code pom.xml} and {@code examples/} (so {@code java -jar sandbox/target/sandbox.jar}
 * from the root and the tests run from {@code sandbox/} agree); the current directory when none does.
 */
final class ProjectRoot {

  static Path find() {
    Path cwd = Path.of("").toAbsolutePath();
    for (Path dir = cwd; dir != null; dir = dir.getParent()) {
      if (Files.isRegularFile(dir.resolve("pom.xml")) && Files.isDirectory(dir.resolve("examples"))) {
        return dir;
      }
    }
    return cwd;
  }

  private ProjectRoot() {}
}
