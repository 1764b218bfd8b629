import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BrowserEnv, browserAvailable, horizontalOverflow, openPage, seriousA11yViolations, startBrowserEnv } from "./browser-harness.js";

// The country education page (R11, R25) in a real browser on the three real closure releases: without JavaScript,
// in English, French and Arabic (right to left), no serious or critical axe-core violation, no sideways scrolling
// on a 360 px phone; the table of periods opens without JavaScript (a <details> element).

describe.runIf(browserAvailable)("country education page: accessibility, phone width, no JavaScript", () => {
  let env: BrowserEnv;
  beforeAll(async () => {
    env = await startBrowserEnv({ cooperation: true, closures: true });
  });
  afterAll(async () => {
    await env?.close();
  });

  it.each([
    ["/countries/SEN/education", "en"],
    ["/countries/SEN/education", "fr"],
    ["/countries/USA/education", "ar"],
    ["/countries/GRL/education", "en"],
  ])("%s (%s)", async (path, lang) => {
    // axe-core runs as a script, so this check needs JavaScript; the page itself has none (checked below).
    const { page, context } = await openPage(env, `${path}?lang=${lang}`);
    try {
      expect(await page.getAttribute("html", "dir")).toBe(lang === "ar" ? "rtl" : "ltr");
      // Open every <details> so axe checks the tables too.
      for (const summary of await page.$$("details > summary")) await summary.click();
      expect(await seriousA11yViolations(page), `${path} (${lang})`).toEqual([]);
      await page.setViewportSize({ width: 360, height: 800 });
      expect(await horizontalOverflow(page), `${path} (${lang}) at 360 px`).toBeLessThanOrEqual(0);
    } finally {
      await context.close();
    }
  });

  it("opens the periods table without JavaScript and shows the chart at phone width", async () => {
    const { page, context } = await openPage(env, "/countries/SEN/education", { javaScript: false, width: 360 });
    try {
      expect(await page.isVisible("details.closure-periods table")).toBe(false);
      await page.click("details.closure-periods > summary");
      expect(await page.isVisible("details.closure-periods table")).toBe(true);
      const box = await page.locator(".closure-timeline svg").boundingBox();
      expect(box?.width).toBeGreaterThan(250);
      expect(box?.width).toBeLessThanOrEqual(360);
      expect(await page.textContent(".closure-timeline svg title")).toBe("School closures by source release");
      expect(await page.$$("script")).toHaveLength(0);
    } finally {
      await context.close();
    }
  });
});
