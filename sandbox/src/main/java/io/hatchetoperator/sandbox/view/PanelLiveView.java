package io.hatchetoperator.sandbox.view;

import java.io.PrintStream;

/** The terminal panel: redrawn in place every second with bars for the queue, busy slots and replicas. */
public final class PanelLiveView implements LiveView {

  private static final int BAR = 40;
  private final PrintStream out;
  private final String title;
  private int maxQueued = 1;
  private int maxSlots = 1;
  private int maxReplicas = 1;
  private int drawnLines;

  /** Draws on {@code out} (a terminal that understands ANSI cursor moves) under {@code title}. */
  public PanelLiveView(PrintStream out, String title) {
    this.out = out;
    this.title = title;
  }

  @Override
  public void show(Sample s) {
    maxQueued = Math.max(maxQueued, s.queued());
    maxSlots = Math.max(maxSlots, Math.max(s.totalSlots(), s.busySlots()));
    maxReplicas = Math.max(maxReplicas, Math.max(s.desired(), s.ready() + s.starting() + s.draining()));
    String[] lines = {
        title + "   t=" + s.tMs() / 1000 + "s",
        row("queued", s.queued(), maxQueued, "tasks waiting for a slot"),
        row("busy slots", s.busySlots(), maxSlots, "of " + s.totalSlots() + " slots on ready pods"),
        row("desired", s.desired(), maxReplicas, "replicas the operator asked for"),
        row("ready", s.ready(), maxReplicas, "pods serving"),
        row("starting", s.starting(), maxReplicas, "pods starting up"),
        row("draining", s.draining(), maxReplicas, "pods finishing their tasks after SIGTERM"),
        String.format("%-11s %d of %d submitted", "completed", s.completed(), s.submitted()),
    };
    StringBuilder frame = new StringBuilder();
    if (drawnLines > 0) {
      frame.append("\033[").append(drawnLines).append('F');
    }
    for (String line : lines) {
      frame.append("\033[2K").append(line).append('\n');
    }
    drawnLines = lines.length;
    out.print(frame);
    out.flush();
  }

  private static String row(String label, int value, int max, String note) {
    int filled = (int) Math.round((double) value * BAR / Math.max(1, max));
    return String.format("%-11s %5d %s%s  %s", label, value, "#".repeat(filled), ".".repeat(BAR - filled), note);
  }
}
