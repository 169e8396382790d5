package io.hatchetoperator.sandbox.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

/** The parts of a request the front reads: its path, its Accept header, its selectors and watch timeout. */
class RequestPartsTest {

  private static JsonNode obj(String json) throws Exception {
    return new ObjectMapper().readTree(json);
  }

  @Test
  void pathsOfCoreGroupNamespacedClusterAndSubresources() {
    assertThat(ResourcePath.parse("/api/v1/namespaces/ns/pods/p1/log")).contains(
        new ResourcePath("", "v1", "ns", "pods", "p1", "log"));
    assertThat(ResourcePath.parse("/api/v1/namespaces/sandbox")).contains(
        new ResourcePath("", "v1", null, "namespaces", "sandbox", null));
    assertThat(ResourcePath.parse("/apis/hatchet-operator.io/v1alpha1/hatchetworkerpools")).contains(
        new ResourcePath("hatchet-operator.io", "v1alpha1", null, "hatchetworkerpools", null, null));
    assertThat(ResourcePath.parse("/apis/apps/v1/namespaces/ns/deployments/d/scale")).contains(
        new ResourcePath("apps", "v1", "ns", "deployments", "d", "scale"));
    assertThat(ResourcePath.parse("/apis/apps")).isEmpty();
    assertThat(ResourcePath.parse("/version")).isEmpty();
  }

  @Test
  void acceptHeadersAskingForTablesAndThoseThatDoNot() {
    assertThat(TableRequest.from("application/json;as=Table;v=v1;g=meta.k8s.io,application/json", null))
        .contains(new TableRequest("v1", "Metadata"));
    assertThat(TableRequest.from("application/json;as=Table;v=v1beta1;g=meta.k8s.io", "None"))
        .contains(new TableRequest("v1beta1", "None"));
    assertThat(TableRequest.from("application/json", null)).isEmpty();
    assertThat(TableRequest.from("application/json;as=PartialObjectMetadataList;v=v1;g=meta.k8s.io", null)).isEmpty();
    assertThat(TableRequest.from("application/json;as=Table;v=v2;g=meta.k8s.io,application/json", null)).isEmpty();
    assertThat(new TableRequest("v1", "Everything").problem()).contains("\"Everything\"")
        .contains("Metadata, Object or None");
  }

  @Test
  void fieldAndLabelSelectors() throws Exception {
    JsonNode event = obj("{\"metadata\": {\"name\": \"e1\", \"labels\": {\"tier\": \"a\", \"env\": \"prod\"}}, "
        + "\"involvedObject\": {\"kind\": \"HatchetWorkerPool\", \"name\": \"p\"}}");
    assertThat(ObjectFilter.of("involvedObject.name=p,involvedObject.kind==HatchetWorkerPool", null).test(event))
        .isTrue();
    assertThat(ObjectFilter.of("involvedObject.name!=p", null).test(event)).isFalse();
    assertThat(ObjectFilter.of("involvedObject.uid=", null).test(event)).isTrue();
    assertThat(ObjectFilter.of(null, "tier=a,env in (prod, test),!missing").test(event)).isTrue();
    assertThat(ObjectFilter.of(null, "env notin (prod)").test(event)).isFalse();
    assertThat(ObjectFilter.of(null, "tier,tier!=b").test(event)).isTrue();
    assertThatThrownBy(() -> ObjectFilter.of("metadata.name", null)).hasMessageContaining("fieldSelector "
        + "'metadata.name'").hasMessageContaining("field=value");
  }

  @Test
  void watchTimeoutsAndResourceVersions() {
    assertThat(WatchRelay.timeoutMs("30")).isEqualTo(30_000);
    assertThat(WatchRelay.timeoutMs(null)).isEqualTo(Long.MAX_VALUE);
    assertThatThrownBy(() -> WatchRelay.timeoutMs("soon")).hasMessageContaining("timeoutSeconds is 'soon'")
        .hasMessageContaining("timeoutSeconds=60");
    assertThat(WatchRelay.resourceVersion("42")).isEqualTo(42);
    assertThat(WatchRelay.resourceVersion("0")).isEqualTo(-1);
    assertThat(WatchRelay.resourceVersion("opaque")).isEqualTo(-1);
  }
}
