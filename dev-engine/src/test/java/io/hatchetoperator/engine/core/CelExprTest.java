package io.hatchetoperator.engine.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** The CEL subset: the expressions of Hatchet's SDK examples, cel-go's typing, and what is refused. */
class CelExprTest {

  private static final Map<String, Object> VARS = Map.of(
      "input", Map.of("group", "g1", "n", 7L, "x", 1.5, "ShouldSkip", false, "Status", "PAID", "user",
          Map.of("id", "u9")),
      "additional_metadata", Map.of("tenant", "t1"), "payload", Map.of("min", 5L));

  private static Object eval(String text) {
    return CelExpr.parse(text, CelExpr.EVENT_VARS).eval(VARS);
  }

  @Test
  void keys_paths_and_concatenation() {
    assertThat(eval("input.group")).isEqualTo("g1");
    assertThat(eval("'LIMIT:' + input.group")).isEqualTo("LIMIT:g1");
    assertThat(eval("input[\"user\"].id + \"-\" + additional_metadata.tenant")).isEqualTo("u9-t1");
    assertThat(eval("input.n + 3")).isEqualTo(10L);
  }

  @Test
  void filters_compare_and_combine_as_cel_go_does() {
    assertThat(eval("input.ShouldSkip == false")).isEqualTo(true);
    assertThat(eval("input.Status == \"PAID\" && input.n >= payload.min")).isEqualTo(true);
    assertThat(eval("!(input.n < 7) || input.missing == 1")).isEqualTo(true);
    assertThat(eval("input.x > 1")).as("ints and doubles compare by value").isEqualTo(true);
    assertThat(eval("input.n == '7'")).as("different types are not equal").isEqualTo(false);
    assertThat(eval("true")).isEqualTo(true);
  }

  @Test
  void mistyped_and_missing_values_fail_with_cel_s_wording() {
    assertThatThrownBy(() -> eval("input.group < 3")).hasMessage("no such overload: string < int");
    assertThatThrownBy(() -> eval("input.n && true")).hasMessageStartingWith("no such overload: int &&");
    assertThatThrownBy(() -> eval("input.nope == 1")).hasMessage("no such key: nope");
  }

  @Test
  void what_is_outside_the_subset_is_refused_at_parse_time() {
    assertThatThrownBy(() -> CelExpr.parse("input.group.size() > 2")).hasMessageContaining("not supported");
    assertThatThrownBy(() -> CelExpr.parse("parents.a.b")).hasMessageContaining("'parents'")
        .hasMessageContaining("[additional_metadata, input, workflow_run_id]");
    assertThatThrownBy(() -> CelExpr.parse("payload.x", CelExpr.RUN_VARS)).hasMessageContaining("'payload'");
    assertThatThrownBy(() -> CelExpr.parse("input.a - 1")).hasMessageContaining("not supported");
  }
}
