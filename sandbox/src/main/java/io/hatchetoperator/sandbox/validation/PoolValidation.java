package io.hatchetoperator.sandbox.validation;

import io.fabric8.kubernetes.client.utils.Serialization;
import io.hatchetoperator.operator.api.HatchetWorkerPool;
import io.hatchetoperator.operator.render.SpecProblem;
import io.hatchetoperator.operator.render.SpecValidator;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A pool manifest checked as a real cluster would before anything starts: the name as the API server checks it
 * (a DNS-1123 subdomain: kubernetes/kubernetes, staging/src/k8s.io/apiextensions-apiserver/pkg/registry/
 * customresource/validator.go calls ValidateObjectMetaAccessor with NameIsDNSSubdomain), the CRD's schema with its
 * CEL rules (what admission does), then the operator's own {@link SpecValidator} (what the operator does).
 */
public final class PoolValidation {

  /** The CRD as packaged with the sandbox. */
  public static final String CRD = "crds/hatchetworkerpools.hatchet-operator.io-v1.yml";
  private static final Pattern DNS_SUBDOMAIN =
      Pattern.compile("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$");
  private static final String EXAMPLE = "examples/java-worker-pool.yaml";
  private static volatile CrdSchema schema;

  private PoolValidation() {}

  /** Every problem of {@code manifest} (a parsed YAML object, defaulted in place), one line each; empty when valid. */
  public static List<String> problems(Map<String, Object> manifest) {
    Set<String> out = new LinkedHashSet<>();
    Object metadata = manifest.get("metadata");
    Object name = metadata instanceof Map<?, ?> m ? m.get("name") : null;
    if (!(name instanceof String n) || n.isBlank()) {
      out.add("metadata.name is missing: name the pool, e.g. metadata: {name: my-pool}");
    } else if (n.length() > 253 || !DNS_SUBDOMAIN.matcher(n).matches()) {
      out.add("metadata.name is '" + n + "': use lower-case letters, digits and '-' (at most 63 characters),"
          + " starting and ending with a letter or digit, e.g. " + suggestion(n));
    }
    List<String> schemaErrors = schema().validate(manifest);
    schemaErrors.forEach(e -> out.add(withFix(e)));
    HatchetWorkerPool pool;
    try {
      pool = Serialization.jsonMapper().convertValue(manifest, HatchetWorkerPool.class);
    } catch (IllegalArgumentException e) {
      if (schemaErrors.isEmpty()) {
        out.add("the manifest does not map onto a HatchetWorkerPool (" + e.getMessage().lines().findFirst()
            .orElse("") + "); compare it with " + EXAMPLE);
      }
      return new ArrayList<>(out);
    }
    for (SpecProblem p : SpecValidator.validate(pool)) {
      boolean known = out.stream().anyMatch(line -> line.startsWith(p.field() + " ") || line.startsWith(p.field() + ":"))
          || schemaErrors.stream().anyMatch(e -> p.field().startsWith(e.substring(0, Math.max(0, e.indexOf(':')))
              + "."));
      if (!known) {
        out.add(p.message());
      }
    }
    return new ArrayList<>(out);
  }

  /** The API server's wording says what is wrong; a few of its messages need the fix added. */
  private static String withFix(String error) {
    if (error.endsWith(": Required value")) {
      return error + ": set it (" + EXAMPLE + " shows every field)";
    }
    if (error.startsWith("unknown field")) {
      return error + ": remove it or fix its spelling (a real API server refuses it too)";
    }
    return error;
  }

  private static String suggestion(String name) {
    String s = name.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9-]+", "-").replaceAll("^-+|-+$", "");
    return s.isEmpty() ? "my-pool" : s.length() > 63 ? s.substring(0, 63).replaceAll("-+$", "") : s;
  }

  private static CrdSchema schema() {
    CrdSchema s = schema;
    if (s == null) {
      try (InputStream in = PoolValidation.class.getClassLoader().getResourceAsStream(CRD)) {
        if (in == null) {
          throw new IllegalStateException(CRD + " is missing from the sandbox's classpath; rebuild the sandbox");
        }
        s = CrdSchema.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        schema = s;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return s;
  }
}
