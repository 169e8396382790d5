package io.hatchetoperator.engine.grpc;

import com.google.protobuf.UnknownFieldSet;
import io.hatchetoperator.engine.core.EngineException;

/** Trigger options the dev engine does not enforce: refused with the field's name instead of ignored. */
final class FeatureAuditAdapter {

  private FeatureAuditAdapter() {}

  static void trigger(String prefix, UnknownFieldSet unknown, int desiredLabels) {
    if (!unknown.asMap().isEmpty()) {
      throw EngineException.invalid(prefix + "field number " + unknown.asMap().keySet().iterator().next()
          + " of the trigger request is not part of the contract this dev engine implements (a newer SDK's option);"
          + " the engine would ignore it, so remove the option or use a Hatchet engine");
    }
    if (desiredLabels > 0) {
      throw EngineException.invalid(prefix + "desired_worker_labels: per-run worker labels are not enforced by the dev"
          + " engine yet, so it refuses them rather than ignore them; declare the labels on the task instead");
    }
  }
}
