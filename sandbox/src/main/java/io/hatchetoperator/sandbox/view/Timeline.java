package io.hatchetoperator.sandbox.view;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Every sample of a run, oldest first; appended by the sampler, read by the report. Thread-safe. */
public final class Timeline {

  private final List<Sample> samples = new CopyOnWriteArrayList<>();

  /** Appends {@code sample}. */
  public void add(Sample sample) {
    samples.add(sample);
  }

  /** The samples so far. */
  public List<Sample> samples() {
    return List.copyOf(samples);
  }

  /** The last sample, or null before the first. */
  public Sample last() {
    return samples.isEmpty() ? null : samples.get(samples.size() - 1);
  }
}
