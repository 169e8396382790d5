package io.hatchetoperator.sandbox.view;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class LiveViewTest {

  private final Sample sample = new Sample(12_000, 130, 20, 25, 7, 5, 2, 1, 170, 300);

  @Test
  void plainViewPrintsOneLineWithEveryFigure() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    new PlainLiveView(new PrintStream(bytes, true, StandardCharsets.UTF_8)).show(sample);
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertThat(out.lines()).hasSize(1);
    assertThat(out).contains("t= 12s", "queued= 130", "busy= 20/25", "desired= 7", "ready= 5", "starting= 2",
        "draining= 1", "completed=170/300");
  }

  @Test
  void panelRedrawsInPlace() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    PanelLiveView panel = new PanelLiveView(new PrintStream(bytes, true, StandardCharsets.UTF_8), "sandbox");
    panel.show(sample);
    String first = bytes.toString(StandardCharsets.UTF_8);
    panel.show(new Sample(13_000, 0, 25, 25, 7, 7, 0, 0, 200, 300));
    String second = bytes.toString(StandardCharsets.UTF_8).substring(first.length());
    assertThat(first).doesNotContain("\033[8F").contains("queued", "busy slots", "draining");
    assertThat(second).startsWith("\033[8F").contains("200 of 300 submitted");
  }
}
