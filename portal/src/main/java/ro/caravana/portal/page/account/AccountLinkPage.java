package ro.caravana.portal.page.account;

import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;
import ro.caravana.portal.page.Lang;
import ro.caravana.portal.page.Pages;

/**
 * The page behind an invitation or password-reset link ({@code /cont/{token}}): who the account is, the password
 * rules, one field to set the password (through {@code /api/account-links/{token}}, which checks the policy and
 * uses the link up), then the way to sign in. No account is needed: the link decides.
 */
public final class AccountLinkPage {

  /** A link token as the accounts API writes it (URL-safe base64); anything else is not looked up. */
  private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{16,128}");

  private final Pages pages;

  private AccountLinkPage(Pages pages) {
    this.pages = pages;
  }

  public static void mount(Router router, Pages pages) {
    AccountLinkPage page = new AccountLinkPage(pages);
    router.get("/cont/:token").handler(page::show);
    router.post("/cont/:token").handler(BodyHandler.create(false).setBodyLimit(16 * 1024));
    router.post("/cont/:token").handler(page::set);
  }

  private static String api(String token) {
    return "/api/account-links/" + token;
  }

  private void show(RoutingContext ctx) {
    Lang lang = Lang.of(ctx);
    String token = ctx.pathParam("token");
    if (token == null || !TOKEN.matcher(token).matches()) {
      gone(ctx, lang);
      return;
    }
    pages.api().get(ctx, api(token)).onSuccess(a -> {
      if (!a.ok()) {
        gone(ctx, lang);
        return;
      }
      pages.render(ctx, lang, null, "account-link", form(a.body(), lang, null), 200);
    }).onFailure(e -> gone(ctx, lang));
  }

  private void set(RoutingContext ctx) {
    Lang lang = Lang.of(ctx);
    String token = ctx.pathParam("token");
    if (token == null || !TOKEN.matcher(token).matches()) {
      gone(ctx, lang);
      return;
    }
    String password = ctx.request().getFormAttribute("password");
    pages.api().send(ctx, HttpMethod.POST, api(token), new JsonObject().put("password", password == null ? "" : password))
        .onSuccess(a -> {
          if (a.ok()) {
            Map<String, Object> m = new HashMap<>();
            m.put("title", pages.messages().text(lang, "account.doneTitle"));
            m.put("done", true);
            m.put("email", a.body().getString("email"));
            pages.render(ctx, lang, null, "account-link", m, 200);
          } else if (a.status() == 400 || a.status() == 422) {
            // the policy refused the password: the form again, the reason next to the field
            JsonObject reason = a.body() == null ? null : a.body().getJsonObject("reason");
            String error = reason == null ? pages.messages().text(lang, "account.invalid") : reason.getString(lang.code());
            pages.api().get(ctx, api(token)).onSuccess(info -> {
              if (!info.ok()) {
                gone(ctx, lang);
                return;
              }
              pages.render(ctx, lang, null, "account-link", form(info.body(), lang, error), 422);
            }).onFailure(e -> gone(ctx, lang));
          } else {
            gone(ctx, lang);
          }
        })
        .onFailure(e -> gone(ctx, lang));
  }

  private Map<String, Object> form(JsonObject link, Lang lang, String error) {
    Map<String, Object> m = new HashMap<>();
    boolean invite = "invite".equals(link.getString("purpose"));
    m.put("title", pages.messages().text(lang, invite ? "account.inviteTitle" : "account.resetTitle"));
    String name = link.getString("displayName");
    m.put("who", name == null || name.isBlank() ? link.getString("email") : name + " (" + link.getString("email") + ")");
    m.put("invite", invite);
    JsonObject rules = link.getJsonObject("passwordRules");
    m.put("rules", rules == null ? "" : rules.getString(lang.code()));
    if (error != null) m.put("error", error);
    return m;
  }

  private void gone(RoutingContext ctx, Lang lang) {
    Map<String, Object> m = new HashMap<>();
    m.put("title", pages.messages().text(lang, "account.goneTitle"));
    m.put("gone", true);
    pages.render(ctx, lang, null, "account-link", m, 404);
  }
}
