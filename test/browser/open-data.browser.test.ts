import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BrowserEnv, browserAvailable, horizontalOverflow, openPage, seriousA11yViolations, startBrowserEnv } from "./browser-harness.js";

// The open-data page, the searchable activity list and the pages that carry download links (issue 5 items 4 and 5):
// no serious or critical axe-core violation, in English and Arabic (right to left), and no sideways scrolling of the
// page on a 360 px phone. The activity search works without JavaScript (a plain GET form).

describe.runIf(browserAvailable)("open data pages: accessibility, phone width, no JavaScript", () => {
  let env: BrowserEnv;
  beforeAll(async () => {
    env = await startBrowserEnv({ cooperation: true });
  });
  afterAll(async () => {
    await env?.close();
  });

  const pages = [
    "/open-data",
    "/activities?q=teacher&sort=budget",
    "/activities?year=2026&modality=training&sdg=4",
    "/countries?region=002",
    "/offers",
    "/recommendations?state=SEN&cycle=2&position=supported&theme=E5",
  ];
  it.each(pages.flatMap((p) => ["en", "ar"].map((lang) => [p, lang] as const)))("%s (%s)", async (path, lang) => {
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

  it("searches and filters the activity list without JavaScript, and links the matching downloads", async () => {
    const { page, context } = await openPage(env, "/activities", { javaScript: false });
    try {
      await page.fill("#filter-q", "TEACHER");
      await page.selectOption("#filter-sort", "title");
      await Promise.all([page.waitForURL(/q=TEACHER/), page.click("form.filters button[type=submit]")]);
      const count = await page.textContent("p[role=status]");
      expect(count).toMatch(/activit/);
      const csv = await page.getAttribute("a[aria-label='Download the activities as CSV']", "href");
      expect(csv).toBe("/activities.csv?q=TEACHER&sort=title");
      const response = await page.request.get(`${env.baseUrl}${csv}`);
      expect(response.status()).toBe(200);
      expect(response.headers()["content-type"]).toBe("text/csv; charset=utf-8");
    } finally {
      await context.close();
    }
  });
});
