package io.hatchetoperator.operator.app;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.hatchetoperator.operator.HatchetOperator;
import io.hatchetoperator.operator.OperatorSettings;
import io.hatchetoperator.operator.api.Durations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** The operator process: reads options (or their environment variables), connects, runs until SIGTERM. */
@Command(name = "hatchet-worker-operator", mixinStandardHelpOptions = true, version = "0.1.0",
        description = "Runs HatchetWorkerPools as Deployments. Every option can also be set by the environment "
                + "variable in brackets.")
public final class OperatorMain implements Callable<Integer> {

    @Option(names = "--namespaces", defaultValue = "${env:WATCH_NAMESPACES:-}",
            description = "Comma-separated namespaces to watch; empty = all [WATCH_NAMESPACES]")
    String namespaces;
    @Option(names = "--server-side-apply", defaultValue = "${env:SERVER_SIDE_APPLY:-true}", arity = "1",
            description = "Write with server-side apply (default true) [SERVER_SIDE_APPLY]")
    boolean serverSideApply;
    @Option(names = "--leader-election", defaultValue = "${env:LEADER_ELECTION:-false}", arity = "1",
            description = "Reconcile only while holding the Lease (default false) [LEADER_ELECTION]")
    boolean leaderElection;
    @Option(names = "--lease-name", defaultValue = "${env:LEASE_NAME:-hatchet-worker-operator}",
            description = "Lease name (default hatchet-worker-operator) [LEASE_NAME]")
    String leaseName;
    @Option(names = "--lease-namespace", defaultValue = "${env:LEASE_NAMESPACE:-${env:POD_NAMESPACE:-}}",
            description = "Lease namespace; empty = the client's namespace [LEASE_NAMESPACE, POD_NAMESPACE]")
    String leaseNamespace;
    @Option(names = "--http-port", defaultValue = "${env:HTTP_PORT:-8080}",
            description = "Port of /healthz, /readyz, /metrics; 0 = any, negative = off (default 8080) [HTTP_PORT]")
    int httpPort;
    @Option(names = "--log-format", defaultValue = "${env:LOG_FORMAT:-text}",
            description = "text or json (default text) [LOG_FORMAT]")
    String logFormat;
    @Option(names = "--log-level", defaultValue = "${env:LOG_LEVEL:-INFO}",
            description = "Root log level (default INFO) [LOG_LEVEL]")
    String logLevel;
    @Option(names = "--resync-interval", defaultValue = "${env:RESYNC_INTERVAL:-5m}",
            description = "Longest time between two reconciles of a pool (default 5m) [RESYNC_INTERVAL]")
    String resyncInterval;
    @Option(names = "--secret-retry-max", defaultValue = "${env:SECRET_RETRY_MAX:-5m}",
            description = "Longest wait between re-checks of a missing Secret (default 5m) [SECRET_RETRY_MAX]")
    String secretRetryMax;
    @Option(names = "--reconcile-threads", defaultValue = "${env:RECONCILE_THREADS:-10}",
            description = "Pools reconciled in parallel (default 10) [RECONCILE_THREADS]")
    int reconcileThreads;
    @Option(names = "--kubeconfig", defaultValue = "${env:KUBECONFIG:-}",
            description = "kubeconfig file; empty = in-cluster config or ~/.kube/config [KUBECONFIG]")
    String kubeconfig;

    /** Maps the options to settings, naming the option of any bad value. */
    OperatorSettings settings() {
        if (!logFormat.equals("text") && !logFormat.equals("json")) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--log-format '" + logFormat
                    + "' is not supported: use text or json");
        }
        OperatorSettings defaults = OperatorSettings.defaults();
        Set<String> watched = Arrays.stream(namespaces.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                .collect(Collectors.toSet());
        return defaults.withNamespaces(watched)
                .withServerSideApply(serverSideApply)
                .withLeaderElection(leaderElection, leaseName, leaseNamespace.isBlank() ? null : leaseNamespace)
                .withHttpPort(httpPort)
                .withJsonLogs(logFormat.equals("json"))
                .withIntervals(duration("--resync-interval", resyncInterval), defaults.secretRetryInitial(),
                        duration("--secret-retry-max", secretRetryMax), defaults.conflictRetry())
                .withReconcileThreads(reconcileThreads);
    }

    @Override
    public Integer call() throws Exception {
        OperatorSettings settings = settings();
        LogSetup.apply(settings.jsonLogs(), logLevel);
        KubernetesClient client = client();
        HatchetOperator operator = new HatchetOperator(settings, client);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            operator.stop();
            client.close();
            stopped.countDown();
        }, "operator-shutdown"));
        operator.onLostLeadership(() -> {
            // a pod that lost its Lease exits (the shutdown hook above stops what is left) and comes back as a
            // follower; it wrote nothing since the loss (see HatchetOperator)
            System.exit(1);
        });
        operator.start();
        stopped.await();
        return 0;
    }

    private KubernetesClient client() throws java.io.IOException {
        KubernetesClientBuilder builder = new KubernetesClientBuilder();
        Config config = kubeconfig.isBlank() ? Config.autoConfigure(null)
                : Config.fromKubeconfig(null, Files.readString(Path.of(kubeconfig)), kubeconfig);
        config.setUserAgent(OperatorSettings.COMPONENT + "/0.1.0");
        return builder.withConfig(config).build();
    }

    private Duration duration(String option, String value) {
        try {
            return Durations.parse(option, value, null);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(new CommandLine(this), e.getMessage());
        }
    }

    /** Runs the operator; exits with picocli's code on bad options. */
    public static void main(String[] args) {
        int code = new CommandLine(new OperatorMain()).execute(args);
        if (code != 0) {
            System.exit(code);
        }
    }
}
