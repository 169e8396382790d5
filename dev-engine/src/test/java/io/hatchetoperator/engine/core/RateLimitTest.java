package io.hatchetoperator.engine.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hatchetoperator.proto.v1.CreateTaskRateLimit;
import io.hatchetoperator.proto.v1.RateLimitDuration;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rate limits on the core: static keys and windows, dynamic keys and limits, units, missing keys, bad expressions. */
class RateLimitTest {

  private final Engines e = new Engines();

  private String workerId;

  /** Moves the clock, the worker heartbeating every second as SDKs do (every 4 s), and sweeps. */
  private void tick(long millis) {
    for (long left = millis; left > 0; left -= 1_000) {
      e.clock.advance(Duration.ofMillis(Math.min(left, 1_000)));
      if (workerId != null) {
        e.scheduler.heartbeat(workerId);
      }
      e.scheduler.sweep();
    }
  }

  @Test
  void a_static_limit_spreads_starts_over_its_windows() {
    e.scheduler.putRateLimit("api", 2, "SECOND");
    e.workflow("rl", Engines.task("rl", "rl").addRateLimits(CreateTaskRateLimit.newBuilder().setKey("api").setUnits(1)));
    RecordingSink w = e.worker("w", 10, "rl:rl");
    workerId = w.workerId;
    for (int i = 0; i < 5; i++) {
      e.trigger("rl", "{}");
    }
    assertThat(w.started).hasSize(2);
    assertThat(e.scheduler.taskStats(List.of("rl")).get("rl").queued()).isEqualTo(3);
    tick(500);
    assertThat(w.started).hasSize(2);
    tick(490);
    assertThat(w.started).as("refilled once the window (less 10 ms) has passed").hasSize(4);
    tick(990);
    assertThat(w.started).hasSize(5);
  }

  @Test
  void units_are_taken_per_task_and_tasks_without_the_limit_are_not_held_behind() {
    e.scheduler.putRateLimit("heavy", 3, "MINUTE");
    e.workflow("big", Engines.task("big", "big").addRateLimits(CreateTaskRateLimit.newBuilder().setKey("heavy")
        .setUnits(2)));
    e.simple("free");
    RecordingSink w = e.worker("w", 10, "big:big", "free:free");
    workerId = w.workerId;
    e.trigger("big", "{}");
    e.trigger("big", "{}");
    e.trigger("free", "{}");
    assertThat(w.started).extracting(t -> t.def().readableId()).containsExactly("big", "free");
    tick(60_000);
    assertThat(w.started).hasSize(3);
  }

  @Test
  void a_dynamic_key_gets_its_own_limit_from_the_expression() {
    e.workflow("dyn", Engines.task("dyn", "dyn").addRateLimits(CreateTaskRateLimit.newBuilder().setKey("per-user")
        .setKeyExpr("'user:' + input.user").setUnitsExpr("input.cost").setLimitValuesExpr("2")
        .setDuration(RateLimitDuration.HOUR)));
    RecordingSink w = e.worker("w", 10, "dyn:dyn");
    workerId = w.workerId;
    e.trigger("dyn", "{\"user\":\"a\",\"cost\":1}");
    e.trigger("dyn", "{\"user\":\"a\",\"cost\":1}");
    e.trigger("dyn", "{\"user\":\"a\",\"cost\":1}");
    e.trigger("dyn", "{\"user\":\"b\",\"cost\":2}");
    assertThat(w.started).extracting(t -> t.rateUnits.keySet().iterator().next())
        .containsExactly("user:a", "user:a", "user:b");
    String bad = e.trigger("dyn", "{\"user\":\"c\",\"cost\":\"x\"}");
    assertThat(e.error(bad, "dyn")).contains("expected int output for dynamic rate limit units, got string");
  }

  @Test
  void a_missing_static_key_holds_the_task_and_its_schedule_timeout_says_why() {
    e.workflow("miss", Engines.task("miss", "miss").setScheduleTimeout("2s").addRateLimits(
        CreateTaskRateLimit.newBuilder().setKey("nope")));
    RecordingSink w = e.worker("w", 10, "miss:miss");
    workerId = w.workerId;
    String run = e.trigger("miss", "{}");
    assertThat(w.started).isEmpty();
    for (int i = 0; i < 12; i++) {
      tick(1_000);
    }
    assertThat(e.error(run, "miss")).contains("rate limit 'nope' does not exist");
    e.scheduler.putRateLimit("nope", 1, "MINUTE");
    String later = e.trigger("miss", "{}");
    assertThat(e.taskState(later, "miss")).isEqualTo(TaskState.RUNNING);
  }

  @Test
  void put_rate_limit_lets_waiting_tasks_try_again_and_bad_expressions_are_refused_at_registration() {
    e.scheduler.putRateLimit("k", 0, "MINUTE");
    e.workflow("w0", Engines.task("w0", "w0").addRateLimits(CreateTaskRateLimit.newBuilder().setKey("k")));
    RecordingSink w = e.worker("w", 10, "w0:w0");
    workerId = w.workerId;
    e.trigger("w0", "{}");
    assertThat(w.started).isEmpty();
    e.scheduler.putRateLimit("k", 5, "MINUTE");
    assertThat(w.started).as("the value stays 0 until the window passes: an upsert only lowers it").isEmpty();
    tick(60_000);
    assertThat(w.started).hasSize(1);
    assertThatThrownBy(() -> e.workflow("x", Engines.task("x", "x").addRateLimits(CreateTaskRateLimit.newBuilder()
        .setKey("k").setKeyExpr("input.a.lower()").setLimitValuesExpr("1"))))
        .hasMessageContaining("tasks[0].rate_limits[0].key_expr").hasMessageContaining("not supported");
    assertThatThrownBy(() -> e.workflow("y", Engines.task("y", "y").addRateLimits(CreateTaskRateLimit.newBuilder()
        .setKey("k").setKeyExpr("input.a")))).hasMessageContaining("without limit_values_expr");
  }

  @Test
  void idle_dynamic_keys_are_forgotten_and_made_again_while_put_keys_stay() {
    e.scheduler.putRateLimit("kept", 1, "SECOND");
    e.workflow("many", Engines.task("many", "many").addRateLimits(CreateTaskRateLimit.newBuilder().setKey("u")
        .setKeyExpr("input.user").setUnits(1).setLimitValuesExpr("1").setDuration(RateLimitDuration.SECOND)));
    RecordingSink w = e.worker("w", 100, "many:many");
    workerId = w.workerId;
    for (int i = 0; i < 50; i++) {
      e.trigger("many", "{\"user\":\"u" + i + "\"}");
    }
    assertThat(w.started).hasSize(50);
    assertThat(e.scheduler.rateLimitKeys()).isEqualTo(51);
    tick(2_000);
    assertThat(e.scheduler.rateLimitKeys()).as("only the PutRateLimit key is left").isEqualTo(1);
    e.trigger("many", "{\"user\":\"u1\"}");
    e.trigger("many", "{\"user\":\"u1\"}");
    assertThat(w.started).as("u1 is limited again, at 1 per second").hasSize(51);
  }
}
