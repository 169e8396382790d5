package io.hatchetoperator.operator.autoscaling;

import io.hatchetoperator.operator.engine.EngineApi;
import io.hatchetoperator.operator.engine.EngineRestClient;
import io.hatchetoperator.operator.engine.EngineToken;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One poller per engine tenant (API URL + token), shared by every pool of that tenant: pools register
 * their tasks and poll interval; each tenant is polled at the shortest interval of its pools, on a small
 * thread pool; listeners hear of every poll (to trigger the pools' reconciles).
 */
public final class EnginePollers implements AutoCloseable {

  /** Makes the REST client of one tenant. */
  @FunctionalInterface
  public interface ApiFactory {
    /** A client for {@code token}'s tenant at {@code apiUrl}. */
    EngineApi create(URI apiUrl, EngineToken token);
  }

  /** Told after each poll, on the poller thread; must not block. */
  @FunctionalInterface
  public interface PollListener {
    /** {@code snapshot} was just taken for {@code pools}. */
    void polled(TenantSnapshot snapshot, Set<String> pools);
  }

  private static final Logger LOG = LoggerFactory.getLogger(EnginePollers.class);

  private final AutoscalingSettings settings;
  private final Clock clock;
  private final ApiFactory factory;
  private final Map<TenantKey, TenantPoller> tenants = new ConcurrentHashMap<>();
  private final Map<String, TenantKey> poolTenants = new ConcurrentHashMap<>();
  private final List<PollListener> listeners = new CopyOnWriteArrayList<>();
  private ScheduledExecutorService scheduler;
  private ExecutorService workers;

  /** Pollers that build their clients with {@code factory}. */
  public EnginePollers(AutoscalingSettings settings, Clock clock, ApiFactory factory) {
    this.settings = settings;
    this.clock = clock;
    this.factory = factory;
  }

  /** Pollers over Hatchet's REST API, one shared HTTP client. */
  public static EnginePollers overRest(AutoscalingSettings settings, Clock clock) {
    HttpClient http = EngineRestClient.httpClient(settings.engineClient());
    return new EnginePollers(settings, clock,
        (url, token) -> new EngineRestClient(url, token, settings.engineClient(), http));
  }

  /** Adds a listener of polls. */
  public void addListener(PollListener listener) {
    listeners.add(listener);
  }

  /**
   * Registers (or updates) what {@code pool} wants polled; moves it when its tenant changed.
   *
   * @param pool the pool key, {@code namespace/name}
   */
  public void register(String pool, URI apiUrl, EngineToken token, Set<String> tasks,
      Duration interval) {
    TenantKey key = TenantKey.of(apiUrl, token);
    TenantKey previous = poolTenants.put(pool, key);
    if (previous != null && !previous.equals(key)) {
      leave(previous, pool);
    }
    tenants.compute(key, (k, poller) -> {
      TenantPoller p = poller != null ? poller
          : new TenantPoller(k, factory.create(apiUrl, token), clock, settings);
      p.register(pool, tasks, interval);
      return p;
    });
  }

  /** Forgets {@code pool}; its tenant's poller stops when no pool is left. */
  public void unregister(String pool) {
    TenantKey key = poolTenants.remove(pool);
    if (key != null) {
      leave(key, pool);
    }
  }

  private void leave(TenantKey key, String pool) {
    tenants.computeIfPresent(key, (k, poller) -> {
      poller.unregister(pool);
      return poller.isEmpty() ? null : poller;
    });
  }

  /** The latest poll of {@code pool}'s tenant, if any poll finished since it registered. */
  public Optional<TenantSnapshot> latest(String pool) {
    return poller(pool).map(TenantPoller::latest);
  }

  /** The engine client of {@code pool}'s tenant (to pause and unpause its workers). */
  public Optional<EngineApi> api(String pool) {
    return poller(pool).map(TenantPoller::api);
  }

  /** How many tenants are polled. */
  public int tenantCount() {
    return tenants.size();
  }

  private Optional<TenantPoller> poller(String pool) {
    TenantKey key = poolTenants.get(pool);
    return key == null ? Optional.empty() : Optional.ofNullable(tenants.get(key));
  }

  /** Polls, on the calling thread, every tenant that is due; returns how many were polled. */
  public int pollDueNow() {
    int polled = 0;
    for (TenantPoller poller : tenants.values()) {
      if (poller.tryStart()) {
        pollAndNotify(poller);
        polled++;
      }
    }
    return polled;
  }

  /** Starts polling in the background. */
  public synchronized void start() {
    if (scheduler != null) {
      return;
    }
    workers = Executors.newFixedThreadPool(settings.pollerThreads(), daemon("engine-poller"));
    scheduler = Executors.newSingleThreadScheduledExecutor(daemon("engine-poll-scheduler"));
    long tick = settings.schedulerTick().toMillis();
    scheduler.scheduleWithFixedDelay(this::submitDue, 0, tick, TimeUnit.MILLISECONDS);
    LOG.info("engine pollers started ({} threads)", settings.pollerThreads());
  }

  private void submitDue() {
    for (TenantPoller poller : tenants.values()) {
      if (poller.tryStart()) {
        workers.execute(() -> pollAndNotify(poller));
      }
    }
  }

  private void pollAndNotify(TenantPoller poller) {
    TenantSnapshot snapshot = poller.poll();
    Set<String> pools = poller.pools();
    for (PollListener listener : listeners) {
      try {
        listener.polled(snapshot, pools);
      } catch (RuntimeException e) {
        LOG.warn("a poll listener failed for tenant {}", poller.key().label(), e);
      }
    }
  }

  /** Stops polling; waits briefly for polls in flight. */
  @Override
  public synchronized void close() {
    if (scheduler == null) {
      return;
    }
    scheduler.shutdownNow();
    workers.shutdownNow();
    try {
      workers.awaitTermination(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    scheduler = null;
    LOG.info("engine pollers stopped");
  }

  private static java.util.concurrent.ThreadFactory daemon(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }
}
