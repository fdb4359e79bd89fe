package ro.caravana.scheduler.platform.outbox;

import java.util.List;

/** Kafka topics, one per aggregate. */
public final class Topics {

  public static final String BENEFICIARIES = "caravana.beneficiaries";
  public static final String CARE_PLANS = "caravana.careplans";
  public static final String APPOINTMENTS = "caravana.appointments";
  public static final String ATTENDANCE = "caravana.attendance";
  public static final String PLANS = "caravana.plans";
  /** Plan requests keyed by county: solver instances in one consumer group share the counties. */
  public static final String PLAN_REQUESTS = "caravana.plan-requests";

  /** Centres, rooms, staff and caravans created, changed or retired, keyed by county. */
  public static final String ORGANISATION = "caravana.organisation";

  /** Caravan horizons requested, solved or failed, keyed by county. */
  public static final String HORIZONS = "caravana.horizons";

  public static final List<String> ALL = List.of(BENEFICIARIES, CARE_PLANS, APPOINTMENTS, ATTENDANCE, PLANS, PLAN_REQUESTS,
      ORGANISATION, HORIZONS);

  private Topics() {}
}
