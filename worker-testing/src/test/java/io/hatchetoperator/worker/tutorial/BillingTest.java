package io.hatchetoperator.worker.tutorial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hatchetoperator.worker.TaskFailedException;
import io.hatchetoperator.worker.junit.DevEngineExtension;
import io.hatchetoperator.worker.junit.HatchetTestEngine;
import io.hatchetoperator.worker.tutorial.Billing.Billed;
import io.hatchetoperator.worker.tutorial.Billing.Charge;
import io.hatchetoperator.worker.tutorial.Billing.Order;
import io.hatchetoperator.worker.tutorial.Billing.Receipt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The tutorial's end-to-end test (docs/java-sdk.md, step 4): the workflow on the dev engine, in process. */
@ExtendWith(DevEngineExtension.class)
class BillingTest {

  @Test
  void billsAnOrderAndRefusesAFreeOneWithoutRetrying(HatchetTestEngine env) {
    Billing billing = new Billing(env.hatchet());
    env.startWorker("billing-worker", 10, billing.billing, billing.refund);

    Billed billed = billing.billing.run(new Order("o-1", "ann", 1250));

    assertThat(billed).isEqualTo(new Billed(new Charge("o-1", 1250), new Receipt("o-1", "ann paid 1250 cents")));
    assertThat(billing.refund.run(new Order("o-1", "ann", 1250))).isEqualTo(new Charge("o-1", -1250));
    assertThatThrownBy(() -> billing.billing.run(new Order("o-2", "bob", 0)))
        .isInstanceOfSatisfying(TaskFailedException.class, e -> {
          assertThat(e.taskName()).isEqualTo("charge");
          assertThat(e.errorType()).isEqualTo("io.hatchetoperator.worker.NonRetryableException");
          assertThat(e.attempt()).isZero();
        });
  }
}
