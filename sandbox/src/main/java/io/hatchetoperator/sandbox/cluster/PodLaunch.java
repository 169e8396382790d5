package io.hatchetoperator.sandbox.cluster;

import java.util.Map;

/** What a {@link PodProcessFactory} gets to start one pod's container: names and the resolved environment. */
public record PodLaunch(String namespace, String podName, String deployment, String container,
    Map<String, String> env) {}
