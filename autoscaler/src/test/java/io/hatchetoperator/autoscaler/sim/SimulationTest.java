package io.hatchetoperator.autoscaler.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The simulator: deterministic per seed, engine and ReplicaSet rules, and no task killed by ours. */
class SimulationTest {

    private static final SimSettings SIM = SimSettings.defaults();

    /** Quiet, a burst of 300 tasks of 4 s, quiet again: every policy scales up and down. */
    private static Trace smallBurst() {
        List<TraceTask> tasks = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            tasks.add(new TraceTask(60_000 + i * 50L, 4_000 + (i % 7) * 500L));
        }
        tasks.add(new TraceTask(400_000, 1_000));
        return new Trace("small-burst", tasks);
    }

    private static SimCluster twoReadyPods(SimClock clock, SimStats stats) {
        SimCluster cluster = new SimCluster(SIM, clock, stats);
        cluster.setReplicas(2);
        clock.runUntil(SIM.startupDelayMs());
        return cluster;
    }

    @ParameterizedTest
    @ValueSource(strings = {"operator", "hpa", "keda"})
    void sameSeedSameResult(String policy) {
        Simulation sim = new Simulation(SIM.withSeed(7));

        SimResult a = sim.run(smallBurst(), Contenders.create(policy, SIM));
        SimResult b = sim.run(smallBurst(), Contenders.create(policy, SIM));

        assertThat(a).isEqualTo(b);
        assertThat(a.tasksCompleted()).isEqualTo(301);
    }

    @Test
    void theOperatorKillsNothingOnTheBundledTraces() {
        Simulation sim = new Simulation(SIM);
        for (Trace t : TraceGenerator.bundled()) {
            SimResult r = sim.run(t, Contenders.create("operator", SIM));

            assertThat(r.tasksKilled()).as(t.name()).isZero();
            assertThat(r.tasksCompleted()).as(t.name()).isEqualTo(t.tasks().size());
            assertThat(r.firstScaleUpMs()).as(t.name()).isBetween(0L, SIM.pollMs());
        }
    }

    @ParameterizedTest
    @CsvSource({"operator, 0, 2000", "hpa, 2000, 15000", "keda, 2000, 15000"})
    void reactionToTheBurstAtTenMinutes(String policy, long atLeastMs, long atMostMs) {
        Trace burst = TraceGenerator.burst(TraceGenerator.SEED + 1);
        long start = burst.tasks().stream().mapToLong(TraceTask::arrivalMs).filter(t -> t >= 600_000).min()
                .orElseThrow();
        Contender inner = Contenders.create(policy, SIM);
        long[] firstUp = {-1};
        Contender watched = new Contender() {
            @Override
            public String name() {
                return inner.name();
            }

            @Override
            public int initialReplicas() {
                return inner.initialReplicas();
            }

            @Override
            public long periodMs() {
                return inner.periodMs();
            }

            @Override
            public void tick(long now, SimCluster cluster) {
                int before = cluster.desiredReplicas();
                inner.tick(now, cluster);
                if (now >= start && firstUp[0] < 0 && cluster.desiredReplicas() > before) {
                    firstUp[0] = now;
                }
            }
        };

        new Simulation(SIM).run(burst, watched);

        assertThat(firstUp[0] - start).isBetween(atLeastMs, atMostMs);
    }

    @Test
    void aRemovedBusyPodDrainsForTheGracePeriodThenItsTasksAreKilledAndRequeued() {
        SimStats stats = new SimStats();
        SimClock clock = new SimClock();
        SimCluster cluster = twoReadyPods(clock, stats);
        for (int i = 0; i < 15; i++) {
            cluster.arrive(new SimTask(new TraceTask(clock.now(), 60_000)));
        }
        cluster.arrive(new SimTask(new TraceTask(clock.now(), 60_000)));
        assertThat(cluster.busySlots()).isEqualTo(16);
        long removedAt = clock.now();

        cluster.setReplicas(1);

        assertThat(cluster.busySlots()).as("the deleted pod keeps running its tasks").isEqualTo(16);
        assertThat(cluster.livePodBusySlots()).isEqualTo(8);
        assertThat(cluster.inputs().workers()).as("its worker is no longer the pool's").hasSize(1);
        clock.runUntil(removedAt + SIM.graceMs() - 1);
        assertThat(stats.result("t", "p", 0, new PodSecondsBreakdown()).tasksKilled()).isZero();
        clock.runUntil(removedAt + SIM.graceMs());
        assertThat(stats.result("t", "p", 0, new PodSecondsBreakdown()).tasksKilled())
                .as("60 s tasks outlive the 30 s grace period: the 8 of the youngest pod are lost").isEqualTo(8);
        assertThat(cluster.queued()).as("and re-queued: 2 start on the free slots of the pod left").isEqualTo(6);
        assertThat(cluster.busySlots()).isEqualTo(10);
        assertThat(cluster.aliveMillis(clock.now())).as("the drained pod is charged up to the kill")
                .isEqualTo(clock.now());
    }

    @Test
    void aRemovedPodWhoseTasksEndWithinTheGracePeriodKillsNothing() {
        SimStats stats = new SimStats();
        SimClock clock = new SimClock();
        SimCluster cluster = twoReadyPods(clock, stats);
        for (int i = 0; i < 4; i++) {
            cluster.arrive(new SimTask(new TraceTask(clock.now(), 5_000)));
        }

        cluster.setReplicas(1);
        clock.runUntil(clock.now() + SIM.graceMs() + 1);

        SimResult r = stats.result("t", "p", 0, new PodSecondsBreakdown());
        assertThat(r.tasksKilled()).isZero();
        assertThat(r.tasksCompleted()).isEqualTo(4);
    }

    @Test
    void aPausedWorkerGetsNoNewTaskAndTheCheapestPodGoesFirst() {
        SimStats stats = new SimStats();
        SimClock clock = new SimClock();
        SimCluster cluster = twoReadyPods(clock, stats);
        cluster.pause("pod-0", true);
        for (int i = 0; i < 5; i++) {
            cluster.arrive(new SimTask(new TraceTask(clock.now(), 60_000)));
        }
        assertThat(cluster.inputs().workers()).extracting(w -> w.podName() + "=" + w.busySlots())
                .containsExactly("pod-0=0", "pod-1=5");

        cluster.setDeletionCost("pod-0", OperatorContender.CORDONED_COST);
        cluster.setReplicas(1);

        assertThat(cluster.inputs().workers()).extracting(w -> w.podName()).containsExactly("pod-1");
        assertThat(stats.result("t", "p", 0, new PodSecondsBreakdown()).tasksKilled()).isZero();
    }
}
