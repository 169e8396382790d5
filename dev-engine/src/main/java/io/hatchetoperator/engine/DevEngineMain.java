package io.hatchetoperator.engine;

import io.hatchetoperator.engine.core.EngineException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Command-line entry point of {@code dev-engine.jar}: starts an engine, prints the banner and the client env. */
@Command(name = "dev-engine", mixinStandardHelpOptions = true, version = "dev-engine 0.1.0",
    description = "A Hatchet-compatible development engine. State lives in memory and is lost on exit.")
public final class DevEngineMain implements Callable<Integer> {

  @Option(names = "--grpc-port", defaultValue = "7077", description = "gRPC port (default ${DEFAULT-VALUE}; 0 = any)")
  int grpcPort;

  @Option(names = "--http-port", defaultValue = "8888", description = "REST port (default ${DEFAULT-VALUE}; 0 = any)")
  int httpPort;

  @Option(names = "--token-file", description = "write the API token (alone) to this file")
  Path tokenFile;

  @Option(names = "--host", defaultValue = "localhost",
      description = "host name SDKs use to reach this engine, written into the token (default ${DEFAULT-VALUE})")
  String host;

  @Option(names = "--tenant-id", description = "tenant UUID (default: random, or the one kept in --key-file)")
  String tenantId;

  @Option(names = "--bind", defaultValue = "127.0.0.1", description = "address gRPC and REST (with /metrics) listen"
      + " on (default ${DEFAULT-VALUE}, this machine only; 0.0.0.0 = every interface, e.g. in a container)")
  String bind;

  @Option(names = "--key-file", description = "keep the signing key and tenant in this file (created owner-only if"
      + " missing, reused after) so tokens stay valid across restarts")
  Path keyFile;

  @Option(names = "--max-message-bytes", defaultValue = "4194304", description = "largest gRPC message; inputs a "
      + "worker could not receive are refused at trigger time. Workers must accept as much "
      + "(HATCHET_CLIENT_GRPC_MAX_RECV_MESSAGE_LENGTH) (default ${DEFAULT-VALUE})")
  int maxMessageBytes;

  @Option(names = "--max-queued-bytes", defaultValue = "536870912", description = "most input bytes unfinished runs"
      + " may hold; triggers beyond it get RESOURCE_EXHAUSTED (default ${DEFAULT-VALUE})")
  long maxQueuedBytes;

  public static void main(String[] args) {
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "dev-engine-logback.xml");
    }
    System.exit(commandLine().execute(args));
  }

  /** The command line; a bad option or file ends in one line naming it and the fix, and exit code 2. */
  static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new DevEngineMain());
    cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
      if (e instanceof IllegalArgumentException || e instanceof EngineException
          || e instanceof java.io.UncheckedIOException || e instanceof java.io.IOException) {
        cmd.getErr().println("dev-engine: " + e.getMessage());
        return 2;
      }
      throw e;
    });
    return cli;
  }

  @Override
  public Integer call() throws Exception {
    if (maxMessageBytes < 64 * 1024 + 1 || maxQueuedBytes < maxMessageBytes) {
      throw new IllegalArgumentException("--max-message-bytes " + maxMessageBytes + " / --max-queued-bytes "
          + maxQueuedBytes + ": use more than 65536 message bytes (an assignment's envelope) and at least as many"
          + " queued bytes, e.g. 4194304 and 536870912");
    }
    DevEngineSettings settings = DevEngineSettings.defaults().withPorts(grpcPort, httpPort).withBindHost(bind)
        .withAdvertisedHost(host).withTenantId(tenantId).withMessageLimits(maxMessageBytes, maxQueuedBytes);
    if (keyFile != null) {
      settings = settings.withKey(EngineKey.loadOrCreate(keyFile, tenantId));
    }
    DevEngine engine = DevEngine.start(settings);
    if (tokenFile != null) {
      EngineKey.writeSecret(tokenFile, engine.token());
    }
    System.out.println(banner(engine));
    CountDownLatch stop = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      engine.close();
      stop.countDown();
    }, "dev-engine-shutdown"));
    stop.await();
    return 0;
  }

  static String banner(DevEngine engine) {
    StringBuilder sb = new StringBuilder();
    sb.append("\n  Hatchet DEVELOPMENT engine: state is in memory and lost on exit; not for production (use Hatchet).\n")
        .append("  gRPC  ").append(engine.hostPort()).append('\n')
        .append("  REST  ").append(engine.serverUrl()).append('\n')
        .append("  tenant ").append(engine.tenantId()).append('\n')
        .append("  metrics ").append(engine.serverUrl()).append("/metrics (no authentication; on the --bind address only)")
        .append("\n\n")
        .append("  Point any Hatchet SDK at it:\n\n");
    engine.clientEnv().forEach((k, v) -> sb.append("export ").append(k).append('=').append(v).append('\n'));
    return sb.toString();
  }
}
