package io.hatchetoperator.worker.config;

/** A setting is missing or malformed; the message names the variable, the value (never the token) and the fix. */
public final class ConfigurationException extends RuntimeException {
  public ConfigurationException(String message) {
    super(message);
  }
}
