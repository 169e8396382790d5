package io.hatchetoperator.engine.grpc;

import com.google.protobuf.UnknownFieldSet;
import io.hatchetoperator.engine.core.EngineException;

/** Trigger fields the dev engine's contract does not define: refused with the field's number instead of ignored. */
final class FeatureAuditAdapter {

  private FeatureAuditAdapter() {}

  static void trigger(String prefix, UnknownFieldSet unknown) {
    if (!unknown.asMap().isEmpty()) {
      throw EngineException.invalid(prefix + "field number " + unknown.asMap().keySet().iterator().next()
          + " of the trigger request is not part of the contract this dev engine implements (a newer SDK's option);"
          + " the engine would ignore it, so remove the option or use a Hatchet engine");
    }
  }
}
