package io.hatchetoperator.examples.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.hatchetoperator.worker.Hatchet;
import io.hatchetoperator.worker.RunFailedException;
import io.hatchetoperator.worker.Worker;
import io.hatchetoperator.worker.WorkerState;
import io.hatchetoperator.worker.config.ConfigurationException;
import io.hatchetoperator.worker.testing.TestingEngine;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The sample worker's three tasks, run through the runtime against the fake engine. */
class SampleWorkerTest {
  private TestingEngine engine;
  private Hatchet hatchet;
  private Worker worker;

  @BeforeEach
  void setUp() throws Exception {
    engine = new TestingEngine();
    hatchet = engine.hatchet().build();
    worker = SampleWorker.create(hatchet, 5);
    worker.startAsync().get(30, TimeUnit.SECONDS);
    await().until(engine.dispatcher::listening);
  }

  @AfterEach
  void tearDown() {
    worker.kill();
    hatchet.close();
    engine.close();
  }

  @Test
  void mainExitsZeroAfterADrainTwoAfterAKillAndOneWhenTheWorkerGaveUp() {
    assertThat(SampleWorkerMain.exitCode(WorkerState.STOPPED)).isZero();
    assertThat(SampleWorkerMain.exitCode(WorkerState.KILLED)).isEqualTo(2);
    assertThat(SampleWorkerMain.exitCode(WorkerState.GAVE_UP)).isEqualTo(1);
  }

  @Test
  void registersSimpletaskEchoAndSleepAsSampleWorker() {
    assertThat(worker.name()).isEqualTo("sample-worker");
    assertThat(engine.dispatcher.registers.get(0).getActionsList())
        .containsExactly("simpletask:step1", "echo:echo", "sleep:sleep");
    assertThat(engine.dispatcher.registers.get(0).getSlotConfigMap()).containsEntry("default", 5);
  }

  @Test
  void step1Succeeds() throws Exception {
    assertThat(hatchet.client().run("simpletask", Map.of()).get(5, TimeUnit.SECONDS)
        .output("step1", Map.class)).containsEntry("ok", true);
  }

  @Test
  void echoReturnsItsInputWithEchoedTrue() throws Exception {
    @SuppressWarnings("unchecked")
    Map<String, Object> out = hatchet.client().run("echo", Map.of("message", "hello", "n", 3))
        .get(5, TimeUnit.SECONDS).output("echo", Map.class);

    assertThat(out).containsEntry("message", "hello").containsEntry("n", 3).containsEntry("echoed", true);
  }

  @Test
  void sleepSleepsTheRequestedMilliseconds() throws Exception {
    long start = System.nanoTime();
    @SuppressWarnings("unchecked")
    Map<String, Object> out = hatchet.client().run("sleep", Map.of("ms", 150)).get(5, TimeUnit.SECONDS)
        .output("sleep", Map.class);

    assertThat(out).containsEntry("sleptMs", 150);
    assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start)).isGreaterThanOrEqualTo(150);
  }

  @Test
  void sleepWithoutMsFailsWithoutRetryAndSaysHowToCallIt() {
    assertThatThrownBy(() -> hatchet.client().run("sleep", Map.of("ms", "soon")).get(5, TimeUnit.SECONDS))
        .hasCauseInstanceOf(RunFailedException.class)
        .hasMessageContaining("input.ms = soon is not a number of milliseconds");
    assertThat(engine.dispatcher.events.stream().filter(e -> e.hasShouldNotRetry() && e.getShouldNotRetry()))
        .hasSize(1);
  }

  @Test
  void slotsComeFromTheEnvironmentWithAClearErrorWhenBad() {
    assertThat(SampleWorkerMain.slots(null)).isEqualTo(5);
    assertThat(SampleWorkerMain.slots("12")).isEqualTo(12);
    assertThatThrownBy(() -> SampleWorkerMain.slots("0")).isInstanceOf(ConfigurationException.class)
        .hasMessage("HATCHET_WORKER_SLOTS='0' is not a positive integer: set the number of concurrent task runs, e.g. 5");
  }
}
