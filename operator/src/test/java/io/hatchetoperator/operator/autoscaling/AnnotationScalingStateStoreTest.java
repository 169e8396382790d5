package io.hatchetoperator.operator.autoscaling;

import static org.assertj.core.api.Assertions.assertThat;

import io.hatchetoperator.autoscaler.Cordon;
import io.hatchetoperator.autoscaler.ScalingState;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnnotationScalingStateStoreTest {

  MutableClock clock = new MutableClock(Instant.parse("2026-11-28T12:00:00Z"));
  AnnotationScalingStateStore store = new AnnotationScalingStateStore(clock, Duration.ofSeconds(30));

  /** A state that differs from the initial one only in its idle clock. */
  static ScalingState withIdle(long idleSince) {
    return ScalingState.decode(ScalingState.initial().encode().replace(";i=-1;",
        ";i=" + idleSince + ";"));
  }

  /** A state whose measured pod start-up (a soft, learned estimate) is {@code millis}. */
  static ScalingState withStartup(ScalingState state, long millis) {
    var m = state.memory();
    return state.withMemory(new io.hatchetoperator.autoscaler.PolicyMemory(m.holdMillis(),
        m.lastDownMillis(), m.lastDownPods(), m.lastFlapMillis(), millis, m.arrivalsPerSecond(),
        m.lastOutstanding(), m.lastArrivalMillis(), m.meanGapMillis(), m.burstStarts(), m.burstPeak()));
  }

  @Test
  void persistsHardChangesAtOnceSoftOnesAtMostEveryIntervalAndNothingElse() {
    store.save("ns/p", withIdle(1));
    assertThat(store.toPersist("ns/p")).as("first save").isPresent();

    store.save("ns/p", withIdle(2));
    assertThat(store.toPersist("ns/p")).as("the idle clock changed").isPresent();

    store.save("ns/p", withIdle(2).withCordons(List.of(new Cordon("w1", "pod-1", 5, false))));
    assertThat(store.toPersist("ns/p")).as("cordons changed")
        .hasValueSatisfying(s -> assertThat(s).contains("w1:pod-1"));

    ScalingState cordoned = withIdle(2).withCordons(List.of(new Cordon("w1", "pod-1", 5, false)));
    store.save("ns/p", withStartup(cordoned, 12_000));
    assertThat(store.toPersist("ns/p")).as("a learned estimate changed, within the interval").isEmpty();
    clock.advance(Duration.ofSeconds(31));
    assertThat(store.toPersist("ns/p")).as("interval elapsed").isPresent();

    store.save("ns/p", withStartup(cordoned, 12_500));
    clock.advance(Duration.ofSeconds(31));
    assertThat(store.toPersist("ns/p")).as("less than a 10 % step").isEmpty();

    ScalingState sampled = ScalingState.decode(withStartup(cordoned, 12_500).encode()
        .replace(";s=-1:-1:0:0.000;", ";s=7:99000:3:0.000;"));
    store.save("ns/p", sampled);
    clock.advance(Duration.ofSeconds(31));
    assertThat(store.toPersist("ns/p")).as("only the sampling cursor moved").isEmpty();

    ScalingState busy = ScalingState.decode(sampled.encode().replace(";i=2;", ";i=-1;"));
    store.save("ns/p", busy);
    assertThat(store.toPersist("ns/p")).as("left idle: a restart sees the work at its first poll").isEmpty();
    clock.advance(Duration.ofSeconds(31));
    assertThat(store.toPersist("ns/p")).as("left idle, pending for the interval").isPresent();

    store.save("ns/p", ScalingState.decode(busy.encode().replace(";i=-1;", ";i=99;")));
    assertThat(store.toPersist("ns/p")).as("idle again: an older idle clock would scale to zero sooner")
        .isPresent();
  }

  @Test
  void restoresAfterARestartAndIgnoresAGarbledAnnotation() {
    ScalingState saved = withIdle(7).withCordons(List.of(new Cordon("w1", "pod-1", 5, true)));
    store.restore("ns/p", saved.encode());
    store.restore("ns/q", "v9;garbage");

    assertThat(store.load("ns/p")).isEqualTo(RestartState.restored(saved));
    assertThat(store.load("ns/q")).isEqualTo(ScalingState.initial());
    assertThat(store.toPersist("ns/p")).as("nothing new to write").isEmpty();
  }
}
