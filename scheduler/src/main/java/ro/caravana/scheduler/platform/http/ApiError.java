package ro.caravana.scheduler.platform.http;

/**
 * A request that cannot be served as asked, with the field at fault and the reason in Romanian
 * and English. The router's failure handler turns it into {@code application/problem+json}.
 */
public final class ApiError extends RuntimeException {

  private final int status;
  private final String field;
  private final String reasonRo;
  private final String reasonEn;

  public ApiError(int status, String field, String reasonRo, String reasonEn) {
    super(reasonEn, null, false, false);
    this.status = status;
    this.field = field;
    this.reasonRo = reasonRo;
    this.reasonEn = reasonEn;
  }

  public static ApiError badRequest(String field, String reasonRo, String reasonEn) {
    return new ApiError(400, field, reasonRo, reasonEn);
  }

  public static ApiError unprocessable(String field, String reasonRo, String reasonEn) {
    return new ApiError(422, field, reasonRo, reasonEn);
  }

  public static ApiError notFound(String field, String reasonRo, String reasonEn) {
    return new ApiError(404, field, reasonRo, reasonEn);
  }

  public static ApiError conflict(String field, String reasonRo, String reasonEn) {
    return new ApiError(409, field, reasonRo, reasonEn);
  }

  public static ApiError unauthorized(String reasonRo, String reasonEn) {
    return new ApiError(401, null, reasonRo, reasonEn);
  }

  public static ApiError forbidden(String reasonRo, String reasonEn) {
    return new ApiError(403, null, reasonRo, reasonEn);
  }

  public int status() { return status; }
  public String field() { return field; }
  public String reasonRo() { return reasonRo; }
  public String reasonEn() { return reasonEn; }
}
