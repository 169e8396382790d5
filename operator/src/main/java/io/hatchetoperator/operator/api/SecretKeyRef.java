package io.hatchetoperator.operator.api;

import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Required;

/** A key of a Secret in the pool's namespace. */
public record SecretKeyRef(
        @Required @Pattern(SecretKeyRef.NAME_PATTERN) String name,
        @Required @Pattern("^[-._a-zA-Z0-9]+$") String key) {

    /** A DNS subdomain, the form of every Secret name. */
    public static final String NAME_PATTERN = "^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$";
}
