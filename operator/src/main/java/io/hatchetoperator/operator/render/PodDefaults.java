package io.hatchetoperator.operator.render;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeBuilder;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.VolumeMountBuilder;
import io.hatchetoperator.operator.api.PodSecurity;
import java.util.List;
import java.util.Optional;

/**
 * The security contexts the operator adds to a worker pod whose template sets none, by spec.podSecurity:
 * Compatible (seccomp RuntimeDefault and no privilege escalation: nothing an ordinary image notices), Restricted
 * (the Pod Security Standards "restricted" profile: non-root 65532, read-only root filesystem with a writable
 * /tmp, no capabilities; it breaks images that run as root or write outside /tmp) or None.
 */
public final class PodDefaults {

    /** The non-root user the restricted profile runs as when the template sets no security context. */
    public static final long NON_ROOT_UID = 65532;

    private PodDefaults() {
    }

    /** The pod-level context of {@code security}, if it adds one. */
    public static Optional<PodSecurityContext> pod(PodSecurity security) {
        return switch (security) {
            case RESTRICTED -> Optional.of(restrictedPod());
            case COMPATIBLE -> Optional.of(new PodSecurityContextBuilder()
                    .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile().build());
            case NONE -> Optional.empty();
        };
    }

    /** The worker container's context of {@code security}, if it adds one. */
    public static Optional<SecurityContext> container(PodSecurity security) {
        return switch (security) {
            case RESTRICTED -> Optional.of(restrictedContainer());
            case COMPATIBLE -> Optional.of(new SecurityContextBuilder().withAllowPrivilegeEscalation(false).build());
            case NONE -> Optional.empty();
        };
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
