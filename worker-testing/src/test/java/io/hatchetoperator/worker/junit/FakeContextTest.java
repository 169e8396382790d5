package io.hatchetoperator.worker.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hatchetoperator.worker.Hatchet;
import io.hatchetoperator.worker.TaskBody;
import io.hatchetoperator.worker.TaskOptions;
import io.hatchetoperator.worker.TaskRef;
import io.hatchetoperator.worker.WorkflowRef;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A task body unit-tested without an engine: typed parent outputs in, logs and cancellation observed. */
class FakeContextTest {
  record Order(String id) {}
  record Quote(String id, int cents) {}
  record Invoice(String id, int cents, String note) {}

  static final TaskBody<Order, Invoice> INVOICE = (order, ctx) -> {
    Quote quote = ctx.parentOutput(Quotes.QUOTE);
    ctx.log("invoicing " + order.id() + " at attempt " + ctx.retryCount());
    ctx.refreshTimeout(Duration.ofSeconds(30));
    String note = ctx.isCancelled() ? "cancelled" : ctx.additionalMetadata().getOrDefault("note", "-");
    return new Invoice(order.id(), quote.cents(), note);
  };

  /** The declarations, built without an engine (declaring opens no connection). */
  static final class Quotes {
    static final Hatchet HATCHET = OfflineHatchet.create();
    static final WorkflowRef<Order, Object> FLOW = HATCHET.workflow("billing", Order.class, Object.class);
    static final TaskRef<Order, Quote> QUOTE = FLOW.task("quote", Quote.class, (o, ctx) -> new Quote(o.id(), 250));
    static final TaskRef<Order, Invoice> INVOICE_TASK = FLOW.task("invoice",
        TaskOptions.builder().parents(QUOTE).build(), Invoice.class, INVOICE);
  }

  @Test
  void theBodyReadsItsTypedParentAndRecordsWhatItDid() throws Exception {
    FakeContext ctx = new FakeContext("invoice").withParentOutput(Quotes.QUOTE, new Quote("o1", 250))
        .withMetadata("note", "vip").withRetryCount(2);

    Invoice invoice = Quotes.INVOICE_TASK.mockRun(new Order("o1"), ctx);

    assertThat(invoice).isEqualTo(new Invoice("o1", 250, "vip"));
    assertThat(ctx.logs()).containsExactly("invoicing o1 at attempt 2");
    assertThat(ctx.timeoutRefreshes()).containsExactly(Duration.ofSeconds(30));
    assertThat(Quotes.INVOICE_TASK.workflow().tasks()).extracting(t -> t.options().parents())
        .containsExactly(java.util.List.of(), java.util.List.of("quote"));
  }

  @Test
  void aMissingParentAndACancellationAreVisibleToTheBody() throws Exception {
    assertThatThrownBy(() -> INVOICE.run(new Order("o2"), new FakeContext("invoice")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no parent output 'quote'");

    FakeContext cancelled = new FakeContext("invoice").withParentOutput("quote", Map.of("id", "o3", "cents", 9));
    cancelled.cancel();
    assertThat(INVOICE.run(new Order("o3"), cancelled).note()).isEqualTo("cancelled");
  }

  record Payment(String orderId, int cents) {}
  record Settled(String orderId, int cents, long waitedSeconds, String parent) {}

  static final TaskBody<Order, Settled> SETTLE = (order, ctx) -> {
    Duration slept = ctx.sleepFor(Duration.ofMillis(1500));
    Payment p = ctx.waitForEvent("payment:" + order.id(), "input.cents > 0", Payment.class);
    return new Settled(p.orderId(), p.cents(), slept.toSeconds(), ctx.parentWorkflowRunId().orElse("top"));
  };

  @Test
  void durableCallsAnswerWithScriptedEventsAndRecordTheSleeps() throws Exception {
    FakeContext ctx = new FakeContext("settle").withEvent("payment:o4", new Payment("o4", 700))
        .withParentWorkflowRunId("parent-task");

    assertThat(SETTLE.run(new Order("o4"), ctx)).isEqualTo(new Settled("o4", 700, 2, "parent-task"));
    assertThat(ctx.sleeps()).containsExactly(Duration.ofMillis(1500));
    assertThat(ctx.awaitedEvents()).containsExactly("payment:o4 input.cents > 0");
    assertThat(ctx.isDurable()).isTrue();
  }

  @Test
  void anUnscriptedEventOrANonDurableTaskFailsWithTheFix() {
    assertThatThrownBy(() -> SETTLE.run(new Order("o5"), new FakeContext("settle")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("waits for event 'payment:o5'").hasMessageContaining("withEvent(\"payment:o5\"");
    assertThatThrownBy(() -> SETTLE.run(new Order("o5"), new FakeContext("settle").durable(false)))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("task 'settle' is not durable");
    assertThat(new FakeContext("x").parentWorkflowRunId()).isEmpty();
  }

  @Test
  void memoComputesOncePerDepsAndSleepUntilCountsFromTheFixedNow() throws Exception {
    FakeContext ctx = new FakeContext("remember").withNow(java.time.Instant.parse("2030-01-01T00:00:00Z"));
    java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();

    assertThat(ctx.memo(java.util.List.of("a"), Integer.class, calls::incrementAndGet)).isEqualTo(1);
    assertThat(ctx.memo(java.util.List.of("a"), Integer.class, calls::incrementAndGet)).isEqualTo(1);
    assertThat(ctx.memo(java.util.List.of("b"), Integer.class, calls::incrementAndGet)).isEqualTo(2);
    assertThat(ctx.sleepUntil(java.time.Instant.parse("2030-01-01T00:10:00.2Z"))).isEqualTo(Duration.ofSeconds(601));
    assertThat(ctx.sleeps()).containsExactly(Duration.ofSeconds(601));
  }

  @Test
  void aWaitWithATimeoutGetsAScriptedEventOrTheTimeoutPasses() {
    FakeContext ctx = new FakeContext("approve").withEvent("approval", new Payment("o6", 5));

    assertThat(ctx.waitForEvent("approval", "", Payment.class, Duration.ofMinutes(5))).contains(new Payment("o6", 5));
    assertThat(ctx.waitForEvent("approval", "", Payment.class, Duration.ofMinutes(5))).isEmpty();
    assertThat(ctx.sleeps()).containsExactly(Duration.ofMinutes(5));
  }
}
