package ro.caravana.scheduler.planning;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs plan jobs on a bounded pool of planning threads (never an event loop). Each job: mark solving,
 * load the county-week, solve with live progress on the event bus, store the outcome. State lives in
 * PostgreSQL; what only this process knows (the running solver, its latest progress) is kept here.
 */
public final class PlanningService implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(PlanningService.class);

  private final Vertx vertx;
  private final PlanRepository plans;
  private final Function<UUID, Future<WeekProblem>> loader;
  private final WeekPlanner planner;
  private final ExecutorService workers;
  private final Map<UUID, StopSignal> running = new ConcurrentHashMap<>();
  private final Map<UUID, Progress> latest = new ConcurrentHashMap<>();
  private final int workerThreads;
  /** Jobs given to this instance's threads and not finished (queued on them or solving). */
  private final AtomicInteger busy = new AtomicInteger();
  private final java.util.concurrent.atomic.AtomicBoolean claiming = new java.util.concurrent.atomic.AtomicBoolean();

  public PlanningService(Vertx vertx, PlanRepository plans, Function<UUID, Future<WeekProblem>> loader,
      WeekPlanner planner, int workerThreads) {
    this.vertx = vertx;
    this.plans = plans;
    this.loader = loader;
    this.planner = planner;
    this.workerThreads = workerThreads;
    AtomicInteger n = new AtomicInteger();
    this.workers = Executors.newFixedThreadPool(workerThreads, r -> {
      Thread t = new Thread(r, "planning-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  public static String progressAddress(UUID planId) {
    return "plans.progress." + planId;
  }

  public PlanRepository plans() {
    return plans;
  }

  public Future<UUID> submit(PlanRequest request, UUID basePlan, Disruption disruption, String requestedBy) {
    return submit(request, basePlan, disruption, requestedBy, null);
  }

  public Future<UUID> submit(PlanRequest request, UUID basePlan, Disruption disruption, String requestedBy,
      UUID requestId) {
    return plans.insert(request, basePlan, disruption, requestedBy, requestId).onSuccess(this::execute);
  }

  private void execute(UUID id) {
    running.put(id, new StopSignal());
    busy.incrementAndGet();
    workers.execute(() -> run(id));
  }

  /**
   * With a thread free, takes over one plan-request job another instance has queued but not started, so work
   * moves to idle instances instead of waiting behind a busy one's queue. Answers whether it took one.
   */
  public Future<Boolean> claimIfIdle() {
    if (busy.get() >= workerThreads || !claiming.compareAndSet(false, true)) return Future.succeededFuture(false);
    return plans.claimQueued().map(claimed -> {
      claimed.ifPresent(id -> {
        LOG.info("plan {} taken over from a busy planner instance", id);
        execute(id);
      });
      return claimed.isPresent();
    }).eventually(() -> {
      claiming.set(false);
      return Future.succeededFuture();
    });
  }

  /** Ends solving early; the best plan so far is kept. False when the job is not running here. */
  public boolean stop(UUID id) {
    StopSignal signal = running.get(id);
    if (signal == null) return false;
    signal.request();
    return true;
  }

  public Progress latest(UUID id) {
    return latest.get(id);
  }

  public boolean isRunning(UUID id) {
    return running.containsKey(id);
  }

  private void run(UUID id) {
    StopSignal stop = running.get(id);
    long t0 = System.nanoTime();
    boolean mine = true;
    try {
      if (!await(plans.markSolving(id))) { // another instance took it over while it waited here
        mine = false;
        LOG.info("plan {} is solved by another planner instance", id);
        return;
      }
      WeekProblem problem = await(loader.apply(id));
      publish(id, new Progress("loaded", null, elapsed(t0), false));
      PlanOutcome outcome = planner.plan(problem, p -> publish(id, p), stop);
      await(plans.saveOutcome(id, outcome));
      LOG.info("plan {} solved in {} ms: {}", id, elapsed(t0), outcome.score().encode());
    } catch (Exception e) {
      Throwable cause = e instanceof java.util.concurrent.ExecutionException && e.getCause() != null ? e.getCause() : e;
      if (cause instanceof ro.caravana.scheduler.platform.http.ApiError) {
        LOG.warn("plan {} failed: {}", id, cause.toString());
      } else {
        LOG.error("plan {} failed", id, cause);
      }
      String reason = cause instanceof ro.caravana.scheduler.platform.http.ApiError api
          ? api.reasonRo() + " / " + api.reasonEn()
          : "Planificarea a eșuat / Planning failed: " + cause.getClass().getSimpleName()
              + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
      try {
        await(plans.markFailed(id, reason));
      } catch (Exception again) {
        LOG.error("plan {}: cannot record the failure", id, again);
      }
    } finally {
      if (mine) {
        Progress last = latest.getOrDefault(id, new Progress("done", null, elapsed(t0), true));
        publish(id, new Progress("done", last.bestScore(), elapsed(t0), true));
      }
      running.remove(id);
      busy.decrementAndGet();
    }
  }

  private void publish(UUID id, Progress progress) {
    latest.put(id, progress);
    vertx.eventBus().publish(progressAddress(id), progress.toJson());
  }

  private static long elapsed(long t0) {
    return (System.nanoTime() - t0) / 1_000_000;
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    running.values().forEach(StopSignal::request);
    workers.shutdownNow();
  }
}
