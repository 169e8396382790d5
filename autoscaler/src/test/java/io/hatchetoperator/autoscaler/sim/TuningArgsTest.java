package io.hatchetoperator.autoscaler.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hatchetoperator.autoscaler.PolicyTuning;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** --tuning: CRD field names, numbers and durations; a bad key or value names it and the fix. */
class TuningArgsTest {

    @Test
    void appliesEachPairToTheDefaults() throws SimArgs.BadArgument {
        PolicyTuning t = TuningArgs.parse(PolicyTuning.defaults(), "scaleUpTolerance=0,flapHolds=5,arrivalSmoothing=20s");

        assertThat(t.scaleUpTolerance()).isZero();
        assertThat(t.flapHolds()).isEqualTo(5);
        assertThat(t.arrivalSmoothing()).isEqualTo(Duration.ofSeconds(20));
        assertThat(t.calmHolds()).isEqualTo(PolicyTuning.defaults().calmHolds());
    }

    @Test
    void rejectsUnknownKeysAndBadValues() {
        assertThatThrownBy(() -> TuningArgs.parse(PolicyTuning.defaults(), "flapHold=2"))
                .hasMessageContaining("unknown key 'flapHold'");
        assertThatThrownBy(() -> TuningArgs.parse(PolicyTuning.defaults(), "gapWeight=2"))
                .hasMessageContaining("autoscaling.tuning.gapWeight is 2.0");
        assertThatThrownBy(() -> TuningArgs.parse(PolicyTuning.defaults(), "calmHolds"))
                .hasMessageContaining("is not key=value");
    }
}
