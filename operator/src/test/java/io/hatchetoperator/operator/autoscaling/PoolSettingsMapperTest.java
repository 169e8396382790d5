package io.hatchetoperator.operator.autoscaling;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hatchetoperator.autoscaler.InvalidScalingSetting;
import io.hatchetoperator.autoscaler.PolicyTuning;
import io.hatchetoperator.autoscaler.PoolScalingSettings;
import io.hatchetoperator.operator.api.AutoscalingSpec;
import io.hatchetoperator.operator.api.AutoscalingTuningSpec;
import io.hatchetoperator.operator.api.HatchetWorkerPool;
import io.hatchetoperator.operator.api.ScaleDownSpec;
import io.hatchetoperator.operator.api.ScaleUpSpec;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class PoolSettingsMapperTest {

  static HatchetWorkerPool pool(AutoscalingSpec spec) {
    return TestPools.pool("ns", "p", "http://e:8080", spec, null);
  }

  @Test
  void takesTheCrdDefaultsForUnsetFields() {
    PoolScalingSettings s = PoolSettingsMapper.from(pool(
        new AutoscalingSpec(null, null, null, null, null, null, null, null, null)));

    PoolScalingSettings d = PoolScalingSettings.defaults();
    assertThat(s.minReplicas()).isEqualTo(1);
    assertThat(s.maxReplicas()).isEqualTo(10);
    assertThat(s.targetSlotUtilization()).isEqualTo(d.targetSlotUtilization());
    assertThat(s.pollInterval()).isEqualTo(d.pollInterval());
    assertThat(s.scaleDownStabilization()).isEqualTo(d.scaleDownStabilization());
    assertThat(s.paused()).isFalse();
  }

  @Test
  void readsEverySetField() {
    PoolScalingSettings s = PoolSettingsMapper.from(pool(new AutoscalingSpec(0, 40, 0.5, "1m",
        "500ms", new ScaleUpSpec("5s", 4), new ScaleDownSpec("1m30s", 2), "2h", true)));

    assertThat(s.minReplicas()).isZero();
    assertThat(s.maxReplicas()).isEqualTo(40);
    assertThat(s.targetSlotUtilization()).isEqualTo(0.5);
    assertThat(s.targetQueueDelay()).isEqualTo(Duration.ofMinutes(1));
    assertThat(s.pollInterval()).isEqualTo(Duration.ofMillis(500));
    assertThat(s.scaleUpStabilization()).isEqualTo(Duration.ofSeconds(5));
    assertThat(s.scaleUpMaxStep()).isEqualTo(4);
    assertThat(s.scaleDownStabilization()).isEqualTo(Duration.ofSeconds(90));
    assertThat(s.scaleDownMaxStep()).isEqualTo(2);
    assertThat(s.idleBeforeZero()).isEqualTo(Duration.ofHours(2));
    assertThat(s.paused()).isTrue();
  }

  @Test
  void readsTheV2FieldsAndLeavesTheBreakEvenHoldWhenNoWindowIsSet() {
    PoolScalingSettings s = PoolSettingsMapper.from(pool(new AutoscalingSpec(0, 40, 0.8, "10s",
        "2s", null, new ScaleDownSpec(null, null, null, "2m"), "120s", false, "25s", false)));

    assertThat(s.breakEvenHold()).isTrue();
    assertThat(s.podStartup()).isEqualTo(Duration.ofSeconds(25));
    assertThat(s.scaleDownMaxHold()).isEqualTo(Duration.ofMinutes(2));
    assertThat(s.prewarm()).isFalse();
    PoolScalingSettings unset = PoolSettingsMapper.from(pool(new AutoscalingSpec(0, 40, null, null,
        null, null, null, null, null)));
    assertThat(unset.podStartup()).isEqualTo(PoolScalingSettings.DEFAULT_POD_STARTUP);
    assertThat(unset.prewarm()).isTrue();
  }

  @Test
  void readsEveryTuningFieldAndTheCordonTimeout() {
    AutoscalingTuningSpec t = new AutoscalingTuningSpec(0.2, 0.05, 2, 8, 5, 2.0, "20s", 0.5, "3m", 10.0, 4, 0.2,
        "90s");
    PoolScalingSettings s = PoolSettingsMapper.from(pool(new AutoscalingSpec(0, 40, null, null, null, null,
        new ScaleDownSpec(null, null, null, null, "45s"), null, null, null, null, t)));

    assertThat(s.cordonTimeout()).isEqualTo(Duration.ofSeconds(45));
    assertThat(s.tuning()).isEqualTo(new PolicyTuning(0.2, 0.05, 2, 8, 5, 2.0, Duration.ofSeconds(20), 0.5,
        Duration.ofMinutes(3), 10.0, 4, 0.2, Duration.ofSeconds(90)));
    PoolScalingSettings unset = PoolSettingsMapper.from(pool(new AutoscalingSpec(0, 40, null, null, null, null,
        null, null, null, null, null, new AutoscalingTuningSpec(null, null, null, null, null, null, null, null,
        null, null, null, null, null))));
    assertThat(unset.tuning()).isEqualTo(PolicyTuning.defaults());
    assertThat(unset.cordonTimeout()).isEqualTo(PoolScalingSettings.defaults().cordonTimeout());
  }

  @Test
  void rejectsABadTuningValueNamingTheField() {
    AutoscalingTuningSpec t = new AutoscalingTuningSpec(null, 1.0, null, null, null, null, "0s", null, null, null,
        null, null, null);
    assertThatThrownBy(() -> PoolSettingsMapper.from(pool(new AutoscalingSpec(0, 40, null, null, null, null,
        null, null, null, null, null, t))))
        .isInstanceOf(InvalidScalingSetting.class)
        .hasMessage("autoscaling.tuning.scaleDownTolerance is 1.0; use a share from 0 to below 1, e.g. 0.1");
  }

  @Test
  void pausesOnTheAnnotation() {
    HatchetWorkerPool pool = pool(TestPools.pool("ns", "p", "http://e", 1, 3, 1).getSpec()
        .autoscaling());
    pool.getMetadata().setAnnotations(Map.of(PoolSettingsMapper.PAUSE_ANNOTATION, "true"));

    assertThat(PoolSettingsMapper.from(pool).paused()).isTrue();
  }

  @ParameterizedTest
  @CsvSource({"10, ", "ten seconds, ", "5s10, ", "-5s, "})
  void namesTheFieldValueAndFixOfABadDuration(String text, String ignored) {
    assertThatThrownBy(() -> PoolSettingsMapper.duration("pollInterval", text))
        .hasMessageContaining("spec.autoscaling.pollInterval").hasMessageContaining(text)
        .hasMessageContaining("1h30m");
  }
}
