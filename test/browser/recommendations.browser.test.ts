import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../../src/domain/setup/demo-seed.js";
import { type BrowserEnv, browserAvailable, openPage, seriousA11yViolations, startBrowserEnv } from "./browser-harness.js";

describe.runIf(browserAvailable)("recommendations registry in a real browser", () => {
  let env: BrowserEnv;
  beforeAll(async () => {
    env = await startBrowserEnv({ recommendations: true });
  });
  afterAll(async () => {
    await env?.close();
  });

  const open = (path: string, options: { javaScript?: boolean; width?: number } = {}) => openPage(env, path, options);

  it("journey 1, first steps: the Senegal focal point finds the 20 supported education recommendations of cycle 2, without JavaScript", async () => {
    const { page, context } = await open("/login", { javaScript: false });
    await page.fill("#field-email", "focal.senegal@demo.passerelle.example");
    await page.fill("#field-password", DEMO_PASSWORD);
    await page.click("button[type=submit]");
    await page.goto(`${env.baseUrl}/countries/SEN`);
    await page.click("text=Search and filter them");
    await page.click(".facets >> text=Supported");
    await page.click(".facets >> text=Cycle 2");
    await page.click(".facets >> text=E5 Right to education");
    expect(await page.textContent("#results-count")).toContain("20 recommendations");
    expect(await page.locator(".rec-item").count()).toBe(20);
    // Each result opens its own page with the position history.
    await page.click(".rec-item >> nth=0 >> a");
    expect(await page.textContent("h1")).toBe("Recommendation to Senegal");
    expect(await page.textContent("main")).toContain("Position history");
    await context.close();
  });

  it("searches in French, with the number of results announced", async () => {
    const { page, context } = await open("/recommendations?lang=fr");
    await page.fill("#f-q", "torture");
    await page.click("form.search-form button");
    const status = await page.textContent("#results-count");
    expect(status).toMatch(/\d[\d  ]* recommandations/);
    expect(await page.getAttribute("#results-count", "role")).toBe("status");
    await context.close();
  });

  it.each([
    "/recommendations?q=girls+education",
    "/recommendations/upr-info%3AUPRINFO-00001",
    "/countries/SEN",
    "/countries/SVN/recommendations",
    "/recommendations?lang=ar&state=SEN",
  ])("%s has no serious a11y violation and fits a 360 px phone", async (path) => {
    const desktop = await open(path);
    expect(await seriousA11yViolations(desktop.page)).toEqual([]);
    await desktop.context.close();
    const phone = await open(path, { width: 360 });
    const overflow = await phone.page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await phone.context.close();
  });
});
