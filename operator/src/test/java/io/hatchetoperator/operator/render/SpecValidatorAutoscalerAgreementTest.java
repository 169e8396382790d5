package io.hatchetoperator.operator.render;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.hatchetoperator.operator.api.AutoscalingSpec;
import io.hatchetoperator.operator.api.HatchetWorkerPool;
import io.hatchetoperator.operator.api.ScaleDownSpec;
import io.hatchetoperator.operator.api.ScaleUpSpec;
import io.hatchetoperator.operator.autoscaling.PoolSettingsMapper;
import io.hatchetoperator.operator.support.Pools;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One validation for both: a spec the check passes is one the autoscaler accepts, and the reverse. */
class SpecValidatorAutoscalerAgreementTest {

    private static HatchetWorkerPool pool(AutoscalingSpec a) {
        return Pools.pool("p", Pools.spec(null, a, Pools.template("img")));
    }

    @Test
    void a_zero_poll_interval_fails_the_spec_check_naming_the_field_the_value_and_the_fix() {
        HatchetWorkerPool pool = pool(new AutoscalingSpec(1, 3, null, null, "0s", null, null, null, null));
        assertThat(SpecValidator.validate(pool)).extracting(SpecProblem::message)
                .containsExactly("spec.autoscaling.pollInterval is '0s': use a positive duration, e.g. 10s");
    }

    @Test
    void the_spec_check_and_the_autoscaler_agree_on_every_sample() {
        List<AutoscalingSpec> samples = List.of(
                new AutoscalingSpec(1, 3, null, null, "0s", null, null, null, null),
                new AutoscalingSpec(1, 3, null, "0ms", null, null, null, null, null),
                new AutoscalingSpec(1, 3, null, null, null, new ScaleUpSpec("0s", 0), null, null, null),
                new AutoscalingSpec(1, 3, null, null, null, null, new ScaleDownSpec("0s", 0), null, null),
                new AutoscalingSpec(1, 3, null, "5s", "1s", new ScaleUpSpec("0s", 2), new ScaleDownSpec("30s", 1),
                        "60s", null),
                new AutoscalingSpec(0, 3, null, null, "500ms", null, null, "0s", null));
        for (AutoscalingSpec a : samples) {
            HatchetWorkerPool pool = pool(a);
            boolean valid = SpecValidator.validate(pool).isEmpty();
            if (valid) {
                assertThatCode(() -> PoolSettingsMapper.from(pool)).as(a.toString()).doesNotThrowAnyException();
            } else {
                assertThat(SpecValidator.validate(pool)).as(a.toString()).isNotEmpty();
                org.assertj.core.api.Assertions.assertThatThrownBy(() -> PoolSettingsMapper.from(pool)).as(a.toString())
                        .isInstanceOf(IllegalArgumentException.class);
            }
        }
    }
}
