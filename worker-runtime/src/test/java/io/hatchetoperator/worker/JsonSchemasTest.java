package io.hatchetoperator.worker;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The JSON Schema of record inputs: types, nesting, required components, and none for maps and POJOs. */
class JsonSchemasTest {
  enum Tier { FREE, PRO }
  @java.lang.annotation.Retention(java.lang.annotation.RetentionPolicy.RUNTIME)
  @interface Nullable {}
  record Line(String sku, int qty, double price) {}
  record Order(String id, long cents, boolean gift, Tier tier, List<Line> lines, Map<String, Integer> stock,
      Optional<String> note, @Nullable String coupon) {}

  @Test
  void describesARecordWithItsNestedTypesAndRequiredComponents() throws Exception {
    JsonNode schema = new ObjectMapper().readTree(JsonSchemas.forInput(Order.class).orElseThrow().toString());

    assertThat(schema.path("type").asText()).isEqualTo("object");
    assertThat(schema.path("title").asText()).isEqualTo("Order");
    JsonNode p = schema.path("properties");
    assertThat(p.path("id").path("type").asText()).isEqualTo("string");
    assertThat(p.path("cents").path("type").asText()).isEqualTo("integer");
    assertThat(p.path("gift").path("type").asText()).isEqualTo("boolean");
    assertThat(p.path("tier").path("enum").toString()).isEqualTo("[\"FREE\",\"PRO\"]");
    assertThat(p.path("lines").path("items").path("properties").path("price").path("type").asText()).isEqualTo("number");
    assertThat(p.path("stock").path("additionalProperties").path("type").asText()).isEqualTo("integer");
    assertThat(p.path("note").path("type").asText()).isEqualTo("string");
    assertThat(schema.path("required").toString()).isEqualTo("[\"id\",\"cents\",\"gift\",\"tier\",\"lines\",\"stock\"]");
  }

  @Test
  void mapsAndPojosCarryNoSchema() {
    assertThat(JsonSchemas.forInput(Map.class)).isEmpty();
    assertThat(JsonSchemas.forInput(StringBuilder.class)).isEmpty();
    assertThat(JsonSchemas.forInput(null)).isEmpty();
  }
}
