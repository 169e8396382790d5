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
        assertThat(version.getAdditionalPrinterColumns()).extracting(c -> c.getName() + "=" + c.getJsonPath())
                .containsExactlyInAnyOrder("Desired=.status.desiredReplicas", "Ready=.status.readyReplicas",
                        "Queued=.status.queued", "Busy=.status.busySlots", "Mode=.status.mode",
                        "Age=.metadata.creationTimestamp");
        assertThat(version.getSchema().getOpenAPIV3Schema().getProperties().get("status").getProperties())
                .containsKeys("desiredReplicas", "queued", "running", "slotUtilization", "oldestQueuedAge",
                        "lastScaleTime", "lastDecision", "conditions", "observedGeneration", "selector");
    }
}
