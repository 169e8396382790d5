package io.hatchetoperator.worker.client;

import io.hatchetoperator.worker.config.HatchetSettings;
import io.grpc.ManagedChannel;

/**
 * Opens a gRPC channel to the engine. The default ({@link EngineChannels#open}) honours the TLS
 * settings; tests and embedded uses pass an in-process channel instead. Called once per client and
 * once per worker; the caller owns and closes the channel.
 */
@FunctionalInterface
public interface ChannelFactory {
  ManagedChannel open(HatchetSettings settings);
}
