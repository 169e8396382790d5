package io.hatchetoperator.engine.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.hatchetoperator.engine.core.EngineException;
import io.hatchetoperator.engine.core.Json;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Reads query parameters and JSON body fields with errors that name the field, the value and the fix. */
final class RestParams {

  private RestParams() {}

  /** Every value of {@code k}, split on commas too (the SDKs repeat the parameter, curl users often join). */
  static List<String> all(Map<String, List<String>> q, String k) {
    List<String> out = new ArrayList<>();
    for (String v : q.getOrDefault(k, List.of())) {
      for (String part : v.split(",")) {
        if (!part.isBlank()) {
          out.add(part.trim());
        }
      }
    }
    return out;
  }

  static int intParam(Map<String, List<String>> q, String k, int dflt, int min) {
    List<String> v = q.get(k);
    if (v == null || v.get(0).isBlank()) {
      return dflt;
    }
    try {
      int n = Integer.parseInt(v.get(0).trim());
      if (n >= min) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw EngineException.invalid(k + " = '" + v.get(0) + "' is not a whole number of " + min + " or more");
  }

  /** {@code key:value} pairs (Hatchet's additionalMetadata list filter). */
  static Map<String, String> pairs(Map<String, List<String>> q, String k) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String v : q.getOrDefault(k, List.of())) {
      String[] kv = v.split(":", -1);
      if (kv.length != 2) {
        throw EngineException.invalid(k + " = '" + v + "' is not key:value; filter additional metadata as key:value");
      }
      out.put(kv[0], kv[1]);
    }
    return out;
  }

  /** A body field that must be a JSON object (missing or null: {@code {}}); its JSON text. */
  static String object(JsonNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return "{}";
    }
    if (!v.isObject()) {
      throw EngineException.invalid(field + " = " + v + " is not a JSON object; send e.g. {\"key\": \"value\"}");
    }
    return v.toString();
  }

  /** A required string field. */
  static String text(JsonNode body, String field, String fix) {
    JsonNode v = body.get(field);
    if (v == null || !v.isTextual()) {
      throw EngineException.invalid(field + " = " + v + " is not a string; " + fix);
    }
    return v.asText();
  }

  /** An optional whole-number field (null when absent). */
  static Integer optionalInt(JsonNode body, String field, String fix) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.canConvertToInt() || !v.isIntegralNumber()) {
      throw EngineException.invalid(field + " = " + v + " is not a whole number; " + fix);
    }
    return v.intValue();
  }

  /** An RFC 3339 time field, in epoch milliseconds. */
  static long time(JsonNode body, String field) {
    String v = text(body, field, "send an RFC 3339 time such as 2026-01-01T00:00:00Z");
    try {
      return OffsetDateTime.parse(v.trim()).toInstant().toEpochMilli();
    } catch (DateTimeParseException e) {
      throw EngineException.invalid(field + " = '" + v + "' is not an RFC 3339 time; send e.g. 2026-01-01T00:00:00Z");
    }
  }


  /** NOT_FOUND unless {@code tenant} (from the path) is this engine's tenant. */
  static void requireTenant(String engineTenant, String tenant) {
    if (!tenant.equals(engineTenant)) {
      throw EngineException.notFound("tenant = " + tenant + " is not this engine's tenant " + engineTenant
          + "; use the token's sub claim");
    }
  }

  /** ASC or DESC (default {@code dflt}); true for ascending. */
  static boolean ascending(Map<String, List<String>> q, String k, boolean dflt) {
    List<String> v = q.get(k);
    if (v == null || v.get(0).isBlank()) {
      return dflt;
    }
    return switch (v.get(0).trim()) {
      case "ASC" -> true;
      case "DESC" -> false;
      default -> throw EngineException.invalid(k + " = '" + v.get(0) + "' is not ASC or DESC");
    };
  }

  /** One of {@code allowed} (default {@code dflt}). */
  static String oneOf(Map<String, List<String>> q, String k, String dflt, List<String> allowed) {
    List<String> v = q.get(k);
    if (v == null || v.get(0).isBlank()) {
      return dflt;
    }
    if (!allowed.contains(v.get(0).trim())) {
      throw EngineException.invalid(k + " = '" + v.get(0) + "' is not one of " + String.join(", ", allowed));
    }
    return v.get(0).trim();
  }

  /** True when every {@code want} pair is in the metadata JSON object (values compared as text). */
  static boolean hasMetadata(String metadataJson, Map<String, String> want) {
    if (want.isEmpty()) {
      return true;
    }
    Map<String, Object> m = Json.map(metadataJson);
    return want.entrySet().stream().allMatch(w -> m.containsKey(w.getKey())
        && String.valueOf(m.get(w.getKey())).equals(w.getValue()));
  }
}
