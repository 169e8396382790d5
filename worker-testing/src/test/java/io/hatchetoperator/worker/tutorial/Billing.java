package io.hatchetoperator.worker.tutorial;

import io.hatchetoperator.worker.Hatchet;
import io.hatchetoperator.worker.NonRetryableException;
import io.hatchetoperator.worker.TaskOptions;
import io.hatchetoperator.worker.TaskRef;
import io.hatchetoperator.worker.WorkflowRef;
import java.time.Duration;

/** The tutorial's declarations (docs/java-sdk.md): a two-task workflow and a standalone task. */
public final class Billing {
  public record Order(String id, String customer, int cents) {}
  public record Charge(String orderId, int charged) {}
  public record Receipt(String orderId, String text) {}
  /** The workflow's output: one component per task, named as the task. */
  public record Billed(Charge charge, Receipt receipt) {}

  public final WorkflowRef<Order, Billed> billing;
  public final TaskRef<Order, Charge> charge;
  public final TaskRef<Order, Receipt> receipt;
  public final TaskRef<Order, Charge> refund;

  public Billing(Hatchet hatchet) {
    billing = hatchet.workflow("billing", Order.class, Billed.class);
    charge = billing.task("charge", TaskOptions.builder().retries(3).backoff(2f, 60)
        .executionTimeout(Duration.ofSeconds(30)).build(), Charge.class, (order, ctx) -> {
          if (order.cents() <= 0) {
            throw new NonRetryableException("order " + order.id() + " has cents=" + order.cents()
                + ": an order must cost more than 0");
          }
          return new Charge(order.id(), order.cents());
        });
    receipt = billing.task("receipt", TaskOptions.builder().parents(charge).build(), Receipt.class,
        (order, ctx) -> {
          Charge c = ctx.parentOutput(charge);
          return new Receipt(order.id(), order.customer() + " paid " + c.charged() + " cents");
        });
    refund = hatchet.task("refund", Order.class, Charge.class, (order, ctx) -> new Charge(order.id(), -order.cents()));
  }
}
