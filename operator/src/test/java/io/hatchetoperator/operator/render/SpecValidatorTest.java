package io.hatchetoperator.operator.render;

import static org.assertj.core.api.Assertions.assertThat;

import io.hatchetoperator.operator.api.AutoscalingSpec;
import io.hatchetoperator.operator.api.DrainSpec;
import io.hatchetoperator.operator.api.HatchetWorkerPool;
import io.hatchetoperator.operator.api.HatchetWorkerPoolSpec;
import io.hatchetoperator.operator.support.Pools;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The operator's own checks, for objects that reach it without schema validation. */
class SpecValidatorTest {

    @Test
    void aValidPoolHasNoProblems() {
        assertThat(SpecValidator.validate(Pools.manual("ok", 2))).isEmpty();
        assertThat(SpecValidator.validate(Pools.autoscaled("auto", 0, 4))).isEmpty();
    }

    @Test
    void problemsNameFieldValueAndFix() {
        HatchetWorkerPool pool = Pools.pool("x".repeat(64), new HatchetWorkerPoolSpec(null, 0, List.of(),
                Pools.spec(null, null, null).engine(), Pools.template("img"), 2,
                new AutoscalingSpec(0, 3, 1.5, "10 s", null, null, null, null, null), new DrainSpec("10"), null));
        List<String> messages = SpecValidator.validate(pool).stream().map(SpecProblem::message).toList();
        assertThat(messages).contains(
                "spec.slots is '0': set the worker's concurrent task runs, 1 to 1000",
                "spec.autoscaling.targetSlotUtilization is '1.5': use a share of slot capacity greater than 0 and "
                        + "at most 1, e.g. 0.8",
                "spec.tasks is missing: list the pool's tasks: with minReplicas 0 their queue is what scales the "
                        + "pool up from zero",
                "spec.autoscaling.targetQueueDelay is '10 s': use a number with a unit (ms, s, m, h), e.g. 30s or 10m",
                "spec.drain.timeout is '10': use a number with a unit (ms, s, m, h), e.g. 30s or 10m");
        assertThat(messages).anyMatch(m -> m.startsWith("metadata.name is '" + "x".repeat(64) + "'"));
    }

    @Test
    void aMissingTemplateOrImageIsReported() {
        HatchetWorkerPool pool = Pools.pool("p", Pools.spec(1, null, null));
        assertThat(SpecValidator.validate(pool)).extracting(SpecProblem::field)
                .containsExactly("spec.template.spec.containers");
        HatchetWorkerPool noImage = Pools.pool("p", Pools.spec(1, null, Pools.template(null)));
        assertThat(SpecValidator.validate(noImage)).extracting(SpecProblem::field)
                .containsExactly("spec.template.spec.containers[0].image");
    }
}
