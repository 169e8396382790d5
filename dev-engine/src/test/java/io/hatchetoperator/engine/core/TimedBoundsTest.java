package io.hatchetoperator.engine.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The stores of REST-made schedules, crons and filters are bounded and say so when full. */
class TimedBoundsTest {

  @Test
  void pending_schedules_are_capped_and_only_the_latest_started_ones_stay_listed() {
    ScheduledRuns runs = new ScheduledRuns(2, 1);
    ScheduledRuns.Entry first = runs.add(TriggerRequest.of("w", "{}"), 10, 0);
    ScheduledRuns.Entry second = runs.add(TriggerRequest.of("w", "{}"), 20, 0);
    assertThatThrownBy(() -> runs.add(TriggerRequest.of("w", "{}"), 30, 0)).hasMessageContaining("2 scheduled runs");
    for (ScheduledRuns.Entry e : runs.due(20)) {
      runs.started(e, "run-" + e.triggerAtMillis(), 20);
    }
    assertThat(runs.pendingCount()).isZero();
    assertThat(runs.all()).extracting(ScheduledRuns.Entry::id).as("the older started one is forgotten")
        .containsExactly(second.id());
    assertThatThrownBy(() -> runs.get(first.id())).hasMessageContaining("is not known");
  }

  @Test
  void crons_and_filters_are_capped() {
    ApiCrons crons = new ApiCrons(1);
    crons.add("a", "* * * * *", TriggerRequest.of("w", "{}"), 0);
    assertThatThrownBy(() -> crons.add("b", "* * * * *", TriggerRequest.of("w", "{}"), 0))
        .hasMessageContaining("already holds 1 crons");
    ApiFilters filters = new ApiFilters(2);
    filters.create("wf", "s", "input.n > 1", null, 0);
    ApiFilters.Entry second = filters.create("wf", "s", "input.n > 2", null, 0);
    assertThatThrownBy(() -> filters.create("wf", "s", "true", null, 0)).hasMessageContaining("already holds 2 filters");
    assertThat(filters.update(second.id(), null, "input.n > 3", null).expression()).as("a full store still updates")
        .isEqualTo("input.n > 3");
  }
}
