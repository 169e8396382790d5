package io.hatchetoperator.autoscaler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The persisted form of the state survives a round trip and rejects garbage with a clear message. */
class ScalingStateTest {

    @Test
    void roundTrips() {
        ScalingState s = new ScalingState(List.of(new Recommendation(1000, 3), new Recommendation(3000, 4)), 2000,
                12.5, 10, 40, 3000, 2, 1.8, List.of(new Cordon("w-1", "pool-abc-1", 2000, false),
                        new Cordon("w-2", "pool-abc-2", 2500, true)));

        String text = s.encode();

        assertThat(text).isEqualTo("v1;h=1000:3,3000:4;i=2000;d=12.500:10.000;s=40:3000:2:1.800;"
                + "m=0:-1:0:-1:-1:-1.000:-1:-1:-1.000:0;b=;c=w-1:pool-abc-1:2000:P,w-2:pool-abc-2:2500:R");
        assertThat(ScalingState.decode(text)).isEqualTo(s);
    }

    @Test
    void roundTripsWhatThePolicyLearnedAndReadsTheOlderFormWithoutIt() {
        ScalingState s = ScalingState.initial().withMemory(new PolicyMemory(40_000, 5_000, 2, 6_000, 12_000, 3.5,
                17, 9_000, 2_500.0, List.of(1_000L, 241_000L), 37));

        assertThat(ScalingState.decode(s.encode())).isEqualTo(s);
        assertThat(ScalingState.decode("v1;h=;i=-1;d=0:0;s=-1:-1:0:0;c=").memory())
                .isEqualTo(PolicyMemory.initial());
    }

    @Test
    void emptyTextIsTheInitialState() {
        assertThat(ScalingState.decode("")).isEqualTo(ScalingState.initial());
        assertThat(ScalingState.decode(ScalingState.initial().encode())).isEqualTo(ScalingState.initial());
    }

    @Test
    void garbageIsRejectedWithTheFix() {
        assertThatThrownBy(() -> ScalingState.decode("v1;h=12:x"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'v1;h=12:x'")
                .hasMessageContaining("delete it to start from a fresh state");
        assertThatThrownBy(() -> ScalingState.decode("v9;h="))
                .hasMessageContaining("must start with 'v1;'");
    }

    @Test
    void settingsNameTheFieldTheValueAndTheFix() {
        assertThatThrownBy(() -> PoolScalingSettings.defaults().withTargets(1.5, java.time.Duration.ofSeconds(10)))
                .hasMessage("autoscaling.targetSlotUtilization is 1.5; use a share in (0, 1], e.g. 0.8");
        assertThatThrownBy(() -> PoolScalingSettings.defaults().withReplicas(5, 3))
                .hasMessage("autoscaling.maxReplicas is 3; use at least 1 and at least minReplicas (5)");
    }
}
