package io.hatchetoperator.sandbox.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import dev.cel.common.CelOptions;
import dev.cel.common.types.OptionalType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.compiler.CelCompilerFactory;
import dev.cel.extensions.CelOptionalLibrary;
import dev.cel.parser.CelStandardMacro;
import dev.cel.runtime.CelRuntime;
import dev.cel.runtime.CelRuntimeFactory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A CRD's {@code x-kubernetes-validations} CEL rules applied to an update, as the API server's validation does:
 * each rule on the value at its place in the schema (objects' properties), {@code oldSelf} bound to the old value
 * (an optional with {@code optionalOldSelf}; a transition rule without it is skipped when there is no old value),
 * and, as CRD validation ratcheting does, a rule not using oldSelf on a value that did not change is not applied
 * (kubernetes/kubernetes, staging/src/k8s.io/apiextensions-apiserver/pkg/apiserver/schema/cel/validation.go turns
 * its failure into a warning). Evaluated with Google's CEL for Java and its optional library; a rule that cannot be
 * evaluated here is logged and skipped.
 */
public final class CelAdmission {

  private static final Logger log = LoggerFactory.getLogger(CelAdmission.class);
  private static final CelOptions OPTIONS = CelOptions.current().enableHeterogeneousNumericComparisons(true).build();
  private static final Map<String, CelRuntime.Program> PROGRAMS = new ConcurrentHashMap<>();

  /** One rule at its place: the property path from the root ({@code []} for the object itself). */
  record Rule(List<String> path, String rule, String message, boolean optionalOldSelf) {}

  private final List<Rule> rules;

  private CelAdmission(List<Rule> rules) {
    this.rules = List.copyOf(rules);
  }

  /** The rules of {@code openApiV3Schema} (a CRD version's schema); none for null. */
  public static CelAdmission of(JsonNode openApiV3Schema) {
    List<Rule> rules = new ArrayList<>();
    if (openApiV3Schema != null) {
      collect(openApiV3Schema, new ArrayList<>(), rules);
    }
    return new CelAdmission(rules);
  }

  private static void collect(JsonNode schema, List<String> path, List<Rule> out) {
    for (JsonNode v : schema.path("x-kubernetes-validations")) {
      out.add(new Rule(List.copyOf(path), v.path("rule").asText(), v.path("message").asText(""),
          v.path("optionalOldSelf").asBoolean(false)));
    }
    schema.path("properties").fields().forEachRemaining(e -> {
      List<String> child = new ArrayList<>(path);
      child.add(e.getKey());
      collect(e.getValue(), child, out);
    });
  }

  /** Each failed rule of the update {@code old} → {@code updated}, as {@code field: Invalid value: ...: message}. */
  public List<String> violations(JsonNode old, JsonNode updated) {
    List<String> out = new ArrayList<>();
    for (Rule r : rules) {
      JsonNode now = at(updated, r.path());
      JsonNode before = old == null ? null : at(old, r.path());
      boolean transition = r.rule().contains("oldSelf");
      boolean ratcheted = !transition && before != null && before.equals(now);
      if (now == null || ratcheted || (transition && !r.optionalOldSelf() && before == null)) {
        continue;
      }
      Map<String, Object> vars = new HashMap<>();
      vars.put("self", value(now));
      if (transition) {
        vars.put("oldSelf", r.optionalOldSelf() ? Optional.ofNullable(before == null ? null : value(before))
            : value(before));
      }
      try {
        if (!Boolean.TRUE.equals(program(r).eval(vars))) {
          String field = r.path().isEmpty() ? "<root>" : String.join(".", r.path());
          out.add(field + ": Invalid value: \"" + (now.isObject() ? "object" : now.asText()) + "\": "
              + (r.message().isEmpty() ? "failed rule: " + r.rule() : r.message()));
        }
      } catch (Exception e) {
        log.warn("the CRD rule {} could not be evaluated here ({}); not applied", r.rule(), e.getMessage());
      }
    }
    return out;
  }

  private static CelRuntime.Program program(Rule r) throws Exception {
    String key = r.optionalOldSelf() + ":" + r.rule();
    CelRuntime.Program p = PROGRAMS.get(key);
    if (p == null) {
      CelCompiler compiler = CelCompilerFactory.standardCelCompilerBuilder().setOptions(OPTIONS)
          .setStandardMacros(CelStandardMacro.STANDARD_MACROS).addLibraries(CelOptionalLibrary.INSTANCE)
          .addVar("self", SimpleType.DYN)
          .addVar("oldSelf", r.optionalOldSelf() ? OptionalType.create(SimpleType.DYN) : SimpleType.DYN).build();
      CelRuntime runtime = CelRuntimeFactory.standardCelRuntimeBuilder().setOptions(OPTIONS)
          .addLibraries(CelOptionalLibrary.INSTANCE).build();
      p = runtime.createProgram(compiler.compile(r.rule()).getAst());
      PROGRAMS.put(key, p);
    }
    return p;
  }

  private static JsonNode at(JsonNode root, List<String> path) {
    JsonNode n = root;
    for (String f : path) {
      n = n.path(f);
    }
    return n.isMissingNode() || n.isNull() ? null : n;
  }

  /** JSON as CEL sees a Kubernetes value: maps, lists, int64, double, strings, booleans. */
  static Object value(JsonNode n) {
    if (n.isObject()) {
      Map<String, Object> m = new LinkedHashMap<>();
      n.fields().forEachRemaining(e -> m.put(e.getKey(), value(e.getValue())));
      return m;
    }
    if (n.isArray()) {
      List<Object> l = new ArrayList<>();
      n.forEach(x -> l.add(value(x)));
      return l;
    }
    if (n.isIntegralNumber()) {
      return n.asLong();
    }
    if (n.isNumber()) {
      return n.asDouble();
    }
    return n.isBoolean() ? (Object) n.asBoolean() : n.asText();
  }
}
