package io.hatchetoperator.worker.tutorial;

import static org.assertj.core.api.Assertions.assertThat;

import io.hatchetoperator.worker.junit.FakeContext;
import io.hatchetoperator.worker.junit.OfflineHatchet;
import io.hatchetoperator.worker.tutorial.Billing.Charge;
import io.hatchetoperator.worker.tutorial.Billing.Order;
import io.hatchetoperator.worker.tutorial.Billing.Receipt;
import org.junit.jupiter.api.Test;

/** The tutorial's unit test (docs/java-sdk.md, step 3): one task body with a fake Context, no engine. */
class ReceiptTaskTest {

  @Test
  void theReceiptNamesTheChargedAmount() throws Exception {
    Billing billing = new Billing(OfflineHatchet.create());
    FakeContext ctx = new FakeContext("receipt").withParentOutput(billing.charge, new Charge("o-1", 990));

    Receipt receipt = billing.receipt.mockRun(new Order("o-1", "ann", 990), ctx);

    assertThat(receipt).isEqualTo(new Receipt("o-1", "ann paid 990 cents"));
  }
}
