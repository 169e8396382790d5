package io.hatchetoperator.operator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The Lease names the pod that holds it. */
class LeaderIdentityTest {

    @Test
    void theIdentityIsThePodNameFromTheDownwardApi() {
        assertThat(HatchetOperator.leaderIdentity(Map.of("POD_NAME", "hatchet-worker-operator-7d9f-abcde")))
                .isEqualTo("hatchet-worker-operator-7d9f-abcde");
    }

    @Test
    void outsideAPodEachInstanceHasItsOwnName() {
        String one = HatchetOperator.leaderIdentity(Map.of());
        assertThat(one).startsWith("hatchet-worker-operator-").isNotEqualTo(HatchetOperator.leaderIdentity(Map.of()));
    }
}
