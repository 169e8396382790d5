package io.hatchetoperator.engine.core;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;

/** JSON checks for payloads that stay text (inputs, outputs, metadata): validated once, never re-encoded. */
public final class Json {

  /** The shared mapper (thread-safe once configured). */
  public static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonFactory FACTORY = MAPPER.getFactory();

  private Json() {}

  /** Returns the text when it is one JSON object ("{}" when empty), else INVALID_ARGUMENT naming {@code field}. */
  public static String requireObject(String field, String text) {
    if (text == null || text.isEmpty()) {
      return "{}";
    }
    String problem = problem(text, true);
    if (problem != null) {
      throw EngineException.invalid(field + " is not a JSON object (" + problem + "); send e.g. {\"key\": \"value\"}");
    }
    return text;
  }

  /** Null when {@code text} is one valid JSON value (an object when {@code objectOnly}), else what is wrong. */
  public static String problem(String text, boolean objectOnly) {
    try (JsonParser p = FACTORY.createParser(text)) {
      JsonToken first = p.nextToken();
      if (first == null) {
        return "it is empty";
      }
      if (objectOnly && first != JsonToken.START_OBJECT) {
        return "it starts with " + first.asString() + " instead of {";
      }
      p.skipChildren();
      if (p.nextToken() != null) {
        return "there is text after the value";
      }
      return null;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return e.getOriginalMessage();
    } catch (IOException e) {
      return e.getMessage();
    }
  }

  /** Parses an object that was already validated; an empty map when it is not one. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> map(String text) {
    try {
      Object v = MAPPER.readValue(text, Object.class);
      return v instanceof Map ? (Map<String, Object>) v : Map.of();
    } catch (IOException e) {
      return Map.of();
    }
  }

  /** Quotes a string as a JSON string literal. */
  public static String quote(String s) {
    try {
      return MAPPER.writeValueAsString(s);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
