import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoMonitoring } from "../../src/domain/setup/demo-monitoring.js";
import { type BrowserEnv, browserAvailable, horizontalOverflow, openPage, startBrowserEnv } from "./browser-harness.js";

// Journey 7, "Education under COVID-19" (JOURNEYS.md): anyone, without JavaScript, on a phone, in English and French.
// The global view compares regions; from a State's country page the education page shows the closure timeline from
// UNESCO and OxCGRT with the days they disagree, days closed, the State's education recommendations, its education
// requests and activities and its national monitoring, in one view. Real closure releases and recommendations;
// fictional requests, activities and monitoring (labelled so).

describe.runIf(browserAvailable)("journey 7: education under COVID-19", () => {
  let env: BrowserEnv;
  beforeAll(async () => {
    env = await startBrowserEnv({ cooperation: true, closures: true });
    await seedDemoMonitoring(env.server.handle.db);
  }, 240_000);
  afterAll(async () => {
    await env?.close();
  });

  it("compares regions on the global view, then reads Senegal's need, commitment and support on one page (en)", async () => {
    const { page, context } = await openPage(env, "/education", { javaScript: false, width: 360 });
    try {
      expect(await page.textContent("h1")).toBe("School closures worldwide");
      // The regions compared: the five M49 regions, Americas closed longest in UNESCO's daily release.
      const regionRows = await page.locator("table:has(caption:text('School closures by M49 region')) tbody tr th").allTextContents();
      expect(regionRows.map((r) => r.trim())).toEqual(["Americas", "Asia", "Africa", "Europe", "Oceania"]);
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);

      await page.goto(`${env.baseUrl}/countries/SEN`);
      await page.click("text=Education: school closures, recommendations and support");
      expect(page.url()).toMatch(/\/countries\/SEN\/education$/);
      expect(await page.textContent("h1")).toBe("Education in Senegal");
      // The timeline of the three releases, as a chart and as a table.
      expect(await page.locator(".closure-timeline svg[role='img']").count()).toBe(1);
      const sources = await page.locator(".closure-sources li strong").allTextContents();
      expect(sources.some((s) => s.startsWith("OxCGRT C1 school closing"))).toBe(true);
      expect(sources.some((s) => s.startsWith("UNESCO daily status"))).toBe(true);
      // UNESCO vs OxCGRT: every day of the common period is counted once, disagreements included (0 for Senegal).
      const compare = await page.locator("#edu-compare ~ section.closure-comparison, section.closure-comparison").first().textContent();
      expect(compare).toContain("Days on which they disagree");
      expect(compare).toMatch(/Days in the common period\s*366/);
      // Commitment: Senegal's 25 education recommendations, 20 supported in cycle 2.
      const commitment = (await page.locator("section[aria-labelledby='edu-commitment']").textContent()) ?? "";
      expect(commitment).toContain("25 recommendations on education");
      expect(commitment).toMatch(/Cycle 2\s*20/);
      // Need and support: the fictional request and activities on education, each linked.
      const support = page.locator("section[aria-labelledby='edu-support']");
      expect(await support.locator("a[href^='/requests/']").count()).toBe(1);
      expect(await support.locator("a[href^='/activities/']").count()).toBe(2);
      // National monitoring, and the SDG 4 matrix.
      expect(await page.textContent("#edu-monitoring + p")).toBe("2 monitoring mechanisms and 2 indicator series recorded for this State.");
      expect(await page.locator("section[aria-labelledby='edu-sdg4'] tbody tr").count()).toBe(10);
      expect(await page.$$("script")).toHaveLength(0);
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    } finally {
      await context.close();
    }
  });

  it("reads the same page in French", async () => {
    const { page, context } = await openPage(env, "/countries/SEN/education?lang=fr", { javaScript: false, width: 360 });
    try {
      expect(await page.textContent("h1")).toBe("Éducation : Sénégal");
      expect(await page.textContent("#edu-compare")).toBe("Sources et versions comparées jour par jour");
      expect(await page.textContent("#edu-monitoring")).toBe("Suivi national");
      expect(await page.locator("a[href='/countries/SEN/monitoring']").count()).toBe(1);
    } finally {
      await context.close();
    }
  });
});
