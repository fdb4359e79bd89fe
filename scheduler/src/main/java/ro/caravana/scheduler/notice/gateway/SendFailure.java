package ro.caravana.scheduler.notice.gateway;

/** A message the gateway did not accept; transient failures are retried with backoff, permanent ones are not. */
public final class SendFailure extends RuntimeException {

  private final boolean transientFailure;

  public SendFailure(String message, boolean transientFailure, Throwable cause) {
    super(message, cause, false, false);
    this.transientFailure = transientFailure;
  }

  public static SendFailure transientFailure(String message, Throwable cause) {
    return new SendFailure(message, true, cause);
  }

  public static SendFailure permanent(String message, Throwable cause) {
    return new SendFailure(message, false, cause);
  }

  public boolean isTransient() {
    return transientFailure;
  }
}
