package ro.caravana.portal.page;

import com.github.jknack.handlebars.Handlebars;
import com.github.jknack.handlebars.Helper;
import com.github.jknack.handlebars.Options;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.templ.handlebars.HandlebarsTemplateEngine;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import ro.caravana.scheduler.access.Role;
import ro.caravana.scheduler.access.Sessions;

/**
 * Server-rendered pages. A page is a template {@code templates/NAME.hbs} and a {@link Builder} that gathers its view
 * model through the JSON API; {@link #page} wraps it with the sign-in check, the role check, the language and the
 * layout's model (navigation, language switch, account). Templates use the layout as
 * {@code {{#partial "content"}}...{{/partial}}{{> layout}}} and these helpers:
 * <ul>
 *   <li>{@code {{t "key" arg0 arg1}}}: a sentence from {@code i18n/pages_LANG.properties};</li>
 *   <li>{@code {{label "list" code}}}: the words for a code of a closed list ({@link Labels});</li>
 *   <li>{@code {{constraintName id}}}, {@code {{constraintWhy id}}}: a planning constraint in words.</li>
 * </ul>
 * Models are maps, {@link JsonObject}s and lists of them; a model key never takes a helper's name ({@code t},
 * {@code label}, {@code eq} ...), which would hide it. Script and style come from {@code /assets} only (the
 * Content-Security-Policy refuses inline code).
 */
public final class Pages {

  private static final Logger LOG = LoggerFactory.getLogger(Pages.class);

  /** Builds a page's model; a failed future with a {@link PageError} renders the error page. */
  @FunctionalInterface
  public interface Builder {
    Future<Map<String, Object>> build(PageRequest request);
  }

  private final HandlebarsTemplateEngine engine;
  private final Messages messages = new Messages();
  private final PageApi api;

  public Pages(Vertx vertx) {
    this.engine = HandlebarsTemplateEngine.create(vertx, "hbs");
    this.api = new PageApi(vertx);
    Handlebars hb = engine.unwrap();
    hb.registerHelper("t", (Helper<Object>) (key, options) -> messages.text(lang(options), String.valueOf(key), options.params));
    hb.registerHelper("label", (Helper<Object>) (list, options) -> {
      // {{label}} without arguments is a model's own "label" property, which the helper's name would otherwise hide
      if (options.params.length == 0) {
        Object own = options.context.get("label");
        return own == null ? "" : own;
      }
      return Labels.text(String.valueOf(list), String.valueOf((Object) options.param(0)), lang(options));
    });
    hb.registerHelper("constraintName", (Helper<Object>) (id, options) -> Labels.constraint(String.valueOf(id))
        .map(w -> w.name().in(lang(options).code())).orElse(messages.text(lang(options), "constraint.other")));
    hb.registerHelper("constraintWhy", (Helper<Object>) (id, options) -> Labels.constraint(String.valueOf(id))
        .map(w -> w.why().in(lang(options).code())).orElse(""));
    hb.registerHelper("eq", (Helper<Object>) (a, options) -> String.valueOf(a).equals(String.valueOf((Object) options.param(0))));
  }

  public Messages messages() {
    return messages;
  }

  public PageApi api() {
    return api;
  }

  private static Lang lang(Options options) {
    Object lang = options.get("lang");
    return Lang.parse(lang == null ? null : lang.toString());
  }

  /** A page for signed-in people of {@code roles}: others are sent to sign in, or told they have no access. */
  public Handler<RoutingContext> page(String template, Set<Role> roles, Builder builder) {
    return ctx -> {
      Lang lang = Lang.of(ctx);
      api.get(ctx, "/api/auth/me").onComplete(me -> {
        if (me.failed()) {
          fail(ctx, lang, null, me.cause());
          return;
        }
        if (me.result().status() == 401) {
          String next = ctx.request().uri();
          ctx.redirect("/intrare?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
          return;
        }
        if (!me.result().ok()) {
          fail(ctx, lang, null, PageError.of(me.result()));
          return;
        }
        JsonObject account = me.result().body();
        PageRequest request = new PageRequest(ctx, lang, account, api, messages);
        if (Role.parse(account.getString("role")).filter(roles::contains).isEmpty()) {
          fail(ctx, lang, account, new PageError(403, "error.forbidden"));
          return;
        }
        Future<Map<String, Object>> model;
        try {
          model = builder.build(request);
        } catch (RuntimeException e) {
          model = Future.failedFuture(e);
        }
        // a form sent back with its mistakes keeps the status its builder set (400, 409, 422); otherwise 200
        model.onSuccess(m -> render(ctx, lang, account, template, m, ctx.response().getStatusCode()))
            .onFailure(e -> fail(ctx, lang, account, e));
      });
    };
  }

  /** A page anyone may open (sign-in, errors). */
  public Handler<RoutingContext> openPage(String template, java.util.function.Function<RoutingContext, Map<String, Object>> model) {
    return ctx -> render(ctx, Lang.of(ctx), null, template, model.apply(ctx), 200);
  }

  /** Renders {@code templates/NAME.hbs} with the layout's model added under its own keys. */
  public void render(RoutingContext ctx, Lang lang, JsonObject account, String template, Map<String, Object> model, int status) {
    Map<String, Object> data = new HashMap<>(model);
    data.put("lang", lang.code());
    data.put("otherLang", lang.other().code());
    data.put("otherLangName", messages.text(lang, "lang.other"));
    data.put("switchHref", ctx.request().path() + "?" + Lang.PARAM + "=" + lang.other().code());
    data.put("path", ctx.request().path());
    var csrf = ctx.request().getCookie(Sessions.CSRF_COOKIE);
    if (csrf != null) data.put("csrf", csrf.getValue());
    if (account != null) {
      Role role = Role.parse(account.getString("role")).orElse(Role.SUPERVISOR);
      data.put("account", account.copy().put("roleLabel", role.label().in(lang.code())));
      data.put("nav", Navigation.forRole(role, ctx.request().path(), lang, messages));
    }
    html(data, template).onSuccess(html -> {
      if (ctx.response().ended()) return;
      ctx.response().setStatusCode(status).putHeader("Content-Type", "text/html; charset=utf-8")
          .putHeader("Cache-Control", "no-store").end(html);
    }).onFailure(e -> {
      LOG.error("page {} did not render", template, e);
      if (!ctx.response().ended()) ctx.response().setStatusCode(500).putHeader("Content-Type", "text/plain; charset=utf-8")
          .end(messages.text(lang, "error.internal"));
    });
  }

  /** The HTML of {@code templates/NAME.hbs} for a complete model (tests render with it too). */
  public Future<io.vertx.core.buffer.Buffer> html(Map<String, Object> model, String template) {
    return engine.render(model, "templates/" + template + ".hbs");
  }

  private void fail(RoutingContext ctx, Lang lang, JsonObject account, Throwable e) {
    PageError error = e instanceof PageError p ? p : new PageError(500, "error.internal");
    if (!(e instanceof PageError)) LOG.error("page {} failed", ctx.request().path(), e);
    Map<String, Object> model = new HashMap<>();
    model.put("title", messages.text(lang, "error.title"));
    model.put("message", messages.text(lang, error.messageKey()));
    render(ctx, lang, account, "error", model, error.status());
  }
}
