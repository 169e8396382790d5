package io.hatchetoperator.autoscaler.orchestrator;

import io.hatchetoperator.autoscaler.Cordon;
import io.hatchetoperator.autoscaler.PolicyResult;
import io.hatchetoperator.autoscaler.PoolScalingSettings;
import io.hatchetoperator.autoscaler.ScalingDecision;
import io.hatchetoperator.autoscaler.ScalingInputs;
import io.hatchetoperator.autoscaler.ScalingPolicy;
import io.hatchetoperator.autoscaler.ScalingReason;
import io.hatchetoperator.autoscaler.ScalingState;
import io.hatchetoperator.autoscaler.WorkerSnapshot;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one tick of one pool: collect → decide → realize, with the scale-down protocol that kills nothing.
 * The simulator and the operator run this same class. Ticks of one pool must not overlap; ticks of different
 * pools may run on different threads.
 */
public final class ScalingOrchestrator {

    private static final Logger LOG = LoggerFactory.getLogger(ScalingOrchestrator.class);

    private final ScalingPorts ports;
    private final ScalingPolicy policy;
    private final ScaleDownPlanner planner;
    private final Set<String> blocked = ConcurrentHashMap.newKeySet();
    private final Set<String> unavailable = ConcurrentHashMap.newKeySet();

    public ScalingOrchestrator(ScalingPorts ports) {
        this(ports, new ScalingPolicy(), new VictimSelector());
    }

    public ScalingOrchestrator(ScalingPorts ports, ScalingPolicy policy, VictimSelector selector) {
        this.ports = ports;
        this.policy = policy;
        this.planner = new ScaleDownPlanner(selector);
    }

    /** One tick for {@code pool} under {@code settings}; call every {@code settings.pollInterval()}. */
    public TickResult tick(String pool, PoolScalingSettings settings) {
        MetricsReading reading = ports.metrics().read(pool);
        if (!reading.available()) {
            return hold(pool, reading);
        }
        unavailable.remove(pool);
        ScalingInputs in = reading.inputs();
        ScalingState state = ports.states().load(pool);
        PolicyResult result = policy.decide(in, settings, state);
        return realize(pool, in, result, state.cordons(), settings);
    }

    /**
     * One tick that moves {@code pool} towards {@code target}, a count requested from outside the policy
     * (spec.replicas, the scale subresource, an external autoscaler): no policy decision, the same scale-down
     * protocol (pause, confirm idle on a later tick, then remove exactly those pods); a rise is immediate.
     */
    public TickResult tickToward(String pool, PoolScalingSettings settings, int target, String why) {
        MetricsReading reading = ports.metrics().read(pool);
        if (!reading.available()) {
            return hold(pool, reading);
        }
        unavailable.remove(pool);
        ScalingInputs in = reading.inputs();
        ScalingState state = ports.states().load(pool);
        ScalingDecision decision = new ScalingDecision(target, ScalingReason.REQUESTED,
                (target == in.desiredReplicas() ? "hold " : "scale " + in.desiredReplicas() + " → ") + target + ": "
                        + why);
        return realize(pool, in, new PolicyResult(decision, state), state.cordons(), settings);
    }

    private TickResult realize(String pool, ScalingInputs in, PolicyResult result, List<Cordon> previousCordons,
            PoolScalingSettings settings) {
        ScalingDecision decision = result.decision();
        LOG.debug("pool {}: {} ({})", pool, decision.explanation(), decision.reason());
        ScaleDownPlan plan = planner.plan(in, decision.replicas(), previousCordons, settings);
        List<Cordon> cordons = new ArrayList<>(plan.cordons());
        for (Cordon c : plan.toUncordon()) {
            if (call(pool, in.now(), "uncordon " + c.workerId(),
                    () -> ports.realizer().uncordon(pool, c.workerId(), c.podName()))) {
                emit(pool, ScalingEventType.WORKER_UNCORDONED, "resumed worker " + c.workerId() + " (pod "
                        + c.podName() + "): " + decision.explanation(), in.now());
            } else {
                cordons.add(new Cordon(c.workerId(), c.podName(), c.sinceMillis(), false)); // retried next tick
            }
        }
        for (WorkerSnapshot w : plan.toCordon()) {
            if (call(pool, in.now(), "cordon " + w.workerId(), () -> ports.realizer().cordon(pool, w))) {
                emit(pool, ScalingEventType.WORKER_CORDONED, "paused " + (w.idle() ? "idle" : "busy") + " worker "
                        + w.workerId() + " (pod " + w.podName() + ") to " + (w.idle() ? "remove" : "drain and remove")
                        + " it: " + decision.explanation(), in.now());
            } else {
                cordons.removeIf(c -> !c.released() && c.workerId().equals(w.workerId()));
            }
        }
        ports.states().save(pool, result.state().withCordons(cordons));
        int current = in.desiredReplicas();
        if (plan.replicas() != current) {
            ports.realizer().setReplicas(pool, plan.replicas(), plan.removePods());
            List<String> unmatched = plan.cordons().stream()
                    .filter(c -> c.podOnly() && c.sinceMillis() == in.now().toEpochMilli())
                    .map(Cordon::podName).toList();
            String line = !unmatched.isEmpty()
                    ? "scale " + current + " → " + plan.replicas() + " (removing pod " + String.join(", ", unmatched)
                            + ", whose worker cannot be matched, as unmatchedWorkers: Terminate allows; its SDK's"
                            + " SIGTERM drain is the only guard); " + decision.explanation()
                    : plan.replicas() == decision.replicas() ? decision.explanation()
                    : "scale " + current + " → " + plan.replicas() + " (idle workers confirmed, towards "
                            + decision.replicas() + "): " + withoutHeadline(decision.explanation());
            emit(pool, ScalingEventType.SCALED, line, in.now());
        }
        boolean isBlocked = plan.missing() > 0 && plan.heldForUnmatched() == 0;
        if (isBlocked && blocked.add(pool)) {
            emit(pool, ScalingEventType.SCALE_DOWN_BLOCKED, "waiting: " + plan.missing()
                    + " fewer pods wanted but no idle worker to remove; " + decision.explanation(), in.now());
        } else if (!isBlocked) {
            blocked.remove(pool);
        }
        List<String> ids = cordons.stream().filter(c -> !c.podOnly()).map(Cordon::workerId).toList();
        return new TickResult(pool, decision, plan.replicas(), true, ids, isBlocked, plan.heldForUnmatched());
    }

    /** An explanation without its own "scale A → B: " or "hold B: " headline, for a line that has one. */
    private static String withoutHeadline(String explanation) {
        return explanation.replaceFirst("^(scale \\d+ → \\d+|hold \\d+): ", "");
    }

    private TickResult hold(String pool, MetricsReading reading) {
        ScalingDecision decision = ScalingDecision.hold(reading.currentReplicas(), ScalingReason.METRICS_UNAVAILABLE,
                "metrics unavailable (" + reading.unavailableReason() + "); never scaling down or to zero blind");
        if (unavailable.add(pool)) {
            emit(pool, ScalingEventType.METRICS_UNAVAILABLE, decision.explanation(), reading.at());
        }
        List<String> ids = ports.states().load(pool).cordons().stream().filter(c -> !c.podOnly())
                .map(Cordon::workerId).toList();
        return new TickResult(pool, decision, reading.currentReplicas(), false, ids, false);
    }

    private boolean call(String pool, Instant now, String what, Runnable action) {
        try {
            action.run();
            return true;
        } catch (RuntimeException e) {
            LOG.warn("pool {}: {} failed at {}: {}", pool, what, now, e.toString());
            return false;
        }
    }

    private void emit(String pool, ScalingEventType type, String message, Instant at) {
        ports.events().emit(new ScalingEvent(pool, type, message, at));
    }
}
