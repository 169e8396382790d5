package io.hatchetoperator.worker;

import java.util.ArrayList;
import java.util.List;

/**
 * A workflow's options as PutWorkflow sends them: event triggers (keys, namespaced like pushed events), cron
 * triggers (5-field expressions, UTC) with their input, concurrency limits, the default priority of its runs and
 * sticky assignment (null: none).
 */
public record WorkflowOptions(List<String> onEvents, List<String> onCrons, Object cronInput,
    List<ConcurrencyLimit> concurrency, Integer defaultPriority, Sticky sticky) {

  /** Whether a run's tasks stay on the worker that started it: HARD only there, SOFT there when it can. */
  public enum Sticky { SOFT, HARD }

  /** No triggers, no limits, Hatchet's default priority. */
  public static final WorkflowOptions DEFAULTS = builder().build();

  public WorkflowOptions {
    onEvents = List.copyOf(onEvents);
    onCrons = List.copyOf(onCrons);
    concurrency = List.copyOf(concurrency);
    if (defaultPriority != null && (defaultPriority < 1 || defaultPriority > 3)) {
      throw new IllegalArgumentException("defaultPriority=" + defaultPriority + " is out of range: use 1 (low), 2 "
          + "or 3 (high)");
    }
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds {@link WorkflowOptions}. */
  public static final class Builder {
    private final List<String> onEvents = new ArrayList<>();
    private final List<String> onCrons = new ArrayList<>();
    private Object cronInput;
    private final List<ConcurrencyLimit> concurrency = new ArrayList<>();
    private Integer defaultPriority;
    private Sticky sticky;

    /** Starts a run for every pushed event with this key. */
    public Builder onEvent(String key) { onEvents.add(key); return this; }

    /** Starts a run on this cron schedule (UTC); {@code cronInput} is its input. */
    public Builder onCron(String expression) { onCrons.add(expression); return this; }

    public Builder cronInput(Object input) { this.cronInput = input; return this; }

    public Builder concurrency(String expression, int maxRuns, ConcurrencyLimit.Strategy strategy) {
      concurrency.add(new ConcurrencyLimit(expression, maxRuns, strategy));
      return this;
    }

    /** The priority of runs that do not set one (1 low … 3 high). */
    public Builder defaultPriority(int priority) { this.defaultPriority = priority; return this; }

    public Builder sticky(Sticky sticky) { this.sticky = sticky; return this; }

    public WorkflowOptions build() {
      return new WorkflowOptions(onEvents, onCrons, cronInput, concurrency, defaultPriority, sticky);
    }
  }
}
