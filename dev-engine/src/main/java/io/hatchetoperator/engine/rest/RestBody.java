package io.hatchetoperator.engine.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import io.hatchetoperator.engine.core.EngineException;
import io.hatchetoperator.engine.core.Json;
import java.io.IOException;
import java.io.InputStream;

/** Reads a request's JSON object body, bounded, with errors that say what to send. */
final class RestBody {

  static final int MAX_BODY = 64 * 1024;

  private RestBody() {}

  /** The request body as JSON (at most {@code MAX_BODY} bytes); INVALID_ARGUMENT naming what to send otherwise. */
  static JsonNode json(HttpExchange ex, String expected) {
    try (InputStream in = ex.getRequestBody()) {
      byte[] bytes = in.readNBytes(MAX_BODY + 1);
      if (bytes.length > MAX_BODY) {
        throw EngineException.invalid("the request body is over " + MAX_BODY + " bytes; send " + expected);
      }
      JsonNode body = Json.MAPPER.readTree(bytes);
      if (body == null || !body.isObject()) {
        throw EngineException.invalid("the body is " + (body == null ? "empty" : body.getNodeType()) + "; send "
            + expected);
      }
      return body;
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw EngineException.invalid("the body is not JSON (" + e.getOriginalMessage() + "); send " + expected);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("reading the request body failed", e);
    }
  }
}
