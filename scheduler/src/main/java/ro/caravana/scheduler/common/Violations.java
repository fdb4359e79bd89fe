package ro.caravana.scheduler.common;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import ro.caravana.scheduler.platform.http.ApiError;

/**
 * Reads every field of a request and keeps each problem instead of stopping at the first, so the answer names
 * every invalid field at once: {@code var name = v.read(() -> Fields.text(body, "name"));} ... {@code v.check();}.
 */
public final class Violations {

  private final List<ApiError> errors = new ArrayList<>();

  /** The value, or null when reading it failed (the failure is kept). */
  public <T> T read(Supplier<T> reader) {
    try {
      return reader.get();
    } catch (ApiError e) {
      errors.add(e);
      return null;
    } catch (InvalidValue e) {
      throw new IllegalStateException("use read(field, reader) for domain rules", e);
    }
  }

  /** As {@link #read(Supplier)}, with domain-rule failures ({@link InvalidValue}) charged to {@code field}. */
  public <T> T read(String field, Supplier<T> reader) {
    try {
      return reader.get();
    } catch (ApiError e) {
      errors.add(e);
      return null;
    } catch (InvalidValue e) {
      errors.add(ApiError.unprocessable(field, e.reasonRo(), e.reasonEn()));
      return null;
    }
  }

  public void add(String field, String reasonRo, String reasonEn) {
    errors.add(ApiError.unprocessable(field, reasonRo, reasonEn));
  }

  public void add(ApiError error) {
    errors.add(error);
  }

  public boolean ok() {
    return errors.isEmpty();
  }

  public List<ApiError> errors() {
    return List.copyOf(errors);
  }

  /** Throws one error naming every field at fault, if any. */
  public void check() {
    if (!errors.isEmpty()) throw ApiError.of(errors);
  }
}
