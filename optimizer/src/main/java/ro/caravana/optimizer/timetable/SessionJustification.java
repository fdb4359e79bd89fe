package ro.caravana.optimizer.timetable;

import java.util.List;
import org.optaplanner.core.api.score.stream.ConstraintJustification;

/** Why one or two sessions are penalised, in words the portal can show to a coordinator. */
public record SessionJustification(List<String> sessionIds, String reason) implements ConstraintJustification {

  public static SessionJustification of(Session session, String reason) {
    return new SessionJustification(List.of(session.getId()), reason);
  }

  public static SessionJustification of(Session a, Session b, String reason) {
    return new SessionJustification(List.of(a.getId(), b.getId()), reason);
  }
}
