package io.hatchetoperator.sandbox.cluster;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The downward API's {@code fieldRef} paths that a pod's environment can read. */
public final class DownwardApi {

  private static final Pattern MAP_KEY = Pattern.compile("metadata\\.(labels|annotations)\\['(.+)'\\]");

  /** The value of {@code fieldPath} for {@code pod}; {@code envName} only names the variable in errors. */
  public static String field(Pod pod, String fieldPath, String envName) {
    var meta = pod.getMetadata();
    switch (fieldPath) {
      case "metadata.name":
        return meta.getName();
      case "metadata.namespace":
        return meta.getNamespace();
      case "metadata.uid":
        return Optional.ofNullable(meta.getUid()).orElse("");
      case "spec.nodeName":
        return Optional.ofNullable(pod.getSpec().getNodeName()).orElse("");
      case "spec.serviceAccountName":
        return Optional.ofNullable(pod.getSpec().getServiceAccountName()).orElse("default");
      case "status.podIP":
      case "status.hostIP":
        return "127.0.0.1";
      default:
        Matcher m = MAP_KEY.matcher(fieldPath);
        if (m.matches()) {
          Map<String, String> map = m.group(1).equals("labels") ? meta.getLabels() : meta.getAnnotations();
          return Optional.ofNullable(map).map(x -> x.get(m.group(2))).orElse("");
        }
        throw new PodStartException("env " + envName + ": fieldRef.fieldPath '" + fieldPath
            + "' is not supported; use metadata.name, metadata.namespace, metadata.uid, "
            + "metadata.labels['k'], metadata.annotations['k'], spec.nodeName or status.podIP");
    }
  }

  private DownwardApi() {}
}
