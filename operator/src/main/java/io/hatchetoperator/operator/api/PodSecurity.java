package io.hatchetoperator.operator.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * spec.podSecurity: the security context the operator adds when the template sets none (a template's own
 * securityContext always wins and gets nothing added).
 */
public enum PodSecurity {
    /**
     * The default: only what no image notices (seccomp RuntimeDefault, no privilege escalation); the image's user
     * and a writable root filesystem are kept.
     */
    @JsonProperty("Compatible") COMPATIBLE,
    /**
     * The Pod Security Standards "restricted" profile: non-root user 65532, read-only root filesystem with an
     * emptyDir /tmp, all capabilities dropped. For images built for it, such as the Java worker runtime's.
     */
    @JsonProperty("Restricted") RESTRICTED,
    /** Add nothing. */
    @JsonProperty("None") NONE
}
