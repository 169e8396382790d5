package io.hatchetoperator.sandbox.apiserver;

import java.util.Arrays;
import java.util.Optional;

/**
 * A resource request's path taken apart: {@code /api/v1/...} or {@code /apis/GROUP/VERSION/...}, then
 * {@code [namespaces/NS/]PLURAL[/NAME[/SUBRESOURCE]]}; {@code namespace}, {@code name} and {@code subresource} are
 * null when absent. {@code /api/v1/namespaces/NAME} is the namespace NAME itself.
 */
public record ResourcePath(String group, String version, String namespace, String plural, String name,
    String subresource) {

  /** The parts of {@code path} (no query), or empty when it names no resource (discovery, /version, ...). */
  public static Optional<ResourcePath> parse(String path) {
    String[] s = Arrays.stream(path.split("/")).filter(p -> !p.isEmpty()).toArray(String[]::new);
    int rest;
    String group;
    String version;
    if (s.length >= 3 && s[0].equals("api")) {
      group = "";
      version = s[1];
      rest = 2;
    } else if (s.length >= 4 && s[0].equals("apis")) {
      group = s[1];
      version = s[2];
      rest = 3;
    } else {
      return Optional.empty();
    }
    String namespace = null;
    if (s.length - rest >= 3 && s[rest].equals("namespaces")) {
      namespace = s[rest + 1];
      rest += 2;
    }
    int left = s.length - rest;
    if (left > 3) {
      return Optional.empty();
    }
    return Optional.of(new ResourcePath(group, version, namespace, s[rest], left >= 2 ? s[rest + 1] : null,
        left == 3 ? s[rest + 2] : null));
  }
}
