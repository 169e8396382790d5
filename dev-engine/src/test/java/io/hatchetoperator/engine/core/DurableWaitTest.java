package io.hatchetoperator.engine.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.Timestamp;
import io.hatchetoperator.proto.v1.BaseMatchCondition;
import io.hatchetoperator.proto.v1.DurableEventListenerConditions;
import io.hatchetoperator.proto.v1.SleepMatchCondition;
import io.hatchetoperator.proto.v1.UserEventMatchCondition;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The condition matcher of durable waits: or-groups, sleeps on the given clock, keys, scopes and CEL. */
class DurableWaitTest {

  static final String G1 = "11111111-1111-1111-1111-111111111111";
  static final String G2 = "22222222-2222-2222-2222-222222222222";

  static SleepMatchCondition sleep(String group, String d) {
    return SleepMatchCondition.newBuilder().setSleepFor(d).setBase(BaseMatchCondition.newBuilder()
        .setOrGroupId(group).setReadableDataKey("sleep-" + d)).build();
  }

  static UserEventMatchCondition event(String group, String key, String expr) {
    return UserEventMatchCondition.newBuilder().setUserEventKey(key).setBase(BaseMatchCondition.newBuilder()
        .setOrGroupId(group).setReadableDataKey(key).setExpression(expr)).build();
  }

  static List<DurableCondition> parse(DurableEventListenerConditions.Builder b) {
    return DurableCondition.parse("wait_for_conditions", b.build(), true);
  }

  @Test
  void a_sleep_is_satisfied_at_its_deadline_from_when_the_wait_was_recorded_with_hatchets_payload() {
    DurableWait w = new DurableWait(parse(DurableEventListenerConditions.newBuilder().addSleepConditions(
        sleep(G1, "3s"))), 1_000);
    assertThat(w.tick(3_999)).isFalse();
    assertThat(w.nextDeadline()).isEqualTo(4_000);
    assertThat(w.tick(4_000)).isTrue();
    assertThat(w.result()).isEqualTo("{\"CREATE\":{\"sleep-3s\":[{\"sleep_duration\":\"3s\"}]}}");
  }

  @Test
  void an_event_matches_on_key_and_expression_over_its_payload_and_returns_that_payload() {
    DurableWait w = new DurableWait(parse(DurableEventListenerConditions.newBuilder().addUserEventConditions(
        event(G1, "order:paid", "input.amount > 10 && input.id == 'a'"))), 0);
    assertThat(offer(w, "order:other", null, "{\"amount\":50,\"id\":\"a\"}")).isFalse();
    assertThat(offer(w, "order:paid", null, "{\"amount\":5,\"id\":\"a\"}")).isFalse();
    assertThat(offer(w, "order:paid", null, "{\"amount\":50,\"id\":\"b\"}")).isFalse();
    assertThat(offer(w, "order:paid", null, "{\"amount\":50,\"id\":\"a\"}")).isTrue();
    assertThat(w.result()).isEqualTo("{\"CREATE\":{\"order:paid\":[{\"amount\":50,\"id\":\"a\"}]}}");
  }

  @Test
  void an_empty_expression_is_true_and_a_scoped_condition_ignores_other_scopes() {
    UserEventMatchCondition scoped = event(G1, "k", "").toBuilder().setEventScope("tenant-1").build();
    DurableWait w = new DurableWait(parse(DurableEventListenerConditions.newBuilder()
        .addUserEventConditions(scoped)), 0);
    assertThat(offer(w, "k", null, "{}")).isFalse();
    assertThat(offer(w, "k", "tenant-2", "{}")).isFalse();
    assertThat(offer(w, "k", "tenant-1", "{\"x\":1}")).isTrue();
  }

  @Test
  void conditions_of_one_group_are_ored_and_groups_are_anded() {
    DurableWait either = new DurableWait(parse(DurableEventListenerConditions.newBuilder()
        .addSleepConditions(sleep(G1, "10s")).addUserEventConditions(event(G1, "go", ""))), 0);
    assertThat(offer(either, "go", null, "{\"n\":1}")).isTrue();
    assertThat(either.result()).isEqualTo("{\"CREATE\":{\"go\":[{\"n\":1}]}}");

    DurableWait both = new DurableWait(parse(DurableEventListenerConditions.newBuilder()
        .addSleepConditions(sleep(G1, "10s")).addUserEventConditions(event(G2, "go", ""))), 0);
    assertThat(offer(both, "go", null, "{\"n\":1}")).isFalse();
    assertThat(both.tick(10_000)).isTrue();
    assertThat(both.result()).contains("\"go\":[{\"n\":1}]").contains("\"sleep-10s\":[{\"sleep_duration\":\"10s\"}]");
  }

  @Test
  void bad_conditions_are_refused_naming_the_field_and_the_value() {
    assertThatThrownBy(() -> parse(DurableEventListenerConditions.newBuilder().addSleepConditions(sleep(G1, "soon"))))
        .hasMessageContaining("wait_for_conditions.sleep_conditions[0].sleep_for").hasMessageContaining("soon");
    assertThatThrownBy(() -> parse(DurableEventListenerConditions.newBuilder().addUserEventConditions(
        event("not-a-uuid", "k", "")))).hasMessageContaining("user_event_conditions[0].base.or_group_id")
        .hasMessageContaining("not-a-uuid");
    assertThatThrownBy(() -> parse(DurableEventListenerConditions.newBuilder().addUserEventConditions(
        event(G1, "k", "input.items.exists(i, i > 1)")))).hasMessageContaining("base.expression")
        .hasMessageContaining("not supported by the dev engine");
    assertThatThrownBy(() -> parse(DurableEventListenerConditions.newBuilder()))
        .hasMessageContaining("has no sleep or user event condition");
  }

  @Test
  void the_legacy_parse_drops_scope_and_lookback_and_the_lookback_needs_both() {
    UserEventMatchCondition c = event(G1, "k", "").toBuilder().setEventScope("s")
        .setConsiderEventsSince(Timestamp.newBuilder().setSeconds(5)).build();
    DurableCondition legacy = DurableCondition.parse("conditions", DurableEventListenerConditions.newBuilder()
        .addUserEventConditions(c).build(), false).get(0);
    assertThat(legacy.scope()).isNull();
    assertThat(legacy.sinceMillis()).isNull();
    DurableCondition current = parse(DurableEventListenerConditions.newBuilder().addUserEventConditions(c)).get(0);
    assertThat(current.scope()).isEqualTo("s");
    assertThat(current.sinceMillis()).isEqualTo(5_000L);
  }

  private static boolean offer(DurableWait w, String key, String scope, String json) {
    return w.offer(key, scope, json, Json.map(json));
  }
}
