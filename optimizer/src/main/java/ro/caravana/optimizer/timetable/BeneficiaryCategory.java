package ro.caravana.optimizer.timetable;

public enum BeneficiaryCategory {
  CHILD_WITH_DISABILITY,
  ADULT_WITH_DISABILITY,
  VULNERABLE_FAMILY_MEMBER
}
