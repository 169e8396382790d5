package io.hatchetoperator.operator.support;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.hatchetoperator.operator.api.AutoscalingSpec;
import io.hatchetoperator.operator.api.EngineSpec;
import io.hatchetoperator.operator.api.HatchetWorkerPool;
import io.hatchetoperator.operator.api.HatchetWorkerPoolSpec;
import io.hatchetoperator.operator.api.SecretKeyRef;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/** Test fixtures: pools, templates, tokens and token Secrets. */
public final class Pools {

    /** The tenant in {@link #TOKEN}. */
    public static final String TENANT = "707d0855-80ab-4e1f-a156-f1c4546cbf52";
    /** An unsigned token with the claims Hatchet issues. */
    public static final String TOKEN = token("{\"sub\":\"" + TENANT + "\",\"server_url\":\"http://localhost:8888\","
            + "\"grpc_broadcast_address\":\"localhost:7077\"}");

    private Pools() {
    }

    /** A JWT-shaped token with {@code claims} as its payload. */
    public static String token(String claims) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        return b64.encodeToString("{\"alg\":\"ES256\"}".getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims.getBytes(StandardCharsets.UTF_8)) + ".c2lnbmF0dXJl";
    }

    /** The token Secret {@code name} with key {@code token}. */
    public static Secret tokenSecret(String name) {
        return new SecretBuilder().withNewMetadata().withName(name).withNamespace(MockCluster.NAMESPACE).endMetadata()
                .withData(Map.of("token", Base64.getEncoder().encodeToString(TOKEN.getBytes(StandardCharsets.UTF_8))))
                .build();
    }

    /** A worker template running {@code image}. */
    public static PodTemplateSpec template(String image) {
        return new PodTemplateSpecBuilder().withNewSpec().addNewContainer().withName("worker").withImage(image)
                .endContainer().endSpec().build();
    }

    /** A manual-mode pool with {@code replicas}, reading its token from Secret hatchet-token. */
    public static HatchetWorkerPool manual(String name, int replicas) {
        return pool(name, spec(replicas, null, template("ghcr.io/example/worker:1.0")));
    }

    /** An autoscaled pool with the given bounds. */
    public static HatchetWorkerPool autoscaled(String name, int min, int max) {
        AutoscalingSpec autoscaling = new AutoscalingSpec(min, max, null, null, null, null, null, null, null);
        return pool(name, spec(null, autoscaling, template("ghcr.io/example/worker:1.0")));
    }

    /** A spec with 5 slots, task simpletask and the hatchet-token Secret. */
    public static HatchetWorkerPoolSpec spec(Integer replicas, AutoscalingSpec autoscaling, PodTemplateSpec template) {
        return new HatchetWorkerPoolSpec(null, 5, List.of("simpletask"),
                new EngineSpec(new SecretKeyRef("hatchet-token", "token"), null, null, null, null),
                template, replicas, autoscaling, null, null);
    }

    /** A pool named {@code name} in the test namespace. */
    public static HatchetWorkerPool pool(String name, HatchetWorkerPoolSpec spec) {
        HatchetWorkerPool pool = new HatchetWorkerPool();
        pool.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(MockCluster.NAMESPACE).build());
        pool.setSpec(spec);
        return pool;
    }
}
