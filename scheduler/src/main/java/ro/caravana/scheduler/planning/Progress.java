package ro.caravana.scheduler.planning;

import io.vertx.core.json.JsonObject;

/** A step of a running job: which phase, the best score so far, elapsed milliseconds. */
public record Progress(String phase, String bestScore, long elapsedMillis, boolean done) {

  public JsonObject toJson() {
    return new JsonObject().put("phase", phase).put("bestScore", bestScore)
        .put("elapsedMillis", elapsedMillis).put("done", done);
  }
}
