package io.hatchetoperator.worker.config;

import java.util.Locale;

/** How the gRPC channel to the engine is secured ({@code HATCHET_CLIENT_TLS_STRATEGY}). */
public enum TlsStrategy {
  /** TLS with the system roots or {@code HATCHET_CLIENT_TLS_ROOT_CA_FILE}. The default. */
  TLS,
  /** Mutual TLS: root CA, client certificate and key files are all required. */
  MTLS,
  /** Plaintext HTTP/2, for local engines only. */
  NONE;

  /** Parses the environment spelling ({@code tls}, {@code mtls}, {@code none}). */
  static TlsStrategy parse(String variable, String value) {
    return switch (value.trim().toLowerCase(Locale.ROOT)) {
      case "tls" -> TLS;
      case "mtls" -> MTLS;
      case "none" -> NONE;
      default -> throw new ConfigurationException(
          variable + "='" + value + "' is not a TLS strategy: set it to tls, mtls or none");
    };
  }
}
