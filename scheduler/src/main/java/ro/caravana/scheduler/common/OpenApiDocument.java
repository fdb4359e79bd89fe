package ro.caravana.scheduler.common;

import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/** Serves the OpenAPI description of the API (resource openapi.yaml) at /api/openapi.yaml. */
public final class OpenApiDocument {

  public static final String RESOURCE = "openapi.yaml";

  private OpenApiDocument() {}

  public static void mount(Router router) {
    Buffer document = Buffer.buffer(read());
    router.get("/api/openapi.yaml").handler(ctx -> ctx.response()
        .putHeader("Content-Type", "application/yaml; charset=utf-8")
        .end(document));
  }

  public static byte[] read() {
    try (InputStream in = OpenApiDocument.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) throw new IllegalStateException("missing resource " + RESOURCE);
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
