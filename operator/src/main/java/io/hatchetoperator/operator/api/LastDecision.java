package io.hatchetoperator.operator.api;

import com.fasterxml.jackson.annotation.JsonInclude;

/** The last scaling decision as shown by kubectl describe: the replica count, a short reason and why. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LastDecision(Integer replicas, String reason, String explanation) {
}
