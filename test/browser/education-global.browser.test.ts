import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BrowserEnv, browserAvailable, horizontalOverflow, openPage, seriousA11yViolations, startBrowserEnv } from "./browser-harness.js";

// /education, the global view of school closures (res. 45/32 PP10; R25; issue 6 item 4) on the real releases: no
// serious or critical axe-core violation in English, French and Arabic (right to left), no sideways scrolling on a
// 360 px phone, and the filter form works without JavaScript (a plain GET form whose downloads keep its query).

describe.runIf(browserAvailable)("global view of school closures: accessibility, phone width, no JavaScript", () => {
  let env: BrowserEnv;
  beforeAll(async () => {
    env = await startBrowserEnv({ closures: true });
  }, 180_000);
  afterAll(async () => {
    await env?.close();
  });

  const pages = ["/education", "/education?release=3&region=002&ldc=1", "/education?release=2"];
  it.each(pages.flatMap((p) => ["en", "fr", "ar"].map((lang) => [p, lang] as const)))("%s (%s)", async (path, lang) => {
    const { page, context } = await openPage(env, `${path}${path.includes("?") ? "&" : "?"}lang=${lang}`);
    try {
      expect(await page.getAttribute("html", "dir")).toBe(lang === "ar" ? "rtl" : "ltr");
      expect(await seriousA11yViolations(page), `${path} (${lang})`).toEqual([]);
      await page.setViewportSize({ width: 360, height: 800 });
      expect(await horizontalOverflow(page), `${path} (${lang}) at 360 px`).toBeLessThanOrEqual(0);
    } finally {
      await context.close();
    }
  });

  it("filters without JavaScript and links the matching downloads", async () => {
    const { page, context } = await openPage(env, "/education", { javaScript: false });
    try {
      const oxcgrt = await page.$eval("#f-release", (s) => Array.from((s as HTMLSelectElement).options).find((o) => o.text.startsWith("OxCGRT"))?.value ?? "");
      await page.selectOption("#f-release", oxcgrt);
      await page.selectOption("#f-region", "150");
      await page.check("#f-sids");
      await Promise.all([page.waitForURL(/region=150/), page.click("form.filters button[type=submit]")]);
      expect(page.url()).toContain(`release=${oxcgrt}`);
      expect(page.url()).toContain("sids=1");
      expect(await page.isChecked("#f-sids")).toBe(true);
      const csv = await page.getAttribute("a[aria-label='Download the daily number of countries by status as CSV']", "href");
      expect(csv).toBe(`/education.csv?release=${oxcgrt}&region=150&sids=1`);
      const response = await page.request.get(`${env.baseUrl}${csv}`);
      expect(response.status()).toBe(200);
      expect(await page.textContent("h1")).toBe("School closures worldwide");
      // The weekly table is the chart's text alternative: it opens without JavaScript.
      await page.click("details.closure-weeks summary");
      expect(await page.isVisible("details.closure-weeks table")).toBe(true);
    } finally {
      await context.close();
    }
  });
});
