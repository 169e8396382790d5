package io.hatchetoperator.operator.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Repeats become one Event with a count; many different messages for one reason are combined, as client-go does. */
class EventSeriesTest {

  private static final Instant T0 = Instant.parse("2026-12-02T03:00:00Z");
  private final EventSeries series = new EventSeries();

  @Test
  void theSameEventAgainUpdatesTheFirstOnesCount() {
    EventSeries.Write first = record("Scaled", "scale 2 → 7", T0, "e1");
    EventSeries.Write second = record("Scaled", "scale 2 → 7", T0.plusSeconds(30), "e2");
    EventSeries.Write third = record("Scaled", "scale 2 → 7", T0.plusSeconds(90), "e3");

    assertThat(first.create()).isTrue();
    assertThat(second.create()).isFalse();
    assertThat(third).extracting(EventSeries.Write::name, EventSeries.Write::count, EventSeries.Write::firstTimestamp)
        .containsExactly("e1", 3, T0);
    assertThat(record("Scaled", "scale 7 → 9", T0.plusSeconds(91), "e4").create())
        .as("another message is another Event").isTrue();
    assertThat(record("WorkerCordoned", "scale 2 → 7", T0.plusSeconds(92), "e5").create())
        .as("another reason is another Event").isTrue();
  }

  @Test
  void theTenthDifferentMessageWithinTenMinutesStartsOneCombinedSeries() {
    for (int i = 1; i < EventSeries.SIMILAR_LIMIT; i++) {
      assertThat(record("Scaled", "scale to " + i, T0.plusSeconds(i), "e" + i).create()).isTrue();
    }
    EventSeries.Write tenth = record("Scaled", "scale to 10", T0.plusSeconds(10), "e10");
    EventSeries.Write eleventh = record("Scaled", "scale to 11", T0.plusSeconds(11), "e11");

    assertThat(tenth.create()).isTrue();
    assertThat(tenth.message()).isEqualTo("(combined from similar events): scale to 10");
    assertThat(eleventh).extracting(EventSeries.Write::create, EventSeries.Write::name, EventSeries.Write::count,
        EventSeries.Write::message).containsExactly(false, "e10", 2, "(combined from similar events): scale to 11");
  }

  @Test
  void similarMessagesSpreadOverMoreThanTheWindowAreNotCombined() {
    for (int i = 1; i <= 15; i++) {
      EventSeries.Write w = record("Scaled", "scale to " + i,
          T0.plus(EventSeries.SIMILAR_WINDOW.plus(Duration.ofSeconds(1)).multipliedBy(i)), "e" + i);
      assertThat(w.message()).isEqualTo("scale to " + i);
    }
  }

  @Test
  void aForgottenSeriesStartsAgain() {
    EventSeries.Write first = record("Scaled", "x", T0, "e1");
    series.forget(first.key());
    assertThat(record("Scaled", "x", T0.plusSeconds(1), "e2")).extracting(EventSeries.Write::create,
        EventSeries.Write::name).containsExactly(true, "e2");
  }

  private EventSeries.Write record(String reason, String message, Instant at, String name) {
    return series.record(new EventSeries.Occurrence("team/pool/uid-1", "Normal", reason, message, at), name);
  }
}
