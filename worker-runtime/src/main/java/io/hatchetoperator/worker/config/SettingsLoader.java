package io.hatchetoperator.worker.config;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hatchetoperator.worker.config.HatchetSettings.TimingSettings;
import io.hatchetoperator.worker.config.HatchetSettings.TlsSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Reads {@link HatchetSettings} from an environment map, the variables every Hatchet SDK reads plus
 * the runtime's own. Precedence: code overrides, then the environment, then the token's claims.
 * The first problem stops loading with one message naming the variable and the fix.
 */
public final class SettingsLoader {

  public static final String TOKEN = "HATCHET_CLIENT_TOKEN";
  public static final String TENANT_ID = "HATCHET_CLIENT_TENANT_ID";
  public static final String HOST_PORT = "HATCHET_CLIENT_HOST_PORT";
  public static final String SERVER_URL = "HATCHET_CLIENT_SERVER_URL";
  public static final String API_URL = "HATCHET_CLIENT_API_URL";
  public static final String TLS_STRATEGY = "HATCHET_CLIENT_TLS_STRATEGY";
  public static final String TLS_ROOT_CA_FILE = "HATCHET_CLIENT_TLS_ROOT_CA_FILE";
  public static final String TLS_CERT_FILE = "HATCHET_CLIENT_TLS_CERT_FILE";
  public static final String TLS_KEY_FILE = "HATCHET_CLIENT_TLS_KEY_FILE";
  public static final String TLS_SERVER_NAME = "HATCHET_CLIENT_TLS_SERVER_NAME";
  public static final String NAMESPACE = "HATCHET_CLIENT_NAMESPACE";
  public static final String PRESET_LABELS = "HATCHET_CLIENT_WORKER_PRESET_LABELS";
  public static final String DEBUG = "HATCHET_CLIENT_DEBUG";
  public static final String DRAIN_TIMEOUT = "HATCHET_WORKER_DRAIN_TIMEOUT";
  public static final String HEALTH_PORT = "HATCHET_WORKER_HEALTH_PORT";
  public static final String MAX_RECONNECTS = "HATCHET_WORKER_MAX_RECONNECTS";
  /** The official SDKs' switch of the health server (Python {@code config.py}, TypeScript {@code config-loader.js}). */
  public static final String HEALTHCHECK_ENABLED = "HATCHET_CLIENT_WORKER_HEALTHCHECK_ENABLED";
  /** The official SDKs' health port (default 8001). */
  public static final String HEALTHCHECK_PORT = "HATCHET_CLIENT_WORKER_HEALTHCHECK_PORT";
  public static final String STOP_MODE = "HATCHET_WORKER_STOP_MODE";
  public static final String MAX_SEND_MESSAGE_LENGTH = "HATCHET_CLIENT_GRPC_MAX_SEND_MESSAGE_LENGTH";
  public static final String CANCELLATION_GRACE = "HATCHET_WORKER_CANCELLATION_GRACE_PERIOD";
  public static final String CANCELLATION_WARNING = "HATCHET_WORKER_CANCELLATION_WARNING_THRESHOLD";
  /** The receive limit the Python, TypeScript and Ruby SDKs read (bytes, default 4 MiB). */
  public static final String MAX_RECV_MESSAGE_LENGTH = "HATCHET_CLIENT_GRPC_MAX_RECV_MESSAGE_LENGTH";

  private static final ObjectMapper JSON = new ObjectMapper();

  private SettingsLoader() {}

  /** Loads settings from {@code env} with {@code overrides} (same variable names) taking precedence. */
  public static HatchetSettings load(Map<String, String> env, Map<String, String> overrides,
      TimingSettings timing) {
    Map<String, String> vars = new LinkedHashMap<>();
    env.forEach((k, v) -> { if (v != null && !v.isBlank()) vars.put(k, v.trim()); });
    overrides.forEach((k, v) -> { if (v != null && !v.isBlank()) vars.put(k, v.trim()); });

    String token = vars.get(TOKEN);
    if (token == null) {
      throw new ConfigurationException(TOKEN + " is not set: set it to a Hatchet API token "
          + "(Hatchet dashboard > Settings > API Tokens, or hatchet-admin token create)");
    }
    TokenClaims claims = TokenClaims.decode(TOKEN, token);
    String hostPort = first(vars.get(HOST_PORT), claims.grpcBroadcastAddress());
    if (hostPort == null) {
      throw new ConfigurationException(HOST_PORT + " is not set and the token has no "
          + "grpc_broadcast_address claim: set " + HOST_PORT + " to the engine's host:port, e.g. localhost:7070");
    }
    checkHostPort(vars.containsKey(HOST_PORT) ? HOST_PORT : TOKEN + " claim grpc_broadcast_address", hostPort);
    String serverUrl = first(vars.get(SERVER_URL), first(vars.get(API_URL), claims.serverUrl()));
    if (serverUrl == null) {
      throw new ConfigurationException(SERVER_URL + " is not set and the token has no server_url "
          + "claim: set " + SERVER_URL + " to the engine's REST URL, e.g. http://localhost:8080");
    }
    if (!serverUrl.startsWith("http://") && !serverUrl.startsWith("https://")) {
      throw new ConfigurationException(SERVER_URL + "='" + serverUrl
          + "' is not an http(s) URL: set it like https://hatchet.example.com");
    }
    return new HatchetSettings(token, first(vars.get(TENANT_ID), claims.tenantId()), hostPort,
        serverUrl.replaceAll("/+$", ""), tls(vars, hostPort), namespace(vars.get(NAMESPACE)),
        labels(vars.get(PRESET_LABELS)), bool(DEBUG, vars.get(DEBUG)), healthPort(vars),
        duration(DRAIN_TIMEOUT, vars.get(DRAIN_TIMEOUT), HatchetSettings.DEFAULT_DRAIN_TIMEOUT),
        stopMode(vars.get(STOP_MODE)), messageLength(vars.get(MAX_SEND_MESSAGE_LENGTH)),
        cancellation(vars, reconnects(vars.get(MAX_RECONNECTS), timing)),
        messageBytes(vars.get(MAX_RECV_MESSAGE_LENGTH)));
  }

  /**
   * The health server's port, or -1 for none. {@code HATCHET_CLIENT_WORKER_HEALTHCHECK_ENABLED=false}
   * turns it off; unset, this runtime serves anyway (the operator's probes and in-process workers rely
   * on it). The port is {@code HATCHET_WORKER_HEALTH_PORT} if set (this runtime's own: 0 = any free
   * port, negative = off), else {@code HATCHET_CLIENT_WORKER_HEALTHCHECK_PORT}, else 8001.
   */
  private static int healthPort(Map<String, String> vars) {
    String enabled = vars.get(HEALTHCHECK_ENABLED);
    if (enabled != null && !bool(HEALTHCHECK_ENABLED, enabled)) {
      return -1;
    }
    if (vars.containsKey(HEALTH_PORT)) {
      return port(HEALTH_PORT, vars.get(HEALTH_PORT));
    }
    int port = port(HEALTHCHECK_PORT, vars.get(HEALTHCHECK_PORT));
    if (port < 0) {
      throw new ConfigurationException(HEALTHCHECK_PORT + "='" + vars.get(HEALTHCHECK_PORT)
          + "' is not a port: set 1-65535 (or set " + HEALTHCHECK_ENABLED + "=false to turn the server off)");
    }
    return port;
  }

  private static HatchetSettings.StopMode stopMode(String value) {
    if (value == null) {
      return HatchetSettings.StopMode.HAND_BACK;
    }
    return switch (value.toLowerCase(Locale.ROOT).replace('-', '_')) {
      case "hand_back" -> HatchetSettings.StopMode.HAND_BACK;
      case "fail_fast" -> HatchetSettings.StopMode.FAIL_FAST;
      default -> throw new ConfigurationException(STOP_MODE + "='" + value + "' is not a stop mode: set "
          + "hand_back (tasks still running at the drain deadline are reassigned without using their "
          + "retries) or fail_fast (they are reported FAILED and retried at once)");
    };
  }

  private static int messageLength(String value) {
    if (value == null) {
      return HatchetSettings.DEFAULT_MAX_SEND_MESSAGE_BYTES;
    }
    try {
      int bytes = Integer.parseInt(value);
      if (bytes >= 1024) {
        return bytes;
      }
    } catch (NumberFormatException e) {
      // falls through to the message below
    }
    throw new ConfigurationException(MAX_SEND_MESSAGE_LENGTH + "='" + value
        + "' is not a message size: set the engine's gRPC limit in bytes, e.g. 4194304");
  }

  private static int messageBytes(String value) {
    if (value == null) {
      return HatchetSettings.DEFAULT_MAX_RECEIVE_MESSAGE_BYTES;
    }
    try {
      int bytes = Integer.parseInt(value);
      if (bytes > 0) {
        return bytes;
      }
    } catch (NumberFormatException e) {
      // falls through to the message below
    }
    throw new ConfigurationException(MAX_RECV_MESSAGE_LENGTH + "='" + value + "' is not a positive number of bytes:"
        + " set it like 4194304 (4 MiB, the default), as large as the engine's largest message");
  }

  private static TimingSettings cancellation(Map<String, String> vars, TimingSettings timing) {
    Duration warning = duration(CANCELLATION_WARNING, vars.get(CANCELLATION_WARNING), timing.cancellationWarning());
    Duration grace = duration(CANCELLATION_GRACE, vars.get(CANCELLATION_GRACE), timing.cancellationGrace());
    return timing.withCancellationGrace(warning, grace);
  }

  private static TlsSettings tls(Map<String, String> vars, String hostPort) {
    String raw = vars.get(TLS_STRATEGY);
    TlsStrategy strategy = raw == null ? TlsStrategy.TLS : TlsStrategy.parse(TLS_STRATEGY, raw);
    Path ca = file(TLS_ROOT_CA_FILE, vars.get(TLS_ROOT_CA_FILE));
    Path cert = file(TLS_CERT_FILE, vars.get(TLS_CERT_FILE));
    Path key = file(TLS_KEY_FILE, vars.get(TLS_KEY_FILE));
    if (strategy == TlsStrategy.MTLS && (ca == null || cert == null || key == null)) {
      throw new ConfigurationException(TLS_STRATEGY + "=mtls needs " + TLS_ROOT_CA_FILE + ", "
          + TLS_CERT_FILE + " and " + TLS_KEY_FILE + ": set all three, or use tls");
    }
    String host = hostPort.substring(0, hostPort.lastIndexOf(':'));
    return new TlsSettings(strategy, ca, cert, key, first(vars.get(TLS_SERVER_NAME), host));
  }

  private static void checkHostPort(String source, String hostPort) {
    int colon = hostPort.lastIndexOf(':');
    boolean ok = colon > 0 && colon < hostPort.length() - 1;
    if (ok) {
      try {
        int port = Integer.parseInt(hostPort.substring(colon + 1));
        ok = port > 0 && port <= 65535;
      } catch (NumberFormatException e) {
        ok = false;
      }
    }
    if (!ok) {
      throw new ConfigurationException(source + "='" + hostPort
          + "' is not host:port: set it like engine.example.com:7070");
    }
  }

  private static Path file(String variable, String value) {
    if (value == null) {
      return null;
    }
    Path path = Path.of(value);
    if (!Files.isReadable(path)) {
      throw new ConfigurationException(variable + "='" + value
          + "' is not a readable file: mount the file there or fix the path");
    }
    return path;
  }

  private static String namespace(String value) {
    if (value == null) {
      return "";
    }
    String lower = value.toLowerCase(Locale.ROOT);
    return lower.endsWith("_") ? lower : lower + "_";
  }

  private static Map<String, String> labels(String value) {
    if (value == null) {
      return Map.of();
    }
    try {
      Map<String, Object> parsed = JSON.readValue(value, new TypeReference<Map<String, Object>>() {});
      Map<String, String> labels = new LinkedHashMap<>();
      parsed.forEach((k, v) -> {
        if (v instanceof Map || v instanceof Iterable) {
          throw new IllegalArgumentException("label " + k + " is not a string or number");
        }
        labels.put(k, String.valueOf(v));
      });
      return labels;
    } catch (Exception e) {
      throw new ConfigurationException(PRESET_LABELS + "='" + value + "' is not a JSON object of "
          + "string or number values: set it like {\"pool\":\"resize\",\"pod\":\"resize-7d9f\"}");
    }
  }

  private static boolean bool(String variable, String value) {
    if (value == null) {
      return false;
    }
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true", "1", "yes" -> true;
      case "false", "0", "no" -> false;
      default -> throw new ConfigurationException(variable + "='" + value + "' is not a boolean: set true or false");
    };
  }

  private static int port(String variable, String value) {
    if (value == null) {
      return HatchetSettings.DEFAULT_HEALTH_PORT;
    }
    try {
      int port = Integer.parseInt(value);
      if (port <= 65535) {
        return port;
      }
    } catch (NumberFormatException e) {
      // falls through to the message below
    }
    throw new ConfigurationException(variable + "='" + value + "' is not a port: set 1-65535, "
        + "0 for any free port, or a negative number to disable the health server");
  }

  private static TimingSettings reconnects(String value, TimingSettings timing) {
    if (value == null) {
      return timing;
    }
    try {
      int attempts = Integer.parseInt(value);
      if (attempts >= 0) {
        return timing.withMaxReconnectAttempts(attempts);
      }
    } catch (NumberFormatException e) {
      // falls through to the message below
    }
    throw new ConfigurationException(MAX_RECONNECTS + "='" + value
        + "' is not a number of reconnects: set how many failed reconnects in a row end the worker, "
        + "or 0 to retry for as long as the engine is down (the default)");
  }

  /** Parses {@code 90s}, {@code 10m}, {@code 1h}, {@code 500ms}, plain seconds, or ISO-8601. */
  static Duration duration(String variable, String value, Duration fallback) {
    if (value == null) {
      return fallback;
    }
    String v = value.toLowerCase(Locale.ROOT);
    try {
      Duration parsed;
      if (v.startsWith("p")) {
        parsed = Duration.parse(value.toUpperCase(Locale.ROOT));
      } else if (v.endsWith("ms")) {
        parsed = Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2)));
      } else if (v.endsWith("s")) {
        parsed = Duration.ofSeconds(Long.parseLong(v.substring(0, v.length() - 1)));
      } else if (v.endsWith("m")) {
        parsed = Duration.ofMinutes(Long.parseLong(v.substring(0, v.length() - 1)));
      } else if (v.endsWith("h")) {
        parsed = Duration.ofHours(Long.parseLong(v.substring(0, v.length() - 1)));
      } else {
        parsed = Duration.ofSeconds(Long.parseLong(v));
      }
      if (!parsed.isNegative()) {
        return parsed;
      }
    } catch (RuntimeException e) {
      // falls through to the message below
    }
    throw new ConfigurationException(variable + "='" + value
        + "' is not a duration: set it like 30s, 10m, 1h or 500ms");
  }

  private static String first(String a, String b) {
    return a != null && !a.isBlank() ? a : b;
  }
}
