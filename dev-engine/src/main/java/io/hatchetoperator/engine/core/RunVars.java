package io.hatchetoperator.engine.core;

import java.util.HashMap;
import java.util.Map;

/** The variables Hatchet's CEL sees for a run ({@code internal/cel/cel.go}): input, additional_metadata, workflow_run_id. */
final class RunVars {

  private RunVars() {}

  static Map<String, Object> of(WorkflowRun run) {
    if (run.celVars == null) {
      Map<String, Object> vars = new HashMap<>();
      vars.put("input", parse(run.request.inputJson()));
      vars.put("additional_metadata", parse(run.request.metadataJson()));
      vars.put("workflow_run_id", run.id);
      run.celVars = vars;
    }
    return run.celVars;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> parse(String json) {
    try {
      return json == null || json.isEmpty() ? Map.of() : Json.MAPPER.readValue(json, Map.class);
    } catch (java.io.IOException e) {
      return Map.of();
    }
  }

  /** Evaluates a key expression that must give a string, with Hatchet's error wording when it does not. */
  static String stringKey(CelExpr expr, WorkflowRun run, String what) {
    Object v;
    try {
      v = expr.eval(of(run));
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
