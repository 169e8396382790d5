package io.hatchetoperator.chart;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The {@code METHOD PATH} lines the operator's test suite records (operator/target/api-calls/*.txt), parsed. */
final class ApiCallRecordings {

  /** Where the operator's tests write them; the reactor builds and tests the operator before this module. */
  static final Path DIR = Path.of("..", "operator", "target", "api-calls").toAbsolutePath().normalize();

  /**
   * Non-resource URLs the API client may read; every authenticated user holds them through Kubernetes'
   * default {@code system:discovery} and {@code system:public-info-viewer} ClusterRoles, so the chart grants none.
   */
  static final List<String> DISCOVERY_PREFIXES = List.of("/api", "/apis", "/version", "/openapi", "/healthz",
      "/livez", "/readyz");

  private ApiCallRecordings() {
  }

  /** The recording files, or an exception saying how to produce them: the check never skips silently. */
  static List<Path> files() throws IOException {
    List<Path> files = List.of();
    if (Files.isDirectory(DIR)) {
      try (Stream<Path> listing = Files.list(DIR)) {
        files = listing.filter(p -> p.toString().endsWith(".txt")).sorted().toList();
      }
    }
    if (files.isEmpty()) {
      throw new IllegalStateException("No recorded API calls in " + DIR + ": the operator's tests write them."
          + " Run them first (mvn -B -pl operator verify, or the whole reactor: mvn -B verify), then this test.");
    }
    return files;
  }

  /** The de-duplicated resource requests of {@code files}; discovery reads are left out. */
  static List<ApiCall> read(List<Path> files) throws IOException {
    List<String> lines = new ArrayList<>();
    for (Path file : files) {
      lines.addAll(Files.readAllLines(file));
    }
    return lines.stream().map(String::trim).filter(l -> !l.isEmpty()).distinct().sorted()
        .filter(l -> !isDiscovery(l)).map(ApiCall::parse).toList();
  }

  static boolean isDiscovery(String line) {
    String path = line.substring(line.indexOf(' ') + 1).trim();
    String bare = path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
    boolean resource = bare.matches("^/api/v1/.+") || bare.matches("^/apis/[^/]+/[^/]+/.+");
    return !resource && DISCOVERY_PREFIXES.stream().anyMatch(bare::startsWith);
  }
}
