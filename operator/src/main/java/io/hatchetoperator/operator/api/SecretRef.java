package io.hatchetoperator.operator.api;

import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** A whole Secret in the pool's namespace (e.g. a kubernetes.io/tls Secret with tls.crt and tls.key). */
public record SecretRef(@Required @Pattern(SecretKeyRef.NAME_PATTERN) String name) {
}
