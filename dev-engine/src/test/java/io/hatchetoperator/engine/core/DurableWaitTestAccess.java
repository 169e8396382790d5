package io.hatchetoperator.engine.core;

import io.hatchetoperator.proto.v1.SleepMatchCondition;
import io.hatchetoperator.proto.v1.UserEventMatchCondition;

/** Condition builders of {@link DurableWaitTest} for the gRPC tests of the parent package. */
public final class DurableWaitTestAccess {

  private DurableWaitTestAccess() {}

  public static SleepMatchCondition sleep(String d) {
    return DurableWaitTest.sleep(DurableWaitTest.G1, d);
  }

  public static UserEventMatchCondition event(String key, String expr) {
    return DurableWaitTest.event(DurableWaitTest.G1, key, expr);
  }
}
