package io.hatchetoperator.sandbox.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RunLedgerTest {

  private final AtomicLong now = new AtomicLong();
  private final Clock clock = new Clock() {
    @Override public ZoneOffset getZone() {
      return ZoneOffset.UTC;
    }

    @Override public Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override public Instant instant() {
      return Instant.ofEpochMilli(now.get());
    }
  };

  @Test
  void countsEachResultOnceAndSeparatesLostFailedAndDuplicated() {
    RunLedger ledger = new RunLedger(clock);
    for (int i = 0; i < 4; i++) {
      ledger.submitted(i, new TraceRow(0, 100));
      ledger.triggered(i, "run-" + i);
    }
    now.set(350);
    ledger.finished(0, true);
    ledger.finished(0, true);
    ledger.finished(1, true);
    ledger.finished(2, false);
    ledger.executed("run-0");
    ledger.executed("run-1");
    ledger.executed("run-1");

    LedgerCounts counts = ledger.counts();
    assertThat(counts).isEqualTo(new LedgerCounts(4, 2, 1, 2, 1, 1));
    assertThat(ledger.inFlight()).isEqualTo(1);
    assertThat(ledger.queueWaitsMs()).containsExactly(250L, 250L);
  }
}
