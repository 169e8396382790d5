package io.hatchetoperator.engine.core;

import com.fasterxml.jackson.databind.ObjectReader;
import java.util.AbstractMap;
import java.util.Map;
import java.util.Set;

/**
 * The variables Hatchet's CEL sees for a run ({@code internal/cel/cel.go}): input, additional_metadata,
 * workflow_run_id. Each JSON document is parsed the first time an expression reads it, then kept with the run.
 */
final class RunVars extends AbstractMap<String, Object> {

  private static final ObjectReader MAP = Json.MAPPER.readerFor(Map.class);
  private static final Set<String> NAMES = Set.of("input", "additional_metadata", "workflow_run_id");

  private final WorkflowRun run;
  private Object input;
  private Object metadata;

  private RunVars(WorkflowRun run) {
    this.run = run;
  }

  static Map<String, Object> of(WorkflowRun run) {
    if (run.celVars == null) {
      run.celVars = new RunVars(run);
    }
    return run.celVars;
  }

  @Override
  public Object get(Object name) {
    return switch (String.valueOf(name)) {
      case "input" -> input != null ? input : (input = parse(run.request.inputJson()));
      case "additional_metadata" -> metadata != null ? metadata : (metadata = parse(run.request.metadataJson()));
      case "workflow_run_id" -> run.id;
      default -> null;
    };
  }

  @Override
  public boolean containsKey(Object name) {
    return NAMES.contains(String.valueOf(name));
  }

  /** All three variables (parsing both documents); expressions read them by name through {@link #get}. */
  @Override
  public Set<Entry<String, Object>> entrySet() {
    return Set.of(Map.entry("input", get("input")), Map.entry("additional_metadata", get("additional_metadata")),
        Map.entry("workflow_run_id", run.id));
  }

  static Object parse(String json) {
    try {
      return json == null || json.isEmpty() ? Map.of() : MAP.readValue(json);
    } catch (java.io.IOException e) {
      return Map.of();
    }
  }

  /** Evaluates a key expression that must give a string, with Hatchet's error wording when it does not. */
  static String stringKey(CelExpr expr, WorkflowRun run, String what) {
    Object v;
    try {
      v = expr.eval(() -> of(run));
    } catch (IllegalStateException e) {
      throw new IllegalStateException("failed to parse step expression (" + expr.source() + "): " + e.getMessage());
    }
    if (!(v instanceof String s)) {
      throw new IllegalStateException("failed to parse step expression (" + expr.source() + "): expected string output"
          + " for " + what + ", got " + CelExpr.typeName(v));
    }
    return s;
  }
}
