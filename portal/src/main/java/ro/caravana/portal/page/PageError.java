package ro.caravana.portal.page;

/** A page that cannot be shown, with the status to answer and the sentence key that says why. */
public final class PageError extends RuntimeException {

  private final int status;
  private final String messageKey;

  public PageError(int status, String messageKey) {
    super(messageKey, null, false, false);
    this.status = status;
    this.messageKey = messageKey;
  }

  public static PageError of(PageApi.Answer answer) {
    return switch (answer.status()) {
      case 400, 404 -> new PageError(404, "error.notFound");
      case 403 -> new PageError(403, "error.forbidden");
      default -> new PageError(502, "error.api");
    };
  }

  public int status() { return status; }

  public String messageKey() { return messageKey; }
}
