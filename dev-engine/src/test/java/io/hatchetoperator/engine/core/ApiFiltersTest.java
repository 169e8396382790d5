package io.hatchetoperator.engine.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.hatchetoperator.proto.v1.CreateWorkflowVersionRequest;
import io.hatchetoperator.proto.v1.DefaultFilter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A filter created over the API gates event runs exactly as the same filter declared in default_filters. */
class ApiFiltersTest {

  private final Engines e = new Engines();

  private WorkflowDef onOrders(String name, DefaultFilter... declared) {
    return e.scheduler.registry().put(CreateWorkflowVersionRequest.newBuilder().setName(name)
        .addEventTriggers("order:*").addTasks(Engines.task(name, name)).addAllDefaultFilters(List.of(declared))
        .build());
  }

  /** The filter payloads of the runs an event starts of {@code workflow}. */
  private List<String> runsOf(String workflow, String scope, String input) {
    List<String> out = new ArrayList<>();
    for (TriggerRequest r : EventFilters.requests(e.scheduler.registry(), "ev", "order:paid", scope,
        TriggerRequest.of("", input))) {
      if (r.workflowName().equals(workflow)) {
        out.add(r.filterPayload());
      }
    }
    return out;
  }

  @Test
  void an_api_filter_decides_every_event_as_the_same_declared_filter_does() {
    onOrders("declared", DefaultFilter.newBuilder().setScope("s").setExpression("input.n > 1")
        .setPayload(ByteString.copyFromUtf8("{\"tier\":\"gold\"}")).build());
    WorkflowDef api = onOrders("api");
    e.scheduler.registry().apiFilters().create(api.id(), "s", "input.n > 1", "{\"tier\":\"gold\"}", 0);
    String[][] events = {{"s", "{\"n\":5}"}, {"s", "{\"n\":0}"}, {null, "{\"n\":5}"}, {"other", "{\"n\":5}"},
        {"s", "{}"}};
    for (String[] ev : events) {
      assertThat(runsOf("api", ev[0], ev[1])).as("scope %s input %s", ev[0], ev[1])
          .isEqualTo(runsOf("declared", ev[0], ev[1]));
    }
    assertThat(runsOf("api", "s", "{\"n\":5}")).containsExactly("{\"tier\":\"gold\"}");
    assertThat(runsOf("api", "s", "{\"n\":0}")).isEmpty();
    assertThat(runsOf("api", null, "{\"n\":5}")).as("a workflow with filters ignores unscoped events").isEmpty();
  }

  @Test
  void api_and_declared_filters_of_one_workflow_both_count_and_deleting_the_api_one_ungates_a_plain_workflow() {
    WorkflowDef both = onOrders("both", DefaultFilter.newBuilder().setScope("a").setExpression("true").build());
    e.scheduler.registry().apiFilters().create(both.id(), "b", "input.n == 2", null, 0);
    assertThat(runsOf("both", "a", "{}")).hasSize(1);
    assertThat(runsOf("both", "b", "{\"n\":2}")).containsExactly("{}");
    assertThat(runsOf("both", "b", "{\"n\":3}")).isEmpty();

    WorkflowDef plain = onOrders("plain");
    ApiFilters.Entry f = e.scheduler.registry().apiFilters().create(plain.id(), "b", "false", null, 0);
    assertThat(runsOf("plain", null, "{}")).isEmpty();
    e.scheduler.registry().apiFilters().delete(f.id());
    assertThat(runsOf("plain", null, "{}")).as("no filters left: every event runs it").hasSize(1);
    assertThat(runsOf("plain", "b", "{}")).hasSize(1);
  }

  @Test
  void an_api_filter_survives_the_workflow_being_registered_again() {
    WorkflowDef w = onOrders("again");
    e.scheduler.registry().apiFilters().create(w.id(), "s", "input.ok", null, 0);
    onOrders("again");
    assertThat(runsOf("again", "s", "{\"ok\":false}")).isEmpty();
    assertThat(runsOf("again", "s", "{\"ok\":true}")).hasSize(1);
  }

  @Test
  void bad_filters_are_rejected_naming_the_field_and_the_value() {
    ApiFilters f = e.scheduler.registry().apiFilters();
    String wf = onOrders("w").id();
    assertThatThrownBy(() -> f.create(wf, " ", "true", null, 0)).hasMessageContaining("scope = ' '");
    assertThatThrownBy(() -> f.create(wf, "s", "", null, 0)).hasMessageContaining("expression = ''");
    assertThatThrownBy(() -> f.create(wf, "s", "input.n >", null, 0)).hasMessageContaining("expression = 'input.n >'");
    assertThatThrownBy(() -> f.create(wf, "s", "true", "[1]", 0)).hasMessageContaining("payload");
    f.create(wf, "s", "true", "{\"a\":1}", 0);
    assertThatThrownBy(() -> f.create(wf, "s", "true", "{ \"a\": 1 }", 0)).hasMessageContaining("already exists");
    assertThat(f.create(wf, "s", "true", "{\"a\":2}", 0).id()).as("another payload is another filter").isNotBlank();
    assertThatThrownBy(() -> f.get(Ids.uuid())).hasMessageContaining("is not known");
  }

  @Test
  void an_updated_filter_gates_with_its_new_expression_scope_and_payload() {
    WorkflowDef w = onOrders("upd");
    ApiFilters f = e.scheduler.registry().apiFilters();
    ApiFilters.Entry made = f.create(w.id(), "s", "input.n > 1", "{\"v\":1}", 0);
    assertThat(runsOf("upd", "s", "{\"n\":5}")).containsExactly("{\"v\":1}");
    f.update(made.id(), "t", "input.n < 1", null);
    assertThat(runsOf("upd", "s", "{\"n\":5}")).isEmpty();
    assertThat(runsOf("upd", "t", "{\"n\":0}")).containsExactly("{\"v\":1}");
    f.update(made.id(), null, null, "{\"v\":2}");
    assertThat(runsOf("upd", "t", "{\"n\":0}")).containsExactly("{\"v\":2}");
    assertThatThrownBy(() -> f.update(made.id(), null, "input.n <", null)).hasMessageContaining("expression = 'input.n <'");
    assertThat(f.get(made.id()).expression()).as("a refused update changes nothing").isEqualTo("input.n < 1");
  }
}
