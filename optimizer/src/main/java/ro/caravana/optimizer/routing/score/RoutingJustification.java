package ro.caravana.optimizer.routing.score;

import org.optaplanner.core.api.score.stream.ConstraintJustification;

/**
 * Why a constraint matched, in terms a coordinator can read: which visit or caravan-day, by how
 * much (in the constraint's own unit) and a short reason.
 */
public record RoutingJustification(String subject, String caravanDay, long amount, String reason)
    implements ConstraintJustification {
}
