package io.hatchetoperator.engine.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hatchetoperator.proto.v1.CreateWorkflowVersionRequest;
import io.hatchetoperator.proto.v1.IdempotencyConfig;
import io.hatchetoperator.proto.v1.IdempotencyMethod;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Idempotency keys: a held key collides until its TTL passes, or until the run ends with the STATUS method. */
class IdempotencyTest {

  private final Engines e = new Engines();

  private void keyed(String name, IdempotencyMethod method) {
    e.scheduler.registry().put(CreateWorkflowVersionRequest.newBuilder().setName(name).addTasks(Engines.task(name, name))
        .setIdempotency(IdempotencyConfig.newBuilder().setExpression("input.order").setTtlMs(60_000).setMethod(method))
        .build());
  }

  private IdempotencyCollision collide(String wf, String input) {
    try {
      e.trigger(wf, input);
    } catch (IdempotencyCollision c) {
      return c;
    }
    throw new AssertionError("expected a collision");
  }

  @Test
  void a_held_key_collides_with_the_holder_s_id_until_its_ttl_passes() {
    keyed("ttl", IdempotencyMethod.TTL);
    RecordingSink w = e.worker("w", 10, "ttl:ttl");
    String first = e.trigger("ttl", "{\"order\":\"o1\"}");
    assertThat(collide("ttl", "{\"order\":\"o1\"}").collisions().get(0).existingRunId()).isEqualTo(first);
    e.trigger("ttl", "{\"order\":\"o2\"}");
    e.complete(w.started.get(0), "{}");
    assertThat(collide("ttl", "{\"order\":\"o1\"}").collisions()).as("TTL: ending the run keeps the key").hasSize(1);
    e.clock.advance(Duration.ofSeconds(60));
    assertThat(e.trigger("ttl", "{\"order\":\"o1\"}")).isNotEqualTo(first);
  }

  @Test
  void the_status_method_frees_the_key_when_the_run_ends_and_bulk_reports_what_started() {
    keyed("st", IdempotencyMethod.STATUS);
    RecordingSink w = e.worker("w", 10, "st:st");
    e.trigger("st", "{\"order\":\"o1\"}");
    IdempotencyCollision bulk;
    try {
      e.scheduler.trigger(List.of(TriggerRequest.of("st", "{\"order\":\"o1\"}"), TriggerRequest.of("st",
          "{\"order\":\"o3\"}"), TriggerRequest.of("st", "{\"order\":\"o3\"}")));
      throw new AssertionError("expected a collision");
    } catch (IdempotencyCollision c) {
      bulk = c;
    }
    assertThat(bulk.started()).hasSize(1);
    assertThat(bulk.collisions()).hasSize(2);
    e.complete(w.started.get(0), "{}");
    assertThat(e.trigger("st", "{\"order\":\"o1\"}")).isNotBlank();
  }

  @Test
  void keys_that_cannot_be_made_are_refused_with_the_expression() {
    keyed("bad", IdempotencyMethod.TTL);
    assertThatThrownBy(() -> e.trigger("bad", "{}")).isInstanceOf(EngineException.class)
        .hasMessageContaining("(input.order)").hasMessageContaining("no such key: order");
    assertThatThrownBy(() -> e.trigger("bad", "{\"order\":\"hatchet_internal_x\"}"))
        .hasMessageContaining("reserved prefix");
  }
}
