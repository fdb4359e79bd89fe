package ro.caravana.optimizer.timetable;

/**
 * Medium-level cost of leaving one session unassigned, by the category of the person it serves
 * (a group session costs the highest weight among its members). Children with disabilities first.
 */
public record PriorityWeights(int childWithDisability, int adultWithDisability, int vulnerableFamilyMember) {

  public static final PriorityWeights DEFAULT = new PriorityWeights(10, 6, 3);

  public int of(BeneficiaryCategory category) {
    return switch (category) {
      case CHILD_WITH_DISABILITY -> childWithDisability;
      case ADULT_WITH_DISABILITY -> adultWithDisability;
      case VULNERABLE_FAMILY_MEMBER -> vulnerableFamilyMember;
    };
  }
}
