package ro.caravana.scheduler.horizon;

import io.vertx.core.Future;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ro.caravana.optimizer.routing.solver.RoutingSolverSettings;
import ro.caravana.scheduler.platform.http.ApiError;

/**
 * Runs horizon jobs on their own planning threads (never an event loop): mark solving, load the
 * county, solve, store stops and report in one transaction. State lives in PostgreSQL; the best
 * score so far is kept here while a job runs.
 */
public final class HorizonService implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(HorizonService.class);

  private final HorizonRepository horizons;
  private final HorizonLoader loader;
  private final ExecutorService workers;
  private final Map<UUID, String> bestScore = new ConcurrentHashMap<>();

  public HorizonService(HorizonRepository horizons, HorizonLoader loader, int workerThreads) {
    this.horizons = horizons;
    this.loader = loader;
    AtomicInteger n = new AtomicInteger();
    this.workers = Executors.newFixedThreadPool(workerThreads, r -> {
      Thread t = new Thread(r, "horizon-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  public HorizonRepository horizons() {
    return horizons;
  }

  public Future<UUID> submit(HorizonRequest request, String requestedBy) {
    return horizons.insert(request, requestedBy).onSuccess(id -> {
      bestScore.put(id, "");
      workers.execute(() -> run(id));
    });
  }

  /** The best score so far of a job running here, or null. */
  public String bestScore(UUID id) {
    String s = bestScore.get(id);
    return s == null || s.isEmpty() ? null : s;
  }

  private void run(UUID id) {
    long t0 = System.nanoTime();
    try {
      await(horizons.markSolving(id));
      HorizonProblem problem = await(loader.load(id));
      if (problem.caravans().isEmpty()) {
        throw ApiError.unprocessable("county", "Județul nu are nicio caravană în serviciu în aceste săptămâni.",
            "The county has no caravan in service in these weeks.");
      }
      long seconds = problem.secondsLimit();
      RoutingSolverSettings settings = RoutingSolverSettings.forSeconds(seconds)
          .withUnimprovedSeconds(Math.max(2, seconds / 2)).withRandomSeed(7L);
      HorizonResult result = HorizonPlanner.solve(problem, settings, s -> bestScore.put(id, s), stop -> { });
      await(horizons.saveResult(id, result));
      LOG.info("horizon {} solved in {} ms: {} {}", id, (System.nanoTime() - t0) / 1_000_000, result.score(),
          result.summary().encode());
    } catch (Throwable e) {
      // anything, an OutOfMemoryError included, ends as a failed horizon: never a job left "solving"
      Throwable cause = e instanceof java.util.concurrent.ExecutionException && e.getCause() != null ? e.getCause() : e;
      LOG.error("horizon {} failed", id, cause);
      String reason = cause instanceof ApiError api ? api.reasonRo() + " / " + api.reasonEn()
          : "Planificarea a eșuat; încercați din nou. / Planning failed; try again.";
      try {
        await(horizons.markFailed(id, reason, cause instanceof ApiError ? HorizonEvent.CAUSE_UNPLANNABLE : HorizonEvent.CAUSE_ERROR));
      } catch (Exception again) {
        LOG.error("horizon {}: cannot record the failure", id, again);
      }
    } finally {
      bestScore.remove(id);
    }
  }

  private static <T> T await(Future<T> f) throws Exception {
    return f.toCompletionStage().toCompletableFuture().get(120, TimeUnit.SECONDS);
  }

  @Override
  public void close() {
    workers.shutdownNow();
  }
}
