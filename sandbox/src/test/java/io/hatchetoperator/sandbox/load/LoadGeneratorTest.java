package io.hatchetoperator.sandbox.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class LoadGeneratorTest {

  @Test
  void submitsEveryRowAtItsTimeAndRecordsResultsAndTriggerFailures() {
    RunLedger ledger = new RunLedger(Clock.systemUTC());
    List<Long> durations = new CopyOnWriteArrayList<>();
    TaskSubmitter submitter = ms -> {
      durations.add(ms);
      if (ms == 13) {
        throw new IllegalStateException("engine unreachable");
      }
      CompletableFuture<Object> result = ms == 7
          ? CompletableFuture.failedFuture(new RuntimeException("boom")) : CompletableFuture.completedFuture("ok");
      return new TaskSubmitter.SubmittedRun("run-" + ms, result);
    };
    Trace trace = new Trace("t", List.of(new TraceRow(0, 5), new TraceRow(50, 7), new TraceRow(100, 13),
        new TraceRow(150, 20)));
    long start = System.nanoTime();
    try (LoadGenerator generator = new LoadGenerator(submitter, ledger)) {
      generator.start(trace);
      await().atMost(Duration.ofSeconds(5)).until(() -> ledger.inFlight() == 0 && ledger.counts().submitted() == 4);
    }
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(150));
    assertThat(durations).containsExactlyInAnyOrder(5L, 7L, 13L, 20L);
    assertThat(ledger.counts()).isEqualTo(new LedgerCounts(4, 2, 2, 2, 0, 0));
  }
}
