package io.hatchetoperator.operator.support;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategyBuilder;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a real API server hands back for a Deployment the operator wrote (the fabric8 CRUD mock returns it
 * verbatim): resource quantities in canonical form (kubernetes/apimachinery {@code pkg/api/resource/quantity.go}:
 * no precision lost, no fractional digits, the largest suffix of the input's kind, so {@code 1000m} → {@code 1},
 * {@code 0.5} → {@code 500m}, {@code 1024Mi} → {@code 1Gi}) and the defaults of kubernetes/kubernetes
 * {@code pkg/apis/apps/v1/defaults.go} and {@code pkg/apis/core/v1/defaults.go} (strategy, revision history,
 * progress deadline, restart and DNS policy, scheduler, pull policy, termination message, probe timings,
 * port protocol).
 */
public final class ApiServerForm {

    private static final String[] DECIMAL = {"n", "u", "m", "", "k", "M", "G", "T", "P", "E"};
    private static final String[] BINARY = {"", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"};

    private ApiServerForm() {
    }

    /** {@code written} as the API server would store and return it. */
    public static Deployment of(Deployment written) {
        Deployment d = new DeploymentBuilder(written).build();
        var spec = d.getSpec();
        if (spec.getStrategy() == null) {
            spec.setStrategy(new DeploymentStrategyBuilder().withType("RollingUpdate").withNewRollingUpdate()
                    .withNewMaxSurge("25%").withNewMaxUnavailable("25%").endRollingUpdate().build());
        }
        if (spec.getRevisionHistoryLimit() == null) {
            spec.setRevisionHistoryLimit(10);
        }
        if (spec.getProgressDeadlineSeconds() == null) {
            spec.setProgressDeadlineSeconds(600);
        }
        PodSpec pod = spec.getTemplate().getSpec();
        pod.setRestartPolicy(pod.getRestartPolicy() == null ? "Always" : pod.getRestartPolicy());
        pod.setDnsPolicy(pod.getDnsPolicy() == null ? "ClusterFirst" : pod.getDnsPolicy());
        pod.setSchedulerName(pod.getSchedulerName() == null ? "default-scheduler" : pod.getSchedulerName());
        if (pod.getTerminationGracePeriodSeconds() == null) {
            pod.setTerminationGracePeriodSeconds(30L);
        }
        for (Container c : pod.getContainers()) {
            c.setImagePullPolicy(c.getImagePullPolicy() == null ? "IfNotPresent" : c.getImagePullPolicy());
            c.setTerminationMessagePath("/dev/termination-log");
            c.setTerminationMessagePolicy("File");
            if (c.getPorts() != null) {
                c.getPorts().forEach(p -> p.setProtocol(p.getProtocol() == null ? "TCP" : p.getProtocol()));
            }
            defaults(c.getLivenessProbe());
            defaults(c.getReadinessProbe());
            canonical(c.getResources());
        }
        d.getMetadata().setResourceVersion("1");
        d.getMetadata().setGeneration(1L);
        return d;
    }

    /** The canonical text of quantity {@code text}, as the API server serializes it. */
    public static String canonical(String text) {
        Quantity q = new Quantity(text);
        BigDecimal value = Quantity.getAmountInBytes(q);
        boolean binary = q.getFormat() != null && q.getFormat().endsWith("i");
        if (binary && value.stripTrailingZeros().scale() <= 0) {
            BigInteger whole = value.toBigIntegerExact();
            int i = BINARY.length - 1;
            while (i > 0 && !whole.mod(BigInteger.valueOf(1024).pow(i)).equals(BigInteger.ZERO)) {
                i--;
            }
            return whole.divide(BigInteger.valueOf(1024).pow(i)) + BINARY[i];
        }
        for (int i = DECIMAL.length - 1; i >= 0; i--) {
            BigDecimal scaled = value.movePointLeft(3 * (i - 3));
            if (scaled.stripTrailingZeros().scale() <= 0 && (scaled.signum() != 0 || i == 3)) {
                return scaled.toBigIntegerExact() + DECIMAL[i];
            }
        }
        return value.toPlainString();
    }

    private static void canonical(ResourceRequirements resources) {
        if (resources == null) {
            return;
        }
        resources.setLimits(canonical(resources.getLimits()));
        resources.setRequests(canonical(resources.getRequests()));
    }

    private static Map<String, Quantity> canonical(Map<String, Quantity> quantities) {
        if (quantities == null) {
            return null;
        }
        Map<String, Quantity> out = new LinkedHashMap<>();
        quantities.forEach((k, v) -> out.put(k, new Quantity(canonical(v.toString()))));
        return out;
    }

    private static void defaults(Probe probe) {
        if (probe == null) {
            return;
        }
        probe.setTimeoutSeconds(probe.getTimeoutSeconds() == null ? 1 : probe.getTimeoutSeconds());
        probe.setPeriodSeconds(probe.getPeriodSeconds() == null ? 10 : probe.getPeriodSeconds());
        probe.setSuccessThreshold(probe.getSuccessThreshold() == null ? 1 : probe.getSuccessThreshold());
        probe.setFailureThreshold(probe.getFailureThreshold() == null ? 3 : probe.getFailureThreshold());
        if (probe.getHttpGet() != null && probe.getHttpGet().getScheme() == null) {
            probe.getHttpGet().setScheme("HTTP");
        }
    }
}
