package io.hatchetoperator.engine.rest;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** A group of REST routes served after the token check; pure over the engine core, so tests call it without HTTP. */
interface RestRoutes {

  /** True when {@code path} is one of this group's paths (whatever the method). */
  boolean matches(String path);

  /**
   * Serves a request whose path {@link #matches}; {@code body} reads the JSON body on demand (INVALID_ARGUMENT for a
   * body that is not JSON). Errors are thrown as {@link io.hatchetoperator.engine.core.EngineException}.
   */
  RestAnswer serve(String method, String path, Map<String, List<String>> query, Supplier<JsonNode> body);
}
