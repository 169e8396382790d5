package io.hatchetoperator.engine;

import java.nio.file.Files;
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

  @Option(names = "--tenant-id", description = "tenant UUID (default: random)")
  String tenantId;

  public static void main(String[] args) {
    if (System.getProperty("logback.configurationFile") == null) {
      System.setProperty("logback.configurationFile", "dev-engine-logback.xml");
    }
    System.exit(new CommandLine(new DevEngineMain()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    DevEngine engine = DevEngine.start(DevEngineSettings.defaults().withPorts(grpcPort, httpPort)
        .withAdvertisedHost(host).withTenantId(tenantId));
    if (tokenFile != null) {
      Files.writeString(tokenFile, engine.token());
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
        .append("  tenant ").append(engine.tenantId()).append("\n\n")
        .append("  Point any Hatchet SDK at it:\n\n");
    engine.clientEnv().forEach((k, v) -> sb.append("export ").append(k).append('=').append(v).append('\n'));
    return sb.toString();
  }
}
