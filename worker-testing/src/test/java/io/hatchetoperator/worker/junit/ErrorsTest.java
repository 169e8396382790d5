package io.hatchetoperator.worker.junit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.hatchetoperator.worker.EngineUnavailableException;
import io.hatchetoperator.worker.Hatchet;
import io.hatchetoperator.worker.HatchetException;
import io.hatchetoperator.worker.RunCancelledException;
import io.hatchetoperator.worker.RunHandle;
import io.hatchetoperator.worker.TaskFailedException;
import io.hatchetoperator.worker.TaskOptions;
import io.hatchetoperator.worker.TaskRef;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The sealed exceptions a caller sees: task failed (type, message, attempt), cancelled, engine unavailable. */
@ExtendWith(DevEngineExtension.class)
class ErrorsTest {
  record Job(String id) {}
  record Done(String id) {}

  static final class LedgerClosedException extends RuntimeException {
    LedgerClosedException(String message) {
      super(message);
    }
  }

  @Test
  void aFailedTaskReportsItsExceptionTypeMessageAndLastAttemptAfterItsRetries(HatchetTestEngine env) {
    AtomicInteger calls = new AtomicInteger();
    TaskRef<Job, Done> flaky = env.hatchet().task("flaky", TaskOptions.builder().retries(2).build(),
        Job.class, Done.class, (job, ctx) -> {
          calls.incrementAndGet();
          throw new IllegalStateException("disk full on " + job.id() + " at attempt " + ctx.retryCount());
        });
    env.startWorker("errors", 4, flaky);

    assertThatThrownBy(() -> flaky.run(new Job("j1")))
        .isInstanceOfSatisfying(TaskFailedException.class, e -> {
          assertThat(e.errorType()).isEqualTo("java.lang.IllegalStateException");
          assertThat(e.errorMessage()).isEqualTo("disk full on j1 at attempt 2");
          assertThat(e.attempt()).isEqualTo(2);
          assertThat(e.taskName()).isEqualTo("flaky");
          assertThat(e.errors().get("flaky")).startsWith("java.lang.IllegalStateException: disk full on j1");
        })
        .hasNoCause();
    assertThat(calls).hasValue(3);
  }

  @Test
  void anExceptionClassDeclaredNonRetryableFailsAtOnceWithoutUsingTheRetries(HatchetTestEngine env) {
    AtomicInteger calls = new AtomicInteger();
    TaskRef<Job, Done> ledger = env.hatchet().task("ledger",
        TaskOptions.builder().retries(5).nonRetryable(LedgerClosedException.class).build(),
        Job.class, Done.class, (job, ctx) -> {
          calls.incrementAndGet();
          throw new LedgerClosedException("ledger closed for " + job.id());
        });
    env.startWorker("nonretry", 4, ledger);

    assertThatThrownBy(() -> ledger.run(new Job("j2")))
        .isInstanceOfSatisfying(TaskFailedException.class, e -> {
          assertThat(e.errorType()).isEqualTo(LedgerClosedException.class.getName());
          assertThat(e.attempt()).isZero();
        });
    assertThat(calls).hasValue(1);
  }

  @Test
  void aCancelledRunFailsItsWaitersWithRunCancelled(HatchetTestEngine env) throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    TaskRef<Job, Done> slow = env.hatchet().task("slow", Job.class, Done.class, (job, ctx) -> {
      started.countDown();
      while (!ctx.isCancelled()) {
        Thread.sleep(5);
      }
      return new Done(job.id());
    });
    env.startWorker("cancel", 4, slow);

    RunHandle<Done> run = slow.runNoWait(new Job("j3"));
    assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(run.cancel()).isTrue();

    assertThatThrownBy(run::result).isInstanceOf(RunCancelledException.class)
        .hasMessageContaining(run.runId()).hasNoCause();
  }

  @Test
  void anUnreachableEngineIsEngineUnavailableWithoutGrpcTypes(HatchetTestEngine env) {
    Map<String, String> envVars = new java.util.HashMap<>(env.engine().clientEnv());
    envVars.put("HATCHET_CLIENT_HOST_PORT", "127.0.0.1:1");
    try (Hatchet offline = Hatchet.builder().env(envVars).healthPort(-1).build()) {
      TaskRef<Job, Done> t = offline.task("never", Job.class, Done.class, (job, ctx) -> new Done(job.id()));

      assertThatThrownBy(() -> t.run(new Job("j4")))
          .isInstanceOf(EngineUnavailableException.class)
          .isInstanceOf(HatchetException.class)
          .hasMessageContaining("triggering workflow 'never'")
          .hasNoCause();
    }
  }

  @Test
  void theRetryBackoffFollowsTheEnginesClock(HatchetTestEngine env) throws Exception {
    AtomicInteger calls = new AtomicInteger();
    TaskRef<Job, Done> backoff = env.hatchet().task("backoff",
        TaskOptions.builder().retries(1).backoff(2f, 600).build(), Job.class, Done.class, (job, ctx) -> {
          if (calls.incrementAndGet() == 1) {
            throw new IllegalStateException("first attempt fails");
          }
          return new Done(job.id() + "@" + ctx.retryCount());
        });
    env.startWorker("backoff", 4, backoff);

    RunHandle<Done> run = backoff.runNoWait(new Job("j5"));
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (calls.get() < 1 && System.nanoTime() < deadline) {
      Thread.sleep(5);
    }
    Thread.sleep(200);
    assertThat(calls).as("the retry waits for its backoff on the engine's clock").hasValue(1);

    env.advance(Duration.ofSeconds(3));

    assertThat(run.resultAsync().get(10, TimeUnit.SECONDS)).isEqualTo(new Done("j5@1"));
    assertThat(calls).hasValue(2);
  }
}
