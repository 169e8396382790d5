package io.hatchetoperator.sandbox.view;

import java.io.PrintStream;

/** {@code --no-live}: one plain line per sample, for logs and CI. */
public final class PlainLiveView implements LiveView {

  private final PrintStream out;

  /** Prints to {@code out}. */
  public PlainLiveView(PrintStream out) {
    this.out = out;
  }

  @Override
  public void show(Sample sample) {
    out.println(LiveView.line(sample));
    out.flush();
  }
}
