import type { BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BrowserEnv, browserAvailable, horizontalOverflow, seriousA11yViolations, signIn, startBrowserEnv } from "./browser-harness.js";

// Every technical-cooperation page, on the fictional demo cooperation, signed in as the person who works with it:
// no serious or critical axe-core violation (WCAG 2.1 A/AA), in English and, for a few, in Arabic (right to left);
// and on a 360 px phone the page body never scrolls sideways (wide tables scroll inside their own container).

const FOCAL = "focal.senegal@demo.passerelle.example";
const OHCHR = "officer.ohchr@demo.passerelle.example";

type Who = "focal" | "officer" | "public";
type Ids = { submittedRequest: string; deliveredRequest: string; unescoOffer: string; ohchrOffer: string; activity: string };

describe.runIf(browserAvailable)("technical cooperation pages: accessibility and phone width", () => {
  let env: BrowserEnv;
  const contexts = {} as Record<Who, BrowserContext>;
  const ids = {} as Ids;

  beforeAll(async () => {
    env = await startBrowserEnv({ cooperation: true });
    const db = env.server.handle.db;
    const requestId = async (status: string) =>
      (await db.selectFrom("assistance_requests").select("id").where("state_iso3", "=", "SEN").where("status", "=", status).executeTakeFirstOrThrow()).id;
    const offerId = async (slug: string) =>
      (
        await db
          .selectFrom("offers")
          .innerJoin("organizations", "organizations.id", "offers.organization_id")
          .select("offers.id")
          .where("organizations.slug", "=", slug)
          .executeTakeFirstOrThrow()
      ).id;
    ids.submittedRequest = await requestId("submitted");
    ids.deliveredRequest = await requestId("converted_to_activity");
    ids.unescoOffer = await offerId("unesco");
    ids.ohchrOffer = await offerId("ohchr");
    ids.activity = (
      await db
        .selectFrom("activities")
        .innerJoin("organizations", "organizations.id", "activities.organization_id")
        .select("activities.id")
        .where("organizations.slug", "=", "ohchr")
        .executeTakeFirstOrThrow()
    ).id;
    contexts.focal = (await signIn(env, FOCAL)).context;
    contexts.officer = (await signIn(env, OHCHR)).context;
    contexts.public = await env.browser.newContext({ bypassCSP: true });
  });
  afterAll(async () => {
    for (const c of Object.values(contexts)) await c?.close();
    await env?.close();
  });

  /** A path with its :placeholders replaced by the demo records' ids. */
  const resolve = (path: string) => path.replace(/:(\w+)/g, (_, key: keyof Ids) => ids[key]);
  /** The page in `lang` (passed every time: the app remembers a chosen language in a cookie). */
  const url = (path: string, lang: string) => `${env.baseUrl}${path}${path.includes("?") ? "&" : "?"}lang=${lang}`;

  async function check(who: Who, path: string, lang: string) {
    const context = contexts[who];
    const page = await context.newPage();
    try {
      const response = await page.goto(url(path, lang));
      expect(response?.status(), path).toBe(200);
      expect(await page.getAttribute("html", "dir")).toBe(lang === "ar" ? "rtl" : "ltr");
      expect(await seriousA11yViolations(page), `${path} (${lang})`).toEqual([]);
      await page.setViewportSize({ width: 360, height: 800 });
      expect(await horizontalOverflow(page), `${path} (${lang}) at 360 px`).toBeLessThanOrEqual(0);
    } finally {
      await page.close();
    }
  }

  const pages: [Who, string][] = [
    ["focal", "/requests"],
    ["officer", "/requests"],
    ["focal", "/requests/new"],
    ["focal", "/requests/:submittedRequest"],
    ["officer", "/requests/:submittedRequest"],
    ["focal", "/requests/:deliveredRequest"],
    ["public", "/offers"],
    ["officer", "/offers?mine=1"],
    ["public", "/offers/:unescoOffer"],
    ["focal", "/offers/:ohchrOffer"],
    ["officer", "/offers/new"],
    ["officer", "/offers/new?request=:submittedRequest"],
    ["public", "/providers"],
    ["officer", "/matching/requests/:submittedRequest"],
    ["focal", "/matching/requests/:submittedRequest"],
    ["public", "/activities"],
    ["officer", "/activities/new"],
    ["officer", "/activities/:activity"],
    ["public", "/activities/:activity"],
    ["focal", "/activities/:activity/consent"],
    ["officer", "/activities/:activity/edit"],
    ["focal", "/activities/:activity/edit"],
    ["focal", "/countries/SEN/profile"],
    ["public", "/countries/SEN/profile"],
    ["officer", "/countries/SEN/coordination"],
    ["focal", "/countries/SEN/digest"],
    ["focal", "/pairings"],
    ["focal", "/recommendations?state=SEN&position=supported&cycle=2&theme=E5"],
  ];

  it.each(pages)("%s: %s in English", async (who, path) => {
    await check(who, resolve(path), "en");
  });

  const arabic: [Who, string][] = [
    ["officer", "/requests"],
    ["focal", "/requests/new"],
    ["focal", "/requests/:submittedRequest"],
    ["officer", "/matching/requests/:submittedRequest"],
    ["officer", "/offers/new?request=:submittedRequest"],
    ["officer", "/activities/:activity"],
    ["focal", "/activities/:activity/consent"],
    ["officer", "/activities/:activity/edit"],
    ["officer", "/countries/SEN/coordination"],
    ["focal", "/countries/SEN/digest"],
    ["focal", "/recommendations?state=SEN&position=supported&cycle=2&theme=E5"],
  ];

  it.each(arabic)("%s: %s in Arabic, right to left", async (who, path) => {
    await check(who, resolve(path), "ar");
  });
});
