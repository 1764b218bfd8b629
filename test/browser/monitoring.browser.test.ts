import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoMonitoring } from "../../src/domain/setup/demo-monitoring.js";
import { type BrowserEnv, browserAvailable, horizontalOverflow, openPage, seriousA11yViolations, signIn, startBrowserEnv } from "./browser-harness.js";

// National monitoring of education (R25, R26, R27) in a real browser: Senegal's focal point records a mechanism and
// an indicator value with JavaScript switched off; the pages have no serious or critical axe-core violation in
// English, French and Arabic (right to left), and do not scroll sideways on a 360 px phone.

const FOCAL = "focal.senegal@demo.passerelle.example";
const NO_JS = { javaScript: false };

describe.runIf(browserAvailable)("monitoring pages", () => {
  let env: BrowserEnv;
  beforeAll(async () => {
    env = await startBrowserEnv();
    await seedDemoMonitoring(env.server.handle.db);
  });
  afterAll(async () => {
    await env?.close();
  });

  it("lets Senegal's focal point add a mechanism and an indicator value without JavaScript", async () => {
    const { page, context } = await signIn(env, FOCAL, NO_JS);
    try {
      await page.goto(`${env.baseUrl}/countries/SEN/monitoring`);
      await page.click("a[href='/countries/SEN/monitoring/mechanisms/new']");
      await page.fill("#field-name", "Teachers' union survey of remote teaching");
      await page.selectOption("#field-kind", "cso_coalition");
      await page.check("input[name=monitors][value=remote_learning]");
      await page.check("input[name=monitors][value=teacher_workforce]");
      await page.selectOption("#field-frequency", "quarterly");
      await page.selectOption("#field-childrenParticipation", "consulted");
      await page.fill("#field-childrenConsulted", "30");
      await page.fill("#field-girlsConsulted", "31");
      await page.click("form.stacked:not(.danger-zone) button[type=submit]");
      // The refusal names the field, next to it, and keeps what was typed.
      expect(await page.textContent("#girlsConsulted-error")).toContain("must not be more than the number of children consulted");
      expect(await page.inputValue("#field-name")).toBe("Teachers' union survey of remote teaching");
      await page.fill("#field-girlsConsulted", "14");
      await Promise.all([page.waitForURL(/\/countries\/SEN\/monitoring\?saved=1/), page.click("form.stacked button[type=submit]")]);
      expect(await page.textContent("main")).toContain("30 children and adolescents, of whom 14 girls");

      await page.click("a:has-text('Values and details') >> nth=0");
      await page.fill("#field-year", "2023");
      await page.selectOption("#field-sex", "female");
      await page.fill("#field-value", "68.2");
      await Promise.all([page.waitForURL(/\?saved=1/), page.click("#value-form form.stacked button[type=submit]")]);
      const table = await page.textContent("table");
      expect(table).toMatch(/2023\s*—\s*68\.2\s*—/);
    } finally {
      await context.close();
    }
  });

  const pages = ["/countries/SEN/monitoring", "/education/monitoring", "/countries/SEN/monitoring/mechanisms/new"];
  it.each(pages.flatMap((p) => ["en", "fr", "ar"].map((lang) => [p, lang] as const)))("%s (%s): axe and 360 px", async (path, lang) => {
    const opened = path.endsWith("/new") ? await signIn(env, FOCAL, { lang }) : await openPage(env, `${path}?lang=${lang}`);
    const { page, context } = opened;
    try {
      if (path.endsWith("/new")) await page.goto(`${env.baseUrl}${path}`);
      expect(await page.getAttribute("html", "dir")).toBe(lang === "ar" ? "rtl" : "ltr");
      expect(await seriousA11yViolations(page), `${path} (${lang})`).toEqual([]);
      await page.setViewportSize({ width: 360, height: 800 });
      expect(await horizontalOverflow(page), `${path} (${lang}) at 360 px`).toBeLessThanOrEqual(0);
    } finally {
      await context.close();
    }
  });
});
