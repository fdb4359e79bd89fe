package ro.caravana.optimizer.text;

/**
 * How a coordinator reads one constraint of a planning model: its name and what it protects, in Romanian and
 * English. The solvers' constraint ids are English constants; people never see them.
 */
public record ConstraintWords(Label name, Label why) {

  public static ConstraintWords of(String nameRo, String nameEn, String whyRo, String whyEn) {
    return new ConstraintWords(new Label(nameRo, nameEn), new Label(whyRo, whyEn));
  }
}
