package ro.caravana.portal.page;

import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.ext.web.RoutingContext;
import java.util.Locale;

/**
 * The language of the pages: Romanian unless the person chose English. {@code ?lang=en} (or {@code ro}) on any page
 * switches and is remembered in a cookie for a year.
 */
public enum Lang {
  RO, EN;

  public static final String COOKIE = "caravana_lang";
  public static final String PARAM = "lang";

  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public Lang other() {
    return this == RO ? EN : RO;
  }

  public Locale locale() {
    return this == RO ? Locale.forLanguageTag("ro-RO") : Locale.UK;
  }

  /** Only the two codes are recognised; anything else is Romanian. */
  public static Lang parse(String code) {
    return "en".equalsIgnoreCase(code) ? EN : RO;
  }

  /** The request's language; a {@code lang} parameter also sets the cookie. */
  public static Lang of(RoutingContext ctx) {
    String asked = ctx.request().getParam(PARAM);
    if (asked != null) {
      Lang lang = parse(asked);
      ctx.response().addCookie(Cookie.cookie(COOKIE, lang.code()).setPath("/").setMaxAge(365L * 24 * 3600)
          .setSameSite(CookieSameSite.LAX).setHttpOnly(true));
      return lang;
    }
    Cookie cookie = ctx.request().getCookie(COOKIE);
    return cookie == null ? RO : parse(cookie.getValue());
  }
}
