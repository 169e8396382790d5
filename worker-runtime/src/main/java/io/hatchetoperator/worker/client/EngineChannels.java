package io.hatchetoperator.worker.client;

import io.grpc.ChannelCredentials;
import io.grpc.Grpc;
import io.grpc.InsecureChannelCredentials;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.TlsChannelCredentials;
import io.hatchetoperator.worker.config.ConfigurationException;
import io.hatchetoperator.worker.config.HatchetSettings;
import io.hatchetoperator.worker.config.HatchetSettings.TlsSettings;
import io.hatchetoperator.worker.config.TlsStrategy;
import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Opens network channels to the engine as Hatchet's SDKs do: TLS strategy, keepalive 10 s, and messages up to
 * {@code HATCHET_CLIENT_GRPC_MAX_RECV_MESSAGE_LENGTH} (4 MiB by default).
 */
public final class EngineChannels {

  /**
   * A ping unanswered for this long closes the connection: with pings every 10 s a half-open
   * connection is noticed within about 20 s, well under the engine's 30 s reassignment (the Python
   * SDK's 60 s, {@code hatchet_sdk/connection.py}, is longer than that window).
   */
  static final int KEEPALIVE_TIMEOUT_SECONDS = 10;

  private EngineChannels() {}

  /** The production {@link ChannelFactory}. */
  public static ManagedChannel open(HatchetSettings settings) {
    TlsSettings tls = settings.tls();
    ManagedChannelBuilder<?> builder = Grpc.newChannelBuilder(settings.hostPort(), credentials(tls));
    if (tls.strategy() != TlsStrategy.NONE && tls.serverName() != null) {
      builder.overrideAuthority(tls.serverName() + settings.hostPort().substring(settings.hostPort().lastIndexOf(':')));
    }
    return builder
        .keepAliveTime(10, TimeUnit.SECONDS)
        .keepAliveTimeout(KEEPALIVE_TIMEOUT_SECONDS, TimeUnit.SECONDS)
        .keepAliveWithoutCalls(true)
        .maxInboundMessageSize(settings.maxReceiveMessageBytes())
        .build();
  }

  private static ChannelCredentials credentials(TlsSettings tls) {
    try {
      return switch (tls.strategy()) {
        case NONE -> InsecureChannelCredentials.create();
        case TLS -> tls.rootCaFile() == null
            ? TlsChannelCredentials.create()
            : TlsChannelCredentials.newBuilder().trustManager(tls.rootCaFile().toFile()).build();
        case MTLS -> TlsChannelCredentials.newBuilder()
            .trustManager(tls.rootCaFile().toFile())
            .keyManager(tls.certFile().toFile(), tls.keyFile().toFile())
            .build();
      };
    } catch (IOException | IllegalArgumentException e) {
      throw new ConfigurationException("the TLS files (HATCHET_CLIENT_TLS_ROOT_CA_FILE, _CERT_FILE, "
          + "_KEY_FILE) could not be read as PEM (" + e.getMessage()
          + "): give a PEM CA bundle, a PEM certificate chain and a PKCS#8 PEM key");
    }
  }
}
