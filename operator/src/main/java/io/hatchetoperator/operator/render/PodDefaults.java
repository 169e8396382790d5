package io.hatchetoperator.operator.render;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import java.util.List;

/**
 * What the operator adds to a worker pod the template leaves open: probes on the worker runtime's health port
 * and the Pod Security Standards "restricted" profile (non-root, read-only root filesystem with a writable /tmp,
 * no capabilities, no privilege escalation, seccomp RuntimeDefault).
 */
public final class PodDefaults {

    /** The worker runtime's health port (HATCHET_WORKER_HEALTH_PORT's default, and the Python SDK's). */
    public static final int HEALTH_PORT = 8001;
    /** The non-root user the restricted profile runs as when the template sets no security context. */
    public static final long NON_ROOT_UID = 65532;

    private PodDefaults() {
    }

    /** An HTTP probe of {@code path} on the health port. */
    public static Probe probe(String path, int periodSeconds) {
        return new ProbeBuilder().withNewHttpGet().withPath(path).withPort(new IntOrString(HEALTH_PORT)).endHttpGet()
                .withPeriodSeconds(periodSeconds).withTimeoutSeconds(2).withFailureThreshold(3).build();
    }

    /** The pod-level restricted security context. */
    public static PodSecurityContext restrictedPod() {
        return new PodSecurityContextBuilder().withRunAsNonRoot(true).withRunAsUser(NON_ROOT_UID)
                .withRunAsGroup(NON_ROOT_UID).withFsGroup(NON_ROOT_UID)
                .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile().build();
    }

    /** The container-level restricted security context. */
    public static SecurityContext restrictedContainer() {
        return new SecurityContextBuilder().withRunAsNonRoot(true).withAllowPrivilegeEscalation(false)
                .withReadOnlyRootFilesystem(true).withNewCapabilities().withDrop("ALL").endCapabilities()
                .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile().build();
    }

    /** True when the read-only root filesystem leaves the worker without a writable /tmp. */
    public static boolean needsTmpVolume(Container worker, List<Volume> volumes) {
        boolean mounted = worker.getVolumeMounts() != null
                && worker.getVolumeMounts().stream().anyMatch(m -> "/tmp".equals(m.getMountPath()));
        boolean named = volumes.stream().anyMatch(v -> "tmp".equals(v.getName()));
        return !mounted && !named;
    }

    /** An emptyDir for /tmp. */
    public static Volume tmpVolume() {
        return new VolumeBuilder().withName("tmp").withNewEmptyDir().endEmptyDir().build();
    }

    /** The /tmp mount of {@link #tmpVolume()}. */
    public static VolumeMount tmpMount() {
        return new VolumeMountBuilder().withName("tmp").withMountPath("/tmp").build();
    }
}
