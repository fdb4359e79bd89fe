package ro.caravana.optimizer.timetable;

/**
 * A person receiving care, the centre they attend, when they can come (children: after school on
 * weekdays) and when they or their family prefer to come.
 */
public final class Beneficiary {

  private final String id;
  private final BeneficiaryCategory category;
  private final Centre centre;
  private final WeekMask availability;
  private final WeekMask preferred;

  public Beneficiary(String id, BeneficiaryCategory category, Centre centre, WeekMask availability, WeekMask preferred) {
    this.id = id;
    this.category = category;
    this.centre = centre;
    this.availability = availability;
    this.preferred = preferred;
  }

  public String id() { return id; }
  public BeneficiaryCategory category() { return category; }
  public Centre centre() { return centre; }
  public WeekMask availability() { return availability; }
  public WeekMask preferred() { return preferred; }

  @Override public String toString() { return id; }
}
