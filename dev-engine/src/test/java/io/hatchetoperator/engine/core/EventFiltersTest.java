package io.hatchetoperator.engine.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.hatchetoperator.proto.v1.CreateWorkflowVersionRequest;
import io.hatchetoperator.proto.v1.DefaultFilter;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Event filters (default_filters) decide which events start a workflow, as Hatchet's makeTriggerDecisions. */
class EventFiltersTest {

  private final Engines e = new Engines();

  private void filtered(String name, DefaultFilter... filters) {
    e.scheduler.registry().put(CreateWorkflowVersionRequest.newBuilder().setName(name).addEventTriggers("order:*")
        .addTasks(Engines.task(name, name)).addAllDefaultFilters(List.of(filters)).build());
  }

  private static DefaultFilter filter(String scope, String expression, String payload) {
    DefaultFilter.Builder b = DefaultFilter.newBuilder().setScope(scope).setExpression(expression);
    if (payload != null) {
      b.setPayload(ByteString.copyFromUtf8(payload));
    }
    return b.build();
  }

  private List<String> push(String scope, String payload) {
    return e.scheduler.triggerEvent(Ids.uuid(), "order:paid", scope, TriggerRequest.of("", payload));
  }

  @Test
  void a_workflow_with_filters_runs_once_per_true_filter_of_the_event_s_scope_with_its_payload() {
    filtered("f", filter("shop-1", "input.total >= payload.min", "{\"min\":10,\"tier\":\"gold\"}"),
        filter("shop-1", "input.total >= 0", "{\"tier\":\"any\"}"), filter("shop-2", "true", null));
    e.simple("plain");
    e.scheduler.registry().put(CreateWorkflowVersionRequest.newBuilder().setName("plain").addEventTriggers("order:*")
        .addTasks(Engines.task("plain", "plain")).build());
    List<String> big = push("shop-1", "{\"total\":25}");
    assertThat(big).as("two true filters for f, one run of plain").hasSize(3);
    assertThat(big.stream().map(id -> e.scheduler.readRun(id, r -> r.request().filterPayload())).toList())
        .containsExactlyInAnyOrder("{\"min\":10,\"tier\":\"gold\"}", "{\"tier\":\"any\"}", null);
    assertThat(push("shop-1", "{\"total\":5}")).hasSize(2);
    assertThat(push(null, "{\"total\":25}")).as("no scope: a filtered workflow does not run").hasSize(1);
    assertThat(push("shop-9", "{\"total\":25}")).as("no filter for the scope").hasSize(1);
  }

  @Test
  void failing_empty_or_non_bool_filters_do_not_trigger_and_bad_ones_are_refused_at_registration() {
    filtered("g", filter("s", "input.missing == 1", null), filter("s", "", null), filter("s", "input.total", null));
    assertThat(push("s", "{\"total\":1}")).isEmpty();
    assertThatThrownBy(() -> filtered("h", filter("s", "input.total.exists()", null)))
        .hasMessageContaining("default_filters[0] of workflow 'h'.expression").hasMessageContaining("not supported");
    assertThatThrownBy(() -> filtered("i", filter("", "true", null))).hasMessageContaining("empty scope");
  }
}
