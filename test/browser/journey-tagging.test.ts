import path from "node:path";
import type { Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_ACCOUNTS } from "../../src/domain/setup/demo-seed.js";
import type { ModelEvaluation, TagModel } from "../../src/domain/tagging/tag-model.js";
import { formatScore } from "../../src/http/pages/tagging-about-parts.js";
import { defaultTagModel } from "../../src/imports/tag-model-file.js";
import { formatDate, translator } from "../../src/web/i18n/i18n.js";
import { type BrowserEnv, browserAvailable, horizontalOverflow, openPage, seriousA11yViolations, signIn, startBrowserEnv } from "./browser-harness.js";

// Journey 8 (/work/shared/JOURNEYS.md), "Tagging with a human in the loop": an OHCHR officer imports a new thematic
// list (OHCHR's real Word document for Slovenia, UPR cycle 3); suggested UHRI themes and SDG goals appear with their
// confidence; the officer accepts one and rejects another; the accepted one is official on the recommendation page
// with its provenance, while a visitor who is not signed in sees no unconfirmed suggestion; the public "How tagging
// works" page shows the measured accuracy. In a real browser, with axe and a 360 px check. Figures come from the
// model's own evaluation and the app's own messages, never from constants.

const SLOVENIA_DOCX = path.resolve(import.meta.dirname, "../../resources/uhri-slovenia/UPR34_Slovenia_Thematic_list_of_Recommendations.docx");
const OFFICER = DEMO_ACCOUNTS.find((a) => a.email === "officer.ohchr@demo.passerelle.example");
const t = translator("en");

// Placeholders are bidi-isolated in the page (U+2066–U+2069, for Arabic): compared without the marks.
const text = async (locator: Locator) =>
  ((await locator.textContent()) ?? "")
    .replace(/[\u2066-\u2069]/g, "")
    .replace(/\s+/g, " ")
    .trim();

async function expectAccessible(page: Page) {
  const violations = await seriousA11yViolations(page);
  expect(violations, JSON.stringify(violations, null, 1)).toEqual([]);
}

describe.runIf(browserAvailable)("journey 8: tagging with a human in the loop", () => {
  let env: BrowserEnv;
  let model: TagModel;
  let evaluation: ModelEvaluation;
  // Carried from one step to the next, as the officer would.
  let recommendationPath = "";
  let acceptedName = "";
  let rejectedName = "";
  let stillPending: string[] = [];

  beforeAll(async () => {
    model = defaultTagModel();
    if (!model.evaluation) throw new Error("The committed tagging model must carry its evaluation");
    evaluation = model.evaluation;
    env = await startBrowserEnv();
  }, 240_000);
  afterAll(async () => {
    await env?.close();
  });

  it("an OHCHR officer imports Slovenia's thematic list and reviews the suggested themes and SDG goals", async () => {
    if (!OFFICER) throw new Error("demo OHCHR officer missing");
    const { page, context } = await signIn(env, OFFICER.email);
    try {
      await page.goto(`${env.baseUrl}/tagging/import`);
      expect(await text(page.locator("h1"))).toBe(t("tagging.import.title"));
      await expectAccessible(page);
      await page.setInputFiles("#field-file", SLOVENIA_DOCX);
      await page.click("form[action='/tagging/import'] button[type=submit]");
      await page.waitForURL(/\/tagging\/review/, { timeout: 60_000 });
      expect(await text(page.locator("h1"))).toBe(t("tagging.review.title"));
      expect(await text(page.locator(".notice[role=status]").first())).toContain("UPR34_Slovenia_Thematic_list_of_Recommendations.docx");

      // Suggested UHRI themes and SDG goals, each with its confidence, wait in the queue.
      const items = page.locator(".review-item");
      expect(await items.count()).toBeGreaterThan(0);
      const suggestions = page.locator(".review-item .tag-suggestion");
      const all = await suggestions.allTextContents();
      expect(all.some((s) => s.includes(t("tagging.scheme.uhri")))).toBe(true);
      expect(all.some((s) => s.includes(t("tagging.scheme.sdg")))).toBe(true);
      for (const s of all) expect(s).toMatch(/Confidence: \d{1,3}%/);
      await expectAccessible(page);

      // The first recommendation with a suggested theme and at least one other suggestion: accept the theme, reject another.
      let item: Locator | null = null;
      for (let i = 0; i < (await items.count()) && !item; i++) {
        const candidate = items.nth(i);
        const kinds = await candidate.locator(".tag-suggestion:visible").allTextContents();
        if (kinds.length >= 2 && kinds.some((k) => k.includes(t("tagging.scheme.uhri")))) item = candidate;
      }
      if (!item) throw new Error("no recommendation with a suggested theme and another suggestion");
      const headingId = (await item.locator("h2").getAttribute("id")) as string;
      recommendationPath = (await item.locator("h2 a").getAttribute("href")) as string;
      expect(recommendationPath).toMatch(/^\/recommendations\//);
      const itemOf = () => page.locator(`article[aria-labelledby='${headingId}']`);

      // Suggestions under their label's threshold sit in a closed "also possible" list: the officer decides on those shown.
      const theme = itemOf()
        .locator(".tag-suggestion:visible", { hasText: t("tagging.scheme.uhri") })
        .first();
      acceptedName = await text(theme.locator("strong").first());
      await theme.locator("button[value=accept]").click();
      await page.waitForURL(/tagged=accepted/);
      expect(await text(page.locator(".notice[role=status]").first())).toBe(t("tagging.flash.accepted", { tag: acceptedName }));

      const other = itemOf().locator(".tag-suggestion:visible").first();
      rejectedName = await text(other.locator("strong").first());
      expect(rejectedName).not.toBe(acceptedName);
      await other.locator("button[value=reject]").click();
      await page.waitForURL(/tagged=rejected/);
      expect(await text(page.locator(".notice[role=status]").first())).toBe(t("tagging.flash.rejected", { tag: rejectedName }));
      stillPending = await itemOf().locator(".tag-suggestion strong").allTextContents();
      expect(stillPending).not.toContain(acceptedName);
      expect(stillPending).not.toContain(rejectedName);
    } finally {
      await context.close();
    }
  });

  it("the accepted theme is official on the recommendation page, with its provenance", async () => {
    if (!OFFICER) throw new Error("demo OHCHR officer missing");
    const { page, context } = await signIn(env, OFFICER.email);
    try {
      await page.goto(`${env.baseUrl}${recommendationPath}`);
      const official = page.locator("#tags .tag-official").first();
      const line = page.locator("#tags li", { hasText: acceptedName }).first();
      expect(await text(official)).toContain(acceptedName);
      const provenance = t("tagging.prov.accepted", {
        model: model.name,
        version: model.version,
        name: OFFICER.displayName,
        date: formatDate("en", new Date()),
      });
      expect(await text(line)).toContain(provenance);
      // The rejected suggestion is kept as a record for reviewers, never among the official tags.
      const rejected = page.locator("#tags details.tag-more", { hasText: rejectedName });
      expect(await rejected.count()).toBeGreaterThan(0);
      await expectAccessible(page);
    } finally {
      await context.close();
    }
  });

  it("a visitor who is not signed in sees the official tags and no unconfirmed suggestion", async () => {
    const { page, context } = await openPage(env, recommendationPath, { javaScript: false, width: 360 });
    try {
      const panel = page.locator("#tags");
      expect(await text(panel.locator(".tag-official").first())).toContain(acceptedName);
      expect(await panel.locator(".tag-suggestion").count()).toBe(0);
      expect(await panel.locator("form").count()).toBe(0);
      const panelText = await text(panel);
      expect(panelText).not.toContain(t("tagging.pending"));
      expect(panelText).not.toContain(rejectedName);
      for (const name of stillPending) expect(panelText).not.toContain(name.trim());
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    } finally {
      await context.close();
    }
  });

  it("the public 'How tagging works' page shows the measured accuracy, overall and per label", async () => {
    // JavaScript stays on only so that axe can run: the page itself has no script (checked below).
    const { page, context } = await openPage(env, "/");
    try {
      await page.click(`footer >> text=${t("taggingabout.title")}`);
      await page.waitForURL(/\/tagging$/);
      expect(await text(page.locator("h1"))).toBe(t("taggingabout.title"));
      expect(await text(page.locator("#headline-micro-f1 .stat-number"))).toBe(formatScore("en", evaluation.microF1, 3));
      expect(await text(page.locator("#headline-macro-f1 .stat-number"))).toBe(formatScore("en", evaluation.macroF1, 3));
      const rows = page.locator("section[aria-labelledby='tagging-per-label'] tbody tr");
      expect(await rows.count()).toBe(Object.keys(evaluation.perLabel).length);
      const [label, scores] = Object.entries(evaluation.perLabel).sort((a, b) => b[1].support - a[1].support || a[0].localeCompare(b[0], "en"))[0] as [
        string,
        ModelEvaluation["perLabel"][string],
      ];
      expect(await text(rows.first().locator("th"))).toContain(label);
      expect(await text(rows.first().locator("td").last())).toBe(formatScore("en", scores.f1));
      expect(await page.locator("figure.tagging-chart svg[role='img']").count()).toBe(1);
      expect(await page.$$("script")).toHaveLength(0);
      await expectAccessible(page);
    } finally {
      await context.close();
    }
  });

  it("works on a 360 px phone in Arabic, and the try-it form answers without JavaScript", async () => {
    const { page, context } = await openPage(env, "/tagging?lang=ar", { javaScript: false, width: 360 });
    try {
      expect(await page.getAttribute("html", "dir")).toBe("rtl");
      expect(await text(page.locator("h1"))).toBe(translator("ar")("taggingabout.title"));
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
      await page.fill("#field-text", "Ratify the Optional Protocol to the Convention against Torture and establish a national preventive mechanism.");
      await page.click("form.tagging-try-form button[type=submit]");
      await page.waitForURL(/\/tagging\?.*text=/);
      expect(await page.locator(".tagging-result tbody tr").count()).toBeGreaterThan(0);
      expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
    } finally {
      await context.close();
    }
    const checked = await openPage(env, "/tagging?lang=ar&text=Abolish+the+death+penalty&more=1", { width: 360 });
    try {
      await expectAccessible(checked.page);
    } finally {
      await checked.context.close();
    }
  });
});
