package io.hatchetoperator.sandbox.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The printer columns' JSONPath subset, and ages as the API server writes them. */
class ColumnPathTest {

  private static final JsonNode POOL;

  static {
    try {
      POOL = new ObjectMapper().readTree("{\"status\": {\"conditions\": [{\"type\": \"SpecValid\", \"status\": "
          + "\"True\"}, {\"type\": \"Ready\", \"status\": \"False\"}], \"a.b\": 3}, \"spec\": {\"tasks\": [\"x\", "
          + "\"y\"]}}");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> find(String path) {
    return ColumnPath.parse(path).find(POOL).stream().map(JsonNode::asText).toList();
  }

  @Test
  void fieldsFiltersIndexesAndWildcards() {
    assertThat(find(".status.conditions[?(@.type==\"Ready\")].status")).containsExactly("False");
    assertThat(find("{.status.conditions[?(@.type!='Ready')].type}")).containsExactly("SpecValid");
    assertThat(find(".spec.tasks[-1]")).containsExactly("y");
    assertThat(find(".spec.tasks[*]")).containsExactly("x", "y");
    assertThat(find(".status['a.b']")).containsExactly("3");
    assertThat(find(".status.missing.deeper")).isEmpty();
  }

  @Test
  void anUnsupportedExpressionNamesItselfAndTheSupportedForms() {
    assertThatThrownBy(() -> ColumnPath.parse(".spec.tasks[0:2]")).hasMessageContaining("'.spec.tasks[0:2]'")
        .hasMessageContaining("cannot read '[0:2]'").hasMessageContaining("[?(@.field==\"value\")]");
  }

  @Test
  void agesKeepTwoOrThreeSignificantFigures() {
    assertThat(HumanAge.of(Duration.ofSeconds(119))).isEqualTo("119s");
    assertThat(HumanAge.of(Duration.ofSeconds(303))).isEqualTo("5m3s");
    assertThat(HumanAge.of(Duration.ofMinutes(47))).isEqualTo("47m");
    assertThat(HumanAge.of(Duration.ofMinutes(182))).isEqualTo("3h2m");
    assertThat(HumanAge.of(Duration.ofHours(20))).isEqualTo("20h");
    assertThat(HumanAge.of(Duration.ofHours(76))).isEqualTo("3d4h");
    assertThat(HumanAge.of(Duration.ofDays(40))).isEqualTo("40d");
    assertThat(HumanAge.of(Duration.ofDays(740))).isEqualTo("2y10d");
    assertThat(HumanAge.of(Duration.ofSeconds(-5))).isEqualTo("<invalid>");
    assertThat(HumanAge.since(null, java.time.Instant.now())).isEqualTo("<unknown>");
  }
}
