package io.hatchetoperator.interop;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.hatchetoperator.engine.DevEngine;
import io.hatchetoperator.engine.DevEngineSettings;
import io.hatchetoperator.proto.v1.CreateTaskOpts;
import io.hatchetoperator.proto.v1.CreateWorkflowVersionRequest;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The official Python SDK's scheduled, cron and filters clients against the dev engine's REST routes: every answer
 * is parsed by the SDK's strict models, creates, updates and deletes take effect, and a bad cron comes back as the
 * engine's 400. (The TypeScript SDK's are proven behaviourally in {@link ConformanceIT}.)
 */
class PythonSdkRestIT {

  private static DevEngine engine;

  @BeforeAll
  static void start() {
    assertThat(Files.isExecutable(SdkProcess.PYTHON)).as("the Python SDK's venv, built by examples/python-worker")
        .isTrue();
    engine = DevEngine.start(DevEngineSettings.ephemeral());
    engine.scheduler().registry().put(CreateWorkflowVersionRequest.newBuilder().setName("py-rest")
        .addTasks(CreateTaskOpts.newBuilder().setReadableId("py-rest").setAction("py-rest:py-rest")).build());
  }

  @AfterAll
  static void stop() {
    engine.close();
  }

  @Test
  void the_python_sdk_creates_updates_lists_and_deletes_schedules_crons_and_filters() throws Exception {
    JsonNode r = SdkProcess.result(engine, "py-rest-client", Duration.ofSeconds(60),
        SdkProcess.python("rest_client.py", "py-rest"));
    assertThat(r.has("error")).as(r.toString()).isFalse();
    String wfId = engine.scheduler().registry().get("name", "py-rest").id();
    assertThat(r.get("workflowId").asText()).isEqualTo(wfId);

    assertThat(r.at("/scheduled/workflow").asText()).isEqualTo("py-rest");
    assertThat(r.at("/scheduled/method").asText()).isEqualTo("API");
    assertThat(r.at("/scheduled/input/from").asText()).isEqualTo("py");
    assertThat(r.get("rescheduledBy").asDouble()).isEqualTo(300.0);
    assertThat(r.get("scheduledListed")).extracting(JsonNode::asText).containsExactly(r.at("/scheduled/id").asText());
    assertThat(r.get("scheduledAfterDelete")).isEmpty();

    assertThat(r.at("/cron/expression").asText()).isEqualTo("*/5 * * * *");
    assertThat(r.at("/cron/enabled").asBoolean()).isTrue();
    assertThat(r.get("cronGot").asText()).isEqualTo("py-cron");
    assertThat(r.get("cronsAfterDelete")).isEmpty();

    assertThat(r.at("/filter/declarative").asBoolean()).isFalse();
    assertThat(r.at("/filter/payload/tier").asText()).isEqualTo("gold");
    assertThat(r.get("filterUpdated").asText()).isEqualTo("input.n > 4");
    assertThat(r.get("filtersAfterDelete")).isEmpty();
    assertThat(r.get("badCron").asText()).contains("400").contains("cronExpression = '61 * * * *'");
  }
}
