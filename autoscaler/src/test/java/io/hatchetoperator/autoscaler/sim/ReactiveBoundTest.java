package io.hatchetoperator.autoscaler.sim;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The reactive bound: busy time plus every idle gap but the k longest, where k tasks may miss the p95 goal. */
class ReactiveBoundTest {

    @Test
    void paysBusyTimeAndAllButTheLongestGaps() {
        List<TraceTask> tasks = new ArrayList<>();
        for (int i = 0; i < 20; i++) { // 20 tasks of 2 s; gaps 18 s, except one of 48 s before the 11th
            tasks.add(new TraceTask(20_000L * i + (i >= 10 ? 30_000 : 0) + 10_000, 2_000));
        }
        Trace trace = new Trace("t", tasks);

        // k = 20 - ceil(19) = 1: the 48 s gap goes cold; paid = 40 s busy + 10 s lead + 18 × 18 s
        assertThat(ReactiveBound.podSeconds(trace, 10, 10_000, 1_000)).hasValue(40 + 10 + 18 * 18);
    }

    @Test
    void saysNothingWhenOnePodCannotRunTheTraceOrColdStartsMeetTheGoal() {
        List<TraceTask> crowd = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            crowd.add(new TraceTask(1_000, 5_000));
        }
        assertThat(ReactiveBound.podSeconds(new Trace("c", crowd), 10, 10_000, 1_000)).isEmpty();
        assertThat(ReactiveBound.podSeconds(new Trace("s", List.of(new TraceTask(0, 1)).subList(0, 1)), 10, 500,
                1_000)).isEmpty();
    }

    @Test
    void overlappingTasksMakeOneBusyInterval() {
        Trace trace = new Trace("o", List.of(new TraceTask(0, 5_000), new TraceTask(3_000, 4_000),
                new TraceTask(20_000, 1_000)));

        assertThat(ReactiveBound.busyIntervals(trace)).containsExactly(new long[] {0, 7_000},
                new long[] {20_000, 21_000});
    }
}
