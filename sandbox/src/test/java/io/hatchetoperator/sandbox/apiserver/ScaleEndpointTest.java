package io.hatchetoperator.sandbox.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A scale write that loses a race with another writer (the mock answers 409 to a PUT whose resourceVersion is
 * stale) is retried on a fresh read, unless the client pinned a resourceVersion.
 */
class ScaleEndpointTest {

  /** A mock whose object gains a version on each read and whose first {@code conflicts} PUTs conflict. */
  static final class RacingMock extends MockForwarder {
    final List<String> puts = new ArrayList<>();
    int conflicts;
    int version = 7;

    RacingMock(int conflicts) {
      super("http://unused");
      this.conflicts = conflicts;
    }

    @Override
    Reply send(String method, String path, String contentType, String accept, byte[] body) {
      if (method.equals("GET")) {
        version++;
        return new Reply(200, "application/json", ("{\"kind\":\"HatchetWorkerPool\",\"metadata\":{\"name\":\"p\","
            + "\"resourceVersion\":\"" + version + "\"},\"spec\":{\"replicas\":2}}").getBytes(StandardCharsets.UTF_8));
      }
      puts.add(new String(body, StandardCharsets.UTF_8));
      if (conflicts-- > 0) {
        return new Reply(409, "application/json", "{\"kind\":\"Status\",\"code\":409}".getBytes(StandardCharsets.UTF_8));
      }
      return new Reply(200, "application/json", body);
    }
  }

  private static final ApiResource POOLS = new ApiResource("hatchet-operator.io", "v1alpha1", "hatchetworkerpools",
      "hatchetworkerpool", "HatchetWorkerPool", true, List.of(), List.of(), List.of(PrinterColumn.nameColumn()),
      new ScalePaths(".spec.replicas", ".status.replicas", ".status.selector"), true, CelAdmission.of(null));

  @Test
  void aPatchThatLosesTwoRacesIsWrittenOnTheThirdRead() throws Exception {
    RacingMock mock = new RacingMock(2);
    ScaleEndpoint.Answer a = new ScaleEndpoint(mock).handle("PATCH", "/p", POOLS, "application/merge-patch+json",
        "{\"spec\":{\"replicas\":5}}".getBytes(StandardCharsets.UTF_8));
    assertThat(a.status()).isEqualTo(200);
    assertThat(a.body().path("spec").path("replicas").asInt()).isEqualTo(5);
    assertThat(mock.puts).hasSize(3);
    assertThat(mock.puts.get(2)).contains("\"resourceVersion\":\"10\"");
  }

  @Test
  void aWriteThatPinnedItsVersionGetsTheConflictAndAnEndlessRaceStopsAfterTheLastAttempt() throws Exception {
    RacingMock pinned = new RacingMock(1);
    ScaleEndpoint.Answer a = new ScaleEndpoint(pinned).handle("PUT", "/p", POOLS, "application/json",
        "{\"metadata\":{\"resourceVersion\":\"8\"},\"spec\":{\"replicas\":5}}".getBytes(StandardCharsets.UTF_8));
    assertThat(a.status()).isEqualTo(409);
    assertThat(pinned.puts).hasSize(1);
    RacingMock endless = new RacingMock(100);
    assertThat(new ScaleEndpoint(endless).handle("PATCH", "/p", POOLS, "application/merge-patch+json",
        "{\"spec\":{\"replicas\":5}}".getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(409);
    assertThat(endless.puts).hasSize(ScaleEndpoint.ATTEMPTS);
  }
}
