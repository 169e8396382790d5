package io.hatchetoperator.sandbox.view;

/** Shows the loop as it runs; called once a second from the sampler thread. */
public interface LiveView {

  /** Shows {@code sample}. */
  void show(Sample sample);

  /** One line, as {@code --no-live} prints it and the panel's header reads. */
  static String line(Sample s) {
    return String.format("t=%3ds queued=%4d busy=%3d/%-3d replicas desired=%2d ready=%2d starting=%2d "
            + "draining=%2d completed=%d/%d",
        s.tMs() / 1000, s.queued(), s.busySlots(), s.totalSlots(), s.desired(), s.ready(), s.starting(),
        s.draining(), s.completed(), s.submitted());
  }
}
