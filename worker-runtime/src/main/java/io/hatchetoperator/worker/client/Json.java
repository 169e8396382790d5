package io.hatchetoperator.worker.client;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

/** The one Jackson configuration of the runtime: unknown input fields are ignored, dates as ISO text. */
public final class Json {
  /** Thread-safe and stateless once built, so it is shared. */
  public static final ObjectMapper MAPPER = JsonMapper.builder()
      .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
      .findAndAddModules()
      .build();

  private Json() {}
}
