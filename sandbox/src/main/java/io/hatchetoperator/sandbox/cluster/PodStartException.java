package io.hatchetoperator.sandbox.cluster;

/** A pod cannot start its container (the kubelet's CreateContainerConfigError); the message says how to fix it. */
public final class PodStartException extends RuntimeException {

  /** Creates the exception with a message that names the field, the value and the fix. */
  public PodStartException(String message) {
    super(message);
  }
}
