import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CountryRegister } from "../../src/domain/transparency/register-schemas.js";
import { insertTestRequest } from "../activity-fixtures.js";
import { type BrowserEnv, browserAvailable, horizontalOverflow, openPage, seriousA11yViolations, startBrowserEnv } from "./browser-harness.js";

// Journey 5 (/work/shared/JOURNEYS.md): anyone can see what was provided. A visitor who is not signed in opens the
// transparency register for Senegal, reads what was requested, offered and provided, by provider and theme, and
// downloads CSV, HXL and IATI XML; the withheld activities count in the totals but show no details; drafts never
// appear. Without JavaScript, in English and French, on a 360 px phone, with no serious accessibility violation.
// Counts come from the data (the demo grows), never from constants.

const NO_JS = { javaScript: false } as const;

describe.runIf(browserAvailable)("journey 5: the public transparency register, in a real browser", () => {
  let env: BrowserEnv;
  let register: CountryRegister;
  let withheldTitles: string[] = [];

  beforeAll(async () => {
    env = await startBrowserEnv({ cooperation: true });
    const db = env.server.handle.db;
    const withheld = await db.selectFrom("activities").select("title").where("state_iso3", "=", "SEN").where("details_withheld", "=", true).execute();
    withheldTitles = withheld.map((w) => w.title);
    // A draft request of Senegal, with a title of its own: it must never show.
    const senegal = await db
      .selectFrom("organizations")
      .select("id")
      .where("country_iso3", "=", "SEN")
      .where("org_type", "=", "government")
      .executeTakeFirstOrThrow();
    const draft = await insertTestRequest(db, { stateIso3: "SEN", organizationId: senegal.id, status: "draft" });
    await db
      .updateTable("assistance_requests")
      .set({ title: "Draft request that must never be published (journey test)", visibility: "public" })
      .where("id", "=", draft)
      .execute();
    const response = await env.server.app.inject({ method: "GET", url: "/api/v1/transparency/countries/SEN" });
    register = response.json() as CountryRegister;
  });
  afterAll(async () => {
    await env?.close();
  });

  const text = async (page: Page, selector = "main") => ((await page.textContent(selector)) ?? "").replace(/\s+/g, " ").trim();

  it("a visitor goes from the navigation to Senegal's register and reads requested, offered and provided", async () => {
    const { page, context } = await openPage(env, "/", NO_JS);
    await page.click("nav.site-nav >> text=Transparency");
    await page.waitForURL(/\/transparency$/);
    expect(await text(page, "h1")).toBe("Transparency register");
    await page.click("main table >> text=Senegal");
    await page.waitForURL(/\/transparency\/countries\/SEN$/);
    expect(await text(page, "h1")).toBe("Support requested, offered and provided: Senegal");

    const requested = await text(page, "#block-requested >> xpath=..");
    const offered = await text(page, "#block-offered >> xpath=..");
    const provided = await text(page, "#block-provided >> xpath=..");
    expect(requested).toContain(`${register.requests.total} assistance request`);
    expect(offered).toContain(`${register.offers.total} offer`);
    const total = register.activities.total;
    expect(provided).toContain(`${total.activities} activities`);
    // The withheld activities are in the totals, said in one sentence, and nowhere in detail.
    expect(total.withheldIncluded).toBeGreaterThanOrEqual(3);
    expect(provided).toContain(`These figures include ${total.withheldIncluded} activities whose details are withheld`);
    const committed = new Intl.NumberFormat("en", { style: "currency", currency: "USD", currencyDisplay: "code" }).format(
      total.committed.usd as Intl.StringNumericLiteral,
    );
    expect(provided).toContain(committed.replace(/\s+/g, " "));
    const main = await text(page);
    for (const title of withheldTitles) expect(main).not.toContain(title);
    expect(main).not.toContain("Draft request that must never be published");

    // By provider and by theme; the withheld group in its own row, never under a provider.
    const byProvider = await text(page, "#by-provider >> xpath=..");
    for (const row of register.activities.byProvider.rows) expect(byProvider).toContain(row.label as string);
    if (register.activities.byProvider.notBrokenDown) expect(byProvider).toContain("Withheld activities not broken down");
    // Senegal's cooperation is on the right to education (UHRI theme E5), as its requests and the demo say.
    expect(register.activities.byTheme.rows.map((r) => r.key)).toContain("E5");
    expect(await text(page, "#by-theme >> xpath=..")).toContain("E5 Right to education");

    // The activity table lists the activities the public may see, each linking to its page.
    const links = await page.$$eval("section[aria-labelledby=register-activities] table a[href^='/activities/']", (as) =>
      as.map((a) => a.getAttribute("href")),
    );
    // The first page holds up to 50 of them.
    expect(links.length).toBe(Math.min(50, total.activities - total.withheldIncluded));
    await context.close();
  });

  it("downloads CSV, HXL and IATI XML from the page: each link answers 200 with its type", async () => {
    const { page, context } = await openPage(env, "/transparency/countries/SEN", NO_JS);
    const section = "section[aria-labelledby=register-activities]";
    const hrefOf = (selector: string) => page.getAttribute(selector, "href") as Promise<string>;
    const csv = await hrefOf(`${section} .download-links a[type='text/csv'] >> text=CSV`);
    const hxl = await hrefOf(`${section} .download-links a >> text=HXL`);
    const iati = await hrefOf(`${section} a[type='application/xml']`);
    const checks: [string, RegExp, (body: string) => void][] = [
      [csv, /^text\/csv/, (b) => expect(b).toContain("iati_identifier,title")],
      [hxl, /^text\/csv/, (b) => expect(b.split("\r\n")[1]).toMatch(/^#activity\+code\+iati,#activity\+name,#country\+code/)],
      [iati, /^application\/xml/, (b) => expect(b).toContain('<iati-activities version="2.03"')],
    ];
    for (const [href, type, check] of checks) {
      const response = await context.request.get(`${env.baseUrl}${href}`);
      expect(response.status(), href).toBe(200);
      expect(response.headers()["content-type"]).toMatch(type);
      const body = await response.text();
      check(body);
      for (const title of withheldTitles) expect(body).not.toContain(title);
    }
    // Each breakdown has its own downloads.
    const byProviderHxl = await hrefOf("#by-provider >> xpath=.. >> .download-links a >> text=HXL");
    const response = await context.request.get(`${env.baseUrl}${byProviderHxl}`);
    expect(response.status()).toBe(200);
    expect(await response.text()).toContain("#org+name+funder");
    await context.close();
  });

  it("filters the activity table with the form, without JavaScript", async () => {
    const { page, context } = await openPage(env, "/transparency/countries/SEN", NO_JS);
    await page.selectOption("#f-status", "2");
    await Promise.all([page.waitForURL(/status=2/), page.click("section[aria-labelledby=register-activities] button[type=submit]")]);
    const rows = await page.$$eval("section[aria-labelledby=register-activities] table tbody tr", (trs) => trs.length);
    const expected = (await env.server.app.inject({ method: "GET", url: "/api/v1/transparency/countries/SEN/activities?status=2" })).json() as {
      total: number;
    };
    expect(rows).toBe(expected.total);
    expect(await text(page, "section[aria-labelledby=register-activities] [role=status]")).toContain(`${expected.total}`);
    await context.close();
  });

  it("reads in French", async () => {
    const { page, context } = await openPage(env, "/transparency/countries/SEN?lang=fr", NO_JS);
    expect(await text(page, "h1")).toBe("Appui demandé, offert et fourni : Sénégal");
    expect(await text(page, "#block-provided >> xpath=..")).toContain(
      `Ces chiffres comprennent ${register.activities.total.withheldIncluded} activités dont les détails ne sont pas publiés`,
    );
    await context.close();
  });

  it.each([
    ["/transparency", 1280],
    ["/transparency/countries/SEN", 1280],
    ["/transparency/countries/SEN", 360],
    ["/transparency/countries/SEN?lang=ar", 360],
    ["/transparency/providers/ohchr", 360],
  ])("%s at %i px: no serious accessibility violation, no sideways scrolling", async (path, width) => {
    const { page, context } = await openPage(env, path, { width });
    expect(await seriousA11yViolations(page)).toEqual([]);
    expect(await horizontalOverflow(page)).toBe(0);
    await context.close();
  });
});
