package io.hatchetoperator.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import io.hatchetoperator.sandbox.apiserver.Kubeconfig;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real kubectl binary against a sandbox with a manual pool of 2: get, -o wide, get deploy,pods, describe,
 * scale (which the operator carries out), and get -w seeing the change. Skipped when no kubectl is installed.
 */
class KubectlIT {

  private static Sandbox sandbox;
  private static Path dir;
  private static String kubectl;

  @BeforeAll
  static void start() throws Exception {
    kubectl = findKubectl();
    Assumptions.assumeTrue(kubectl != null, "no kubectl binary (set KUBECTL, or put kubectl on PATH or at "
        + "/usr/bin/kubectl): the kubectl end-to-end test is skipped");
    dir = Files.createTempDirectory("kubectl-it");
    sandbox = E2e.start("manual", Duration.ofSeconds(30));
    sandbox.awaitReady(2, Duration.ofSeconds(60));
    Kubeconfig.write(dir.resolve("config"), sandbox.kubeApi().url(), sandbox.settings().namespace());
  }

  @AfterAll
  static void stop() {
    if (sandbox != null) {
      sandbox.close();
    }
  }

  private static String findKubectl() {
    List<String> candidates = new ArrayList<>();
    if (System.getenv("KUBECTL") != null) {
      candidates.add(System.getenv("KUBECTL"));
    }
    for (String p : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      candidates.add(p + "/kubectl");
    }
    candidates.add("/usr/bin/kubectl");
    return candidates.stream().filter(c -> new File(c).canExecute()).findFirst().orElse(null);
  }

  private static List<String> command(String... args) {
    List<String> cmd = new ArrayList<>(List.of(kubectl, "--kubeconfig", dir.resolve("config").toString(),
        "--cache-dir", dir.resolve("cache").toString()));
    cmd.addAll(List.of(args));
    return cmd;
  }

  /** Runs kubectl; returns its output (stdout and stderr); fails on a non-zero exit. */
  private static String kubectl(String... args) throws Exception {
    Process p = new ProcessBuilder(command(args)).redirectErrorStream(true).start();
    assertThat(p.waitFor(20, TimeUnit.SECONDS)).as("kubectl " + String.join(" ", args) + " finished").isTrue();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as("kubectl " + String.join(" ", args) + ":\n" + out).isZero();
    return out;
  }

  @Test
  void getWideDescribeScaleAndWatchWork() throws Exception {
    String list = kubectl("get", "hwp");
    assertThat(list).containsPattern("NAME\\s+READY\\s+MODE\\s+DESIRED\\s+READY PODS\\s+QUEUED\\s+BUSY\\s+AGE\\n");
    assertThat(list).containsPattern("manual\\s+True\\s+Manual\\s+2\\s+2\\s+");
    assertThat(kubectl("get", "hwp", "-o", "wide")).containsPattern("AGE\\s+MIN\\s+MAX\\n");
    assertThat(kubectl("get", "hatchet")).contains("manual");
    String deployAndPods = kubectl("get", "deploy,pods");
    assertThat(deployAndPods).containsPattern("deployment.apps/manual\\s+2/2\\s+2\\s+2\\s+");
    assertThat(deployAndPods.lines().filter(l -> l.matches("pod/manual-\\S+\\s+1/1\\s+Running\\s+0\\s+.*"))).hasSize(2);
    String describe = kubectl("describe", "hwp", "manual");
    assertThat(describe).contains("Name:         manual").contains("Kind:         HatchetWorkerPool")
        .containsPattern("Events:\\s*\\n\\s+Type\\s+Reason").contains("DeploymentCreated");

    Path watchOut = dir.resolve("watch.txt");
    Process watch = new ProcessBuilder(command("get", "hwp", "-w")).redirectErrorStream(true)
        .redirectOutput(watchOut.toFile()).start();
    try {
      awaitFile(watchOut, "manual", Duration.ofSeconds(15));
      assertThat(kubectl("scale", "hwp", "manual", "--replicas", "3")).contains("hatchetworkerpool.hatchet-operator.io/manual scaled");
      sandbox.awaitReady(3, Duration.ofSeconds(30));
      awaitFile(watchOut, "(?s).*manual\\s+True\\s+Manual\\s+3\\s+3\\s+.*", Duration.ofSeconds(15));
      assertThat(Files.readString(watchOut)).startsWith("NAME ").containsOnlyOnce("NAME ");
    } finally {
      watch.destroy();
      watch.waitFor(5, TimeUnit.SECONDS);
    }
    assertThat(kubectl("get", "deploy", "manual")).containsPattern("manual\\s+3/3\\s+3\\s+3\\s+");
    assertThat(kubectl("get", "--raw", "/apis/hatchet-operator.io/v1alpha1/namespaces/sandbox/hatchetworkerpools/"
        + "manual/scale")).contains("\"spec\":{\"replicas\":3}");
  }

  private static void awaitFile(Path file, String regexOrText, Duration timeout) throws Exception {
    long end = System.nanoTime() + timeout.toNanos();
    String text = "";
    while (System.nanoTime() < end) {
      text = Files.exists(file) ? Files.readString(file) : "";
      if (regexOrText.startsWith("(?s)") ? text.matches(regexOrText) : text.contains(regexOrText)) {
        return;
      }
      Thread.sleep(200);
    }
    throw new AssertionError("kubectl get hwp -w printed no line matching " + regexOrText + " within "
        + timeout.toSeconds() + " s; it printed:\n" + text);
  }
}
