package io.hatchetoperator.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** What kubectl users rely on: names, the scale subresource, and the columns of kubectl get hwp. */
class CrdShapeTest {

    @Test
    void namesSubresourcesAndPrinterColumns() throws IOException {
        CustomResourceDefinition crd;
        try (InputStream in = Files.newInputStream(Path.of("../crds/hatchetworkerpools.hatchet-operator.io-v1.yml"))) {
            crd = new KubernetesSerialization().unmarshal(in, CustomResourceDefinition.class);
        }
        assertThat(crd.getSpec().getGroup()).isEqualTo("hatchet-operator.io");
        assertThat(crd.getSpec().getNames().getShortNames()).containsExactly("hwp");
        assertThat(crd.getSpec().getScope()).isEqualTo("Namespaced");
        CustomResourceDefinitionVersion version = crd.getSpec().getVersions().get(0);
        assertThat(version.getName()).isEqualTo("v1alpha1");
        assertThat(version.getSubresources().getStatus()).isNotNull();
        assertThat(version.getSubresources().getScale().getSpecReplicasPath()).isEqualTo(".spec.replicas");
        assertThat(version.getSubresources().getScale().getStatusReplicasPath()).isEqualTo(".status.replicas");
        assertThat(version.getSubresources().getScale().getLabelSelectorPath()).isEqualTo(".status.selector");
        assertThat(crd.getSpec().getNames().getCategories()).containsExactly("hatchet");
        assertThat(version.getAdditionalPrinterColumns())
                .extracting(c -> c.getName() + "=" + c.getJsonPath() + (c.getPriority() == 0 ? "" : " @" + c.getPriority()))
                .as("kubectl shows them in this order; Min and Max only with -o wide")
                .containsExactly("Ready=.status.conditions[?(@.type==\"Ready\")].status", "Mode=.status.mode",
                        "Desired=.status.desiredReplicas", "Ready pods=.status.readyReplicas", "Queued=.status.queued",
                        "Busy=.status.busySlots", "Age=.metadata.creationTimestamp",
                        "Min=.spec.autoscaling.minReplicas @1", "Max=.spec.autoscaling.maxReplicas @1");
        var conditions = version.getSchema().getOpenAPIV3Schema().getProperties().get("status").getProperties()
                .get("conditions");
        assertThat(conditions.getXKubernetesListType()).isEqualTo("map");
        assertThat(conditions.getXKubernetesListMapKeys()).containsExactly("type");
        assertThat(conditions.getItems().getSchema().getRequired())
                .containsExactlyInAnyOrder("type", "status", "lastTransitionTime", "reason", "message");
        assertThat(version.getSchema().getOpenAPIV3Schema().getProperties().get("status").getProperties())
                .containsKeys("desiredReplicas", "queued", "running", "slotUtilization", "oldestQueuedAge",
                        "lastScaleTime", "lastPollTime", "lastDecision", "conditions", "observedGeneration", "selector");
    }
}
