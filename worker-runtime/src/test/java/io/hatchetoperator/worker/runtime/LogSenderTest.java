package io.hatchetoperator.worker.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.grpc.Server;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import io.hatchetoperator.proto.events.EventsServiceGrpc;
import io.hatchetoperator.proto.events.PutLogRequest;
import io.hatchetoperator.proto.events.PutLogResponse;
import io.hatchetoperator.worker.client.EngineStubs;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** Task log lines: sent in order off the task's thread with their level; a stalled engine costs a bounded queue. */
class LogSenderTest {

  /** An events service that records lines and answers only once {@code open} is counted down. */
  static final class SlowEvents extends EventsServiceGrpc.EventsServiceImplBase {
    final List<PutLogRequest> lines = new CopyOnWriteArrayList<>();
    final CountDownLatch open = new CountDownLatch(1);

    @Override
    public void putLog(PutLogRequest request, StreamObserver<PutLogResponse> out) {
      try {
        open.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      lines.add(request);
      out.onNext(PutLogResponse.getDefaultInstance());
      out.onCompleted();
    }
  }

  @Test
  void aStalledEngineFillsTheQueueThenLinesAreDroppedAndTheRestArriveInOrderWithLevels() throws Exception {
    String name = "logs-" + UUID.randomUUID();
    SlowEvents events = new SlowEvents();
    Server server = InProcessServerBuilder.forName(name).addService(events).executor(
        java.util.concurrent.Executors.newCachedThreadPool()).build().start();
    EngineStubs stubs = new EngineStubs(InProcessChannelBuilder.forName(name).build(), "token");
    LogSender sender = new LogSender("w", stubs, Duration.ofSeconds(30));

    // The engine answers nothing until the latch opens: a publish that waited for it would never return here.
    for (int i = 0; i < 5_000; i++) {
      sender.publish("run-1", 0, i % 2 == 0 ? "INFO" : "WARN", "line " + i, 1_800_000_000_000L);
    }

    await().until(() -> sender.dropped() >= 5_000 - LogSender.QUEUE_SIZE - 1);
    assertThat(sender.dropped()).isBetween(5_000L - LogSender.QUEUE_SIZE - 1, 5_000L - LogSender.QUEUE_SIZE);
    events.open.countDown();
    await().until(() -> events.lines.size() == 5_000 - sender.dropped());
    assertThat(events.lines.get(0).getMessage()).isEqualTo("line 0");
    assertThat(events.lines.get(1).getLevel()).isEqualTo("WARN");
    assertThat(events.lines.stream().map(PutLogRequest::getMessage).map(m -> Integer.parseInt(m.substring(5))))
        .isSorted();
    sender.close();
    stubs.closeNow();
    server.shutdownNow();
  }
}
