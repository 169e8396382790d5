package io.hatchetoperator.sandbox.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hatchetoperator.sandbox.load.LedgerCounts;
import io.hatchetoperator.sandbox.view.Sample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {

  private static final List<Sample> SAMPLES = List.of(
      new Sample(0, 0, 0, 5, 1, 1, 0, 0, 0, 0),
      new Sample(1000, 120, 5, 5, 1, 1, 0, 0, 0, 125),
      new Sample(2000, 100, 5, 5, 6, 1, 5, 0, 20, 125),
      new Sample(3000, 0, 30, 30, 6, 6, 0, 0, 95, 125),
      new Sample(4000, 0, 0, 5, 1, 1, 0, 5, 125, 125));
  private static final List<ScaleEvent> EVENTS = List.of(new ScaleEvent(1800, 1, 6), new ScaleEvent(3900, 6, 1));

  private static ReportBuilder.Recorded recorded(List<ScaleEvent> events) {
    return new ReportBuilder.Recorded("burst", new LedgerCounts(125, 125, 0, 0, 0, 0),
        LongStream.rangeClosed(1, 100).boxed().toList(), 0, 12_345, events, SAMPLES, 1_000, 1, 4_000);
  }

  @Test
  void buildsTheIssueFigures() {
    RunReport r = ReportBuilder.build(recorded(EVENTS));
    assertThat(r.queueWaitP50Ms()).isEqualTo(50);
    assertThat(r.queueWaitP95Ms()).isEqualTo(95);
    assertThat(r.firstScaleUpMs()).isEqualTo(800);
    assertThat(r.maxReplicas()).isEqualTo(6);
    assertThat(r.finalReplicas()).isEqualTo(1);
    assertThat(r.podSeconds()).isEqualTo(12.3);
    assertThat(r.scaleEvents()).isEqualTo(2);
  }

  @Test
  void firstScaleUpIsMinusOneWhenThePoolNeverGrewAfterTheBurst() {
    assertThat(ReportBuilder.build(recorded(List.of(new ScaleEvent(500, 1, 2)))).firstScaleUpMs()).isEqualTo(-1);
  }

  @Test
  void percentilesUseNearestRank() {
    assertThat(Percentiles.of(List.of(), 50)).isZero();
    assertThat(Percentiles.of(List.of(7L), 95)).isEqualTo(7);
    assertThat(Percentiles.of(List.of(4L, 1L, 3L, 2L), 50)).isEqualTo(2);
  }

  @Test
  void writesJsonWithEveryFieldAndHtmlWithTheChart(@TempDir Path dir) throws Exception {
    RunReport r = ReportBuilder.build(recorded(EVENTS));
    Path html = ReportWriter.write(dir.resolve("out"), r, SAMPLES, EVENTS, "minReplicas: 1\nmaxReplicas: 10");

    JsonNode json = new ObjectMapper().readTree(dir.resolve("out/report.json").toFile());
    for (String field : List.of("tasksSubmitted", "tasksCompleted", "tasksLost", "tasksDuplicated", "tasksKilled",
        "queueWaitP50Ms", "queueWaitP95Ms", "podSeconds", "firstScaleUpMs", "maxReplicas", "finalReplicas")) {
      assertThat(json.has(field)).as(field).isTrue();
    }
    assertThat(json.get("tasksSubmitted").asInt()).isEqualTo(125);
    String page = Files.readString(html);
    assertThat(page).contains("<svg", "queue depth", "busy slots", "desired replicas", "1→6", "6→1",
        "maxReplicas: 10");
    assertThat(page.split("<polyline", -1)).hasSize(6);
    assertThat(page.split("stroke-dasharray", -1)).hasSize(3);
  }
}
