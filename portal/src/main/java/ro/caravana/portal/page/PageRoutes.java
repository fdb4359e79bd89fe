package ro.caravana.portal.page;

import io.vertx.core.Future;
import io.vertx.ext.web.Router;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.Map;
import ro.caravana.portal.family.FamilyPage;
import ro.caravana.portal.field.FieldPages;
import ro.caravana.portal.page.beneficiary.BeneficiaryPages;
import ro.caravana.portal.page.home.DashboardPage;
import ro.caravana.portal.page.planning.PlanPages;
import ro.caravana.portal.page.report.ReportPages;
import ro.caravana.scheduler.SchedulerApp;
import ro.caravana.scheduler.access.Role;

/** The pages of the portal: one {@code router.get(path).handler(pages.page(template, roles, builder))} line each. */
public final class PageRoutes {

  private PageRoutes() {}

  public static Pages mount(Router router, SchedulerApp.Context context) {
    Pages pages = new Pages(context.vertx());
    router.get("/intrare").handler(pages.openPage("signin", ctx -> {
      Map<String, Object> m = new HashMap<>();
      Lang lang = Lang.of(ctx);
      m.put("title", pages.messages().text(lang, "signin.title"));
      String next = ctx.request().getParam("next");
      m.put("next", next == null ? "/" : next);
      m.put("failed", ctx.request().getParam("eroare") != null);
      return m;
    }));
    router.get("/").handler(pages.page("dashboard",
        EnumSet.of(Role.ADMIN, Role.COUNTY_COORDINATOR, Role.CENTRE_COORDINATOR, Role.SUPERVISOR), DashboardPage::build));
    PlanPages.mount(router, pages, context.config().longValue("sms.cost-bani-per-segment"));
    ro.caravana.portal.page.planning.HorizonPages.mount(router, pages);
    BeneficiaryPages.mount(router, pages);
    ReportPages.mount(router, pages);
    ro.caravana.portal.page.organisation.OrganisationPages.mount(router, pages);
    ro.caravana.portal.page.organisation.ImportPage.mount(router, pages);
    // the clinicians' day and the caravan crew's offline day; the family's page behind the SMS link
    FieldPages.mount(router, pages);
    FamilyPage.mount(router, pages);
    // the page behind an invitation or password-reset link
    ro.caravana.portal.page.account.AccountLinkPage.mount(router, pages);
    return pages;
  }
}
