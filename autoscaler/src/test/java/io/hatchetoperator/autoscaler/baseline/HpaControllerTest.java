package io.hatchetoperator.autoscaler.baseline;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The HPA and KEDA models follow the documented algorithms (docs/autoscaling-baselines.md §1–2). */
class HpaControllerTest {

    private final HpaController hpa = new HpaController(HpaSettings.defaults(1, 100));

    @ParameterizedTest(name = "{0} ready of {1}, busy share sum {2} → {3}")
    @CsvSource({
        "4, 4, 2.88, 4",   // 0.72 / 0.8 = 0.9: within the 10 % tolerance
        "4, 4, 4.0, 5",    // 1.0 / 0.8 = 1.25 → ceil(1.25 * 4)
        "4, 4, 1.0, 2",    // 0.25 / 0.8 → ceil(0.3125 * 4)
        "2, 4, 2.0, 4",    // scale-up with 2 pods without metrics: they count as 0 → ratio 0.625, reversed: hold
        "2, 4, 0.4, 3",    // scale-down, missing pods count as the target: (0.4 + 1.6) / 4 / 0.8 = 0.625 → 3
        "0, 3, 0.0, 3"})   // no ready pod reports: no scaling
    void perPodCalculator(int ready, int current, double sum, int expected) {
        assertThat(hpa.perPodProposal(current, ready, sum, 0.8)).isEqualTo(expected);
    }

    @Test
    void scaleUpIsLimitedToDoubleOrPlusFourPerPeriod() {
        assertThat(hpa.normalize(0, 1, 40)).isEqualTo(5);
        assertThat(hpa.normalize(15_000, 5, 40)).isEqualTo(10);
        assertThat(hpa.normalize(30_000, 10, 40)).isEqualTo(20);
        assertThat(hpa.normalize(45_000, 20, 40)).isEqualTo(40);
    }

    @Test
    void scaleDownTakesTheHighestRecommendationOfFiveMinutes() {
        hpa.normalize(0, 10, 10);
        assertThat(hpa.normalize(15_000, 10, 2)).isEqualTo(10);
        assertThat(hpa.normalize(299_000, 10, 2)).isEqualTo(10);
        assertThat(hpa.normalize(301_000, 10, 2)).isEqualTo(2);
    }

    @Test
    void kedaActivatesOnItsPollAndCoolsDownToZero() {
        KedaController keda = new KedaController(KedaSettings.defaults(50, 10));

        assertThat(keda.poll(0, 0, 0)).isZero();
        assertThat(keda.poll(30_000, 0, 3)).isEqualTo(1);
        assertThat(keda.hpaSync(45_000, 1, 95)).isEqualTo(5); // ceil(95 / 10) = 10, limited to 1 + 4
        assertThat(keda.poll(300_000, 5, 0)).isEqualTo(5);
        assertThat(keda.poll(330_000, 5, 0)).isZero(); // 300 s after the last active poll, busy or not
        assertThat(keda.hpaSync(345_000, 0, 0)).isZero();
    }
}
