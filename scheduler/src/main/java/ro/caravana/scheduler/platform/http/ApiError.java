package ro.caravana.scheduler.platform.http;

import java.util.List;

/**
 * A request that cannot be served as asked, with the field at fault and the reason in Romanian
 * and English. The router's failure handler turns it into {@code application/problem+json}.
 */
public final class ApiError extends RuntimeException {

  private final int status;
  private final String field;
  private final String reasonRo;
  private final String reasonEn;
  private final List<ApiError> errors;
  private io.vertx.core.json.JsonObject details;

  public ApiError(int status, String field, String reasonRo, String reasonEn) {
    this(status, field, reasonRo, reasonEn, List.of());
  }

  private ApiError(int status, String field, String reasonRo, String reasonEn, List<ApiError> errors) {
    super(reasonEn, null, false, false);
    this.status = status;
    this.field = field;
    this.reasonRo = reasonRo;
    this.reasonEn = reasonEn;
    this.errors = List.copyOf(errors);
  }

  /**
   * Several fields at fault at once: the answer lists each in {@code errors} (field and reason); its status is
   * 400 when any field is missing or of the wrong type, 422 otherwise. A single error is answered as itself.
   */
  public static ApiError of(List<ApiError> errors) {
    if (errors.size() == 1) return errors.get(0);
    int status = errors.stream().anyMatch(e -> e.status() == 400) ? 400 : 422;
    return new ApiError(status, errors.get(0).field(),
        errors.size() + " câmpuri au valori nepermise: " + String.join(", ", errors.stream().map(ApiError::field).toList()) + ".",
        errors.size() + " fields have values that are not allowed: "
            + String.join(", ", errors.stream().map(ApiError::field).toList()) + ".", errors);
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
  /** Extra members of the problem document (for example the appointments that keep a record in use). */
  public ApiError withDetails(io.vertx.core.json.JsonObject details) {
    this.details = details;
    return this;
  }

  public io.vertx.core.json.JsonObject details() { return details; }

  /** Every field at fault when there are several; empty for one. */
  public List<ApiError> errors() { return errors; }
}
