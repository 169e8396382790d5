package io.hatchetoperator.sandbox.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** CEL rules on an update: transition rules with an optional oldSelf, ratcheting of unchanged values. */
class CelAdmissionTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SCHEMA = """
      {"properties": {"spec": {"x-kubernetes-validations": [
          {"rule": "!has(self.autoscaling) || !has(self.replicas) || (oldSelf.hasValue() && has(oldSelf.value().autoscaling) && has(oldSelf.value().replicas))",
           "message": "no replicas with autoscaling", "optionalOldSelf": true},
          {"rule": "self.slots <= 100", "message": "at most 100 slots"}],
        "properties": {"autoscaling": {"x-kubernetes-validations": [
          {"rule": "self.minReplicas <= self.maxReplicas", "message": "min <= max"}]}}}}}
      """;

  private static JsonNode json(String s) throws Exception {
    return JSON.readTree(s);
  }

  private final CelAdmission admission;

  CelAdmissionTest() throws Exception {
    admission = CelAdmission.of(json(SCHEMA));
  }

  @Test
  void addingReplicasToAnAutoscaledSpecFailsWithTheRulesMessageAndField() throws Exception {
    JsonNode old = json("{\"spec\": {\"slots\": 5, \"autoscaling\": {\"minReplicas\": 1, \"maxReplicas\": 3}}}");
    JsonNode updated = json("{\"spec\": {\"slots\": 5, \"replicas\": 4, \"autoscaling\": {\"minReplicas\": 1, "
        + "\"maxReplicas\": 3}}}");
    assertThat(admission.violations(old, updated))
        .containsExactly("spec: Invalid value: \"object\": no replicas with autoscaling");
  }

  @Test
  void aSpecThatAlreadyHadBothIsRatchetedAndAManualSpecPasses() throws Exception {
    JsonNode both = json("{\"spec\": {\"slots\": 5, \"replicas\": 2, \"autoscaling\": {\"minReplicas\": 1, "
        + "\"maxReplicas\": 3}}}");
    JsonNode bothMore = json("{\"spec\": {\"slots\": 5, \"replicas\": 4, \"autoscaling\": {\"minReplicas\": 1, "
        + "\"maxReplicas\": 3}}}");
    assertThat(admission.violations(both, bothMore)).isEmpty();
    assertThat(admission.violations(json("{\"spec\": {\"slots\": 5, \"replicas\": 2}}"),
        json("{\"spec\": {\"slots\": 5, \"replicas\": 7}}"))).isEmpty();
  }

  @Test
  void unchangedValuesAreRatchetedButChangedOnesAreChecked() throws Exception {
    JsonNode badButOld = json("{\"spec\": {\"slots\": 500, \"replicas\": 1, \"autoscaling\": null}}");
    assertThat(admission.violations(badButOld, badButOld)).isEmpty();
    assertThat(admission.violations(json("{\"spec\": {\"slots\": 5}}"), json("{\"spec\": {\"slots\": 500}}")))
        .containsExactly("spec: Invalid value: \"object\": at most 100 slots");
    assertThat(admission.violations(null, json("{\"spec\": {\"slots\": 1, \"autoscaling\": {\"minReplicas\": 4, "
        + "\"maxReplicas\": 3}}}"))).containsExactly("spec.autoscaling: Invalid value: \"object\": min <= max");
  }
}
