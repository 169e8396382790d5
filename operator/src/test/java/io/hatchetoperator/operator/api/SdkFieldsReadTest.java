package io.hatchetoperator.operator.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** spec.runtime, spec.podSecurity and scaleDown.unmatchedWorkers are read as written, and default when absent. */
class SdkFieldsReadTest {

    private static final KubernetesSerialization JSON = new KubernetesSerialization();

    @Test
    void theJavaExampleIsReadWithItsRuntimeAndSecurity() throws IOException {
        HatchetWorkerPool pool = JSON.unmarshal(Files.readString(Path.of("..", "examples", "java-worker-pool.yaml")),
                HatchetWorkerPool.class);

        assertThat(pool.getSpec().effectiveRuntime()).isEqualTo(WorkerRuntime.JAVA);
        assertThat(pool.getSpec().effectivePodSecurity()).isEqualTo(PodSecurity.RESTRICTED);
        assertThat(pool.getSpec().autoscaling().scaleDown().effectiveUnmatchedWorkers())
                .isEqualTo(UnmatchedWorkersPolicy.HOLD);
    }

    @Test
    void unsetFieldsTakeTheSafeDefaultsAndTerminateIsRead() {
        HatchetWorkerPool pool = JSON.unmarshal("""
                apiVersion: hatchet-operator.io/v1alpha1
                kind: HatchetWorkerPool
                metadata: {name: p}
                spec:
                  slots: 3
                  engine: {tokenSecretRef: {name: t, key: token}}
                  template: {spec: {containers: [{name: w, image: img}]}}
                  autoscaling: {scaleDown: {unmatchedWorkers: Terminate}}
                """, HatchetWorkerPool.class);

        assertThat(pool.getSpec().effectiveRuntime()).isEqualTo(WorkerRuntime.CUSTOM);
        assertThat(pool.getSpec().effectivePodSecurity()).isEqualTo(PodSecurity.COMPATIBLE);
        assertThat(pool.getSpec().autoscaling().scaleDown().effectiveUnmatchedWorkers())
                .isEqualTo(UnmatchedWorkersPolicy.TERMINATE);
        assertThat(JSON.asJson(pool)).contains("\"unmatchedWorkers\":\"Terminate\"").doesNotContain("runtime");
    }
}
