package io.hatchetoperator.worker.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Durations in Go's text as the TypeScript SDK writes them, and the completion payloads read back. */
class DurableConditionsTest {

  @Test
  void durationsAreWholeSecondsInGoTextRoundedUp() {
    assertThat(DurableConditions.goDuration(Duration.ZERO)).isEqualTo("0s");
    assertThat(DurableConditions.goDuration(Duration.ofMillis(1))).isEqualTo("1s");
    assertThat(DurableConditions.goDuration(Duration.ofSeconds(60))).isEqualTo("1m");
    assertThat(DurableConditions.goDuration(Duration.ofSeconds(5405))).isEqualTo("1h30m5s");
    assertThat(DurableConditions.goDuration(Duration.ofHours(2))).isEqualTo("2h");
    assertThatThrownBy(() -> DurableConditions.goDuration(Duration.ofSeconds(-1)))
        .hasMessageContaining("sleepFor duration=PT-1S is negative").hasMessageContaining("Duration.ZERO or more");
  }

  @Test
  void theSleptDurationIsTheMatchsSleepDurationElseWhatWasAsked() throws Exception {
    Duration asked = Duration.ofSeconds(7);
    assertThat(DurableConditions.slept(bytes("{\"CREATE\":{\"sleep-7s\":[{\"sleep_duration\":\"1h2m3s\"}]}}"), asked))
        .isEqualTo(Duration.ofSeconds(3723));
    assertThat(DurableConditions.slept(bytes("{\"CREATE\":{\"sleep-7s\":[{}]}}"), asked)).isEqualTo(asked);
    assertThat(DurableConditions.slept(bytes("{}"), asked)).isEqualTo(asked);
    assertThat(DurableConditions.slept(new byte[0], asked)).isEqualTo(asked);
  }

  @Test
  void anEventsPayloadIsTheFirstMatchOfTheCreateGroup() throws Exception {
    assertThat(DurableConditions.firstMatch(bytes("{\"CREATE\":{\"order:paid\":[{\"cents\":5},{\"cents\":6}]}}"))
        .path("cents").asInt()).isEqualTo(5);
    assertThat(DurableConditions.firstMatch(bytes("{\"CREATE\":{\"order:paid\":[]}}"))).isNull();
    assertThat(DurableConditions.firstMatch(bytes("{\"CANCEL\":{\"k\":[1]}}"))).isNull();
  }

  @Test
  void anEventConditionKeepsTheReadableKeyAndNamespacesTheEventKey() {
    var c = DurableConditions.event("order:paid", "ns_order:paid", null).getUserEventConditions(0);
    assertThat(c.getBase().getReadableDataKey()).isEqualTo("order:paid");
    assertThat(c.getUserEventKey()).isEqualTo("ns_order:paid");
    assertThat(c.getBase().getExpression()).isEmpty();
    assertThat(DurableConditions.sleep(Duration.ofSeconds(3)).getSleepConditions(0).getBase().getOrGroupId())
        .isNotEqualTo(DurableConditions.sleep(Duration.ofSeconds(3)).getSleepConditions(0).getBase().getOrGroupId());
  }

  private static byte[] bytes(String json) {
    return json.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void anEventOrATimeoutIsOneOrGroupAndTheResultSaysWhichCameFirst() throws Exception {
    var both = DurableConditions.eventOrTimeout("approval", "ns_approval", "input.ok", Duration.ofMinutes(90));
    assertThat(both.getSleepConditions(0).getSleepFor()).isEqualTo("1h30m");
    assertThat(both.getSleepConditions(0).getBase().getOrGroupId())
        .isEqualTo(both.getUserEventConditions(0).getBase().getOrGroupId());
    assertThat(both.getUserEventConditions(0).getBase().getExpression()).isEqualTo("input.ok");
    assertThat(DurableConditions.matchOf(bytes("{\"CREATE\":{\"approval\":[{\"ok\":true}]}}"), "approval")
        .path("ok").asBoolean()).isTrue();
    assertThat(DurableConditions.matchOf(bytes("{\"CREATE\":{\"sleep-1h30m\":[{}]}}"), "approval")).isNull();
  }
}
