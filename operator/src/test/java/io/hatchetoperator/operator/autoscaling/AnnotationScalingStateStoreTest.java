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

  @Test
  void persistsAtOnceWhenCordonsChangeElseAtMostEveryInterval() {
    store.save("ns/p", withIdle(1));
    assertThat(store.toPersist("ns/p")).as("first save").isPresent();

    store.save("ns/p", withIdle(2));
    assertThat(store.toPersist("ns/p")).as("within the interval").isEmpty();

    store.save("ns/p", withIdle(2).withCordons(List.of(new Cordon("w1", "pod-1", 5, false))));
    assertThat(store.toPersist("ns/p")).as("cordons changed")
        .hasValueSatisfying(s -> assertThat(s).contains("w1:pod-1"));

    store.save("ns/p", withIdle(3).withCordons(List.of(new Cordon("w1", "pod-1", 5, false))));
    clock.advance(Duration.ofSeconds(31));
    assertThat(store.toPersist("ns/p")).as("interval elapsed").isPresent();
  }

  @Test
  void restoresAfterARestartAndIgnoresAGarbledAnnotation() {
    ScalingState saved = withIdle(7).withCordons(List.of(new Cordon("w1", "pod-1", 5, true)));
    store.restore("ns/p", saved.encode());
    store.restore("ns/q", "v9;garbage");

    assertThat(store.load("ns/p")).isEqualTo(saved);
    assertThat(store.load("ns/q")).isEqualTo(ScalingState.initial());
    assertThat(store.toPersist("ns/p")).as("nothing new to write").isEmpty();
  }
}
