import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type BrowserEnv, browserAvailable, signIn, startBrowserEnv } from "./browser-harness.js";

// User journeys 1–4 (/work/shared/JOURNEYS.md) end to end through the real pages, in real Chromium, WITHOUT
// JavaScript (every step is a link or a form post), each with at least one step in French. The steps share one
// request, offer and activity, so they run in order; the demo cooperation seed supplies the other providers' offers
// and the UNICEF activity the coordination page warns about.

const FOCAL = "focal.senegal@demo.passerelle.example";
const OHCHR = "officer.ohchr@demo.passerelle.example";
const NO_JS = { javaScript: false } as const;
const OFFER_TITLE = "Formation des enseignants à l'enseignement à distance et retour des filles à l'école (test du parcours)";
const NOTE_VERBALE = "NV/SEN/2026/215 (journey test)";
const REQUEST_TITLE = "Teacher training for distance learning and girls' return to school (journey test)";

describe.runIf(browserAvailable)("technical cooperation journeys 1–4 in a real browser, without JavaScript", () => {
  let env: BrowserEnv;
  /** Filled by the steps as the journey goes. */
  const trail = { requestId: "", reference: "", offerId: "", activityId: "" };

  beforeAll(async () => {
    env = await startBrowserEnv({ cooperation: true });
  });
  afterAll(async () => {
    await env?.close();
  });

  const goto = (page: Page, path: string) => page.goto(`${env.baseUrl}${path}`);
  const text = async (page: Page, selector = "main") => squash((await page.textContent(selector)) ?? "");
  /** Clicks a link or a submit button and waits for the page it leads to; a refused form fails with its error summary. */
  const clickThrough = async (page: Page, selector: string, expected: RegExp) => {
    await page.click(selector);
    try {
      await page.waitForURL(expected, { timeout: 10_000 });
    } catch {
      const shown = (await page.locator(".error-summary").allTextContents()).join(" | ") || (await text(page)).slice(0, 400);
      throw new Error(`${selector} led to ${page.url()}: ${shown}`);
    }
  };

  it("journey 1: the Senegal focal point selects three supported education recommendations and drafts a request from them", async () => {
    const { page, context } = await signIn(env, FOCAL, NO_JS);
    await goto(page, "/countries/SEN");
    await page.click("text=Search and filter them");
    await page.click(".facets >> text=Supported");
    await page.click(".facets >> text=Cycle 2");
    await page.click(".facets >> text=E5 Right to education");
    expect(await page.textContent("#results-count")).toContain("20 recommendations");
    const chosen = await Promise.all([0, 1, 2].map((i) => page.getAttribute(`#rec-select-${i}`, "value")));
    for (const i of [0, 1, 2]) await page.check(`#rec-select-${i}`);
    await clickThrough(page, "text=Start an assistance request from the selected recommendations", /\/requests\/new\?/);
    const url = new URL(page.url());
    expect(url.searchParams.getAll("recommendation")).toEqual(chosen);

    // The recommendations are linked and their theme is ticked. UPR Info records carry no SDG tags, so nothing is
    // ticked for SDGs: the form lists SDG 4's targets first (res. 45/32 OP7) for the focal point to choose.
    expect(await text(page)).toContain("Started from 3 recommendations: their themes and groups of persons are filled in.");
    expect(await page.isChecked("#field-themes-E5")).toBe(true);
    const themes = await page.$$eval("input[name=themes]:checked", (xs) => xs.map((x) => (x as HTMLInputElement).value));
    expect(themes).toContain("E5");
    expect(await text(page, "#field-sdgTargets .request-option-group .meta")).toBe("Goal 4: Quality education");
    expect((await page.inputValue("#field-recommendationIds")).split(/\s+/)).toEqual(chosen);
    for (const target of ["4.1", "4.5", "4.c"]) await page.check(`[id="field-sdgTargets-${target}"]`);

    await page.fill("#field-title", REQUEST_TITLE);
    await page.fill(
      "#field-needsStatement",
      "Teachers need training to teach at a distance, and many girls did not come back to school after the closures: we need a girls' return-to-school programme.",
    );
    await page.check("#field-continuityNeeds-teacher_training");
    await page.check("#field-covidContext");
    await page.selectOption("#field-covidPhase", "recovery");
    await page.check("#field-workingLanguages-fr");
    await page.fill("#field-timeframeStart", isoDay(30));
    await page.fill("#field-timeframeEnd", isoDay(400));
    await page.fill("#field-budgetAmount", "180000");
    await page.fill("#field-budgetCurrency", "USD");
    await clickThrough(page, "button[name=intent][value=save]", /\/requests\/[0-9a-f-]+\?done=saved$/);
    trail.requestId = new URL(page.url()).pathname.split("/")[2] as string;
    const saved = await text(page);
    expect(saved).toContain("The draft was saved.");
    expect(await page.textContent("h1")).toBe(REQUEST_TITLE);
    expect(saved).toContain("no reference yet");
    expect(saved).toContain("COVID-19 related: COVID-19 recovery");
    expect(saved).toContain("Working languagesFrançais");
    expect(saved).toContain("Estimated budget$180,000.00");
    expect(saved).toContain("SDG targets4.1, 4.5, 4.c");
    expect(saved).toContain("Continuity of educationTeacher training and support");
    expect(saved).toContain("girls' return-to-school programme");
    expect(await page.locator(".rec-list .rec-item").count()).toBe(3);
    await context.close();
  });

  it("journey 1, later and in French: the focal point opens the draft from its list, addresses it to OHCHR and UNESCO, submits it and gets a reference", async () => {
    const { page, context } = await signIn(env, FOCAL, { ...NO_JS, lang: "fr" });
    await goto(page, "/requests");
    const mine = page.locator("section[aria-labelledby=state-requests]");
    expect(await mine.locator("h2").textContent()).toBe("Les demandes de votre État");
    const row = mine.locator("tr", { hasText: REQUEST_TITLE });
    expect(await row.textContent()).toContain("Brouillon");
    await row.locator("a").click();
    await page.waitForURL(new RegExp(`/requests/${trail.requestId}$`));
    await clickThrough(page, "text=Modifier le brouillon", /\/edit$/);
    // What was saved comes back in the form.
    expect(Number(await page.inputValue("#field-budgetAmount"))).toBe(180000);
    expect(await page.isChecked("#field-continuityNeeds-teacher_training")).toBe(true);
    await page.getByRole("checkbox", { name: /^OHCHR — / }).check();
    await page.getByRole("checkbox", { name: /^UNESCO — / }).check();
    await clickThrough(page, "button[name=intent][value=submit]", /\?done=submitted$/);
    const notice = await text(page, "p.notice");
    const reference = /TA-SEN-(\d{4})-\d{4}/.exec(notice)?.[0];
    expect(reference, notice).toBeDefined();
    expect(reference?.slice(7, 11)).toBe(String(new Date().getUTCFullYear()));
    expect(notice).toBe(`La demande a été soumise. Sa référence est ${reference}.`);
    trail.reference = reference as string;
    expect(await text(page, "main")).toContain("Soumise");

    // The same page in English: the status and the reference the State will quote.
    await goto(page, `/requests/${trail.requestId}?lang=en`);
    const detail = await text(page);
    expect(detail).toContain(trail.reference);
    expect(await page.textContent("main .badge")).toBe("Submitted");
    expect(detail).toContain("Office of the United Nations High Commissioner for Human Rights");
    expect(detail).toContain("United Nations Educational, Scientific and Cultural Organization");
    await context.close();
  });

  it("journey 2: the OHCHR officer finds the request in the queue, acknowledges it, reads the ranked offers and makes an offer", async () => {
    const { page, context } = await signIn(env, OHCHR, NO_JS);
    await goto(page, "/requests");
    const row = page.locator("section[aria-labelledby=queue] tr", { hasText: REQUEST_TITLE });
    const cells = await row.locator("td").allTextContents();
    expect(cells[0]).toBe(trail.reference);
    expect(cells[1]).toBe("Senegal");
    expect(cells[3]).toBe("Submitted");
    expect(cells[5]?.trim()).toBe("0 days (0 working days)");
    await row.locator("a").click();
    await page.waitForURL(new RegExp(`/requests/${trail.requestId}$`));
    await clickThrough(page, "button:has-text('Acknowledge receipt')", /done=acknowledged/);
    expect(await text(page, "p.notice")).toBe("Done. The request is now: Acknowledged.");

    await clickThrough(page, "text=Offers ranked for the request", new RegExp(`/matching/requests/${trail.requestId}$`));
    // UNESCO's teacher-training offer ranks first, and says why: theme, SDG 4.c, French, continuity need, addressee.
    const ranked = page.locator(".match-item");
    expect(await ranked.count()).toBeGreaterThanOrEqual(2);
    const best = ranked.first();
    expect(await best.locator("h3 a").textContent()).toBe("Teacher training for distance and blended learning in francophone Africa (fictional example)");
    expect(await text(page, ".match-item:first-child .meta")).toContain("United Nations Educational, Scientific and Cultural Organization");
    const reasons = await best.locator(".match-reasons li.match-hit").allTextContents();
    expect(reasons.find((r) => r.startsWith("Themes:"))).toContain("E5 Right to education");
    expect(reasons.find((r) => r.startsWith("SDG targets:"))).toMatch(/^SDG targets: 4\.c;/);
    // 11.1 points: weights are scaled over the factors in play, and the themes the tagging model reads in the needs
    // statement join as a factor of their own (issue 7, matching reuse).
    expect(reasons.find((r) => r.startsWith("Language:"))).toMatch(/^Language: French \(11\.1 of 11\.1 points\)/);
    expect(reasons.find((r) => r.startsWith("Continuity of education:"))).toContain("Teacher training and support");
    // Then the South-South peer exchange, which matches on region (Africa) and French but not on teacher training.
    const second = ranked.nth(1);
    expect(await second.locator("h3 a").textContent()).toBe("Peer exchange on lessons by television and radio (fictional example)");
    expect(await text(page, ".match-item:nth-child(2) .meta")).toContain("South–South cooperation");
    const secondReasons = await second.locator(".match-reasons li").allTextContents();
    expect(secondReasons.find((r) => r.startsWith("Region:"))).toMatch(/^Region: Africa/);
    expect(secondReasons.find((r) => r.startsWith("Continuity of education:"))).toMatch(/no match/);
    const scores = (await ranked.locator("h3 .badge").allTextContents()).map(Number);
    expect(scores[0]).toBeGreaterThan(scores[1] as number);

    // The same ranking in French, and the offer is drafted in French from there.
    await goto(page, `/matching/requests/${trail.requestId}?lang=fr`);
    const enFrancais = await text(page, ".match-item:first-child .match-reasons");
    expect(enFrancais).toContain("Thèmes : E5 Droit à l'éducation");
    expect(enFrancais).toContain("Langue : français (11,1 points sur 11,1)");
    expect(enFrancais).toContain("Continuité de l'éducation : Formation et accompagnement des enseignants");
    await clickThrough(page, "text=Faire une offre pour cette demande", new RegExp(`/offers/new\\?request=${trail.requestId}$`));
    // The offer starts from what the request asks: its theme, SDG targets and French.
    expect(await text(page, "p.notice")).toContain(`En réponse à la demande ${trail.reference} de l'État suivant : Sénégal`);
    expect(await page.isChecked("#field-themes-E5")).toBe(true);
    expect(await page.inputValue("#field-sdgTargets")).toBe("4.1, 4.5, 4.c");
    expect(await page.isChecked("#field-languages-fr")).toBe(true);
    await page.fill("#field-title", OFFER_TITLE);
    await page.fill("#field-description", "Une formation de formateurs pour 400 enseignants et l'appui à un programme de retour des filles à l'école.");
    await page.selectOption("#field-textLang", "fr");
    await page.fill("#field-budgetAmount", "150000");
    await page.fill("#field-budgetCurrency", "USD");
    await page.fill("#field-fundSource", "Fonds de contributions volontaires pour la coopération technique dans le domaine des droits de l'homme");
    await clickThrough(page, "button:has-text('Enregistrer le brouillon')", /\/offers\/[0-9a-f-]+\?saved=1$/);
    trail.offerId = new URL(page.url()).pathname.split("/")[2] as string;
    expect(await text(page, "p.notice")).toBe("L'offre a été enregistrée.");
    expect(await text(page, "main .badge")).toBe("Brouillon");
    await clickThrough(page, 'button:has-text("Publier l\'offre")', /\?changed=1$/);
    expect(await text(page, "main .badge")).toBe("Publiée");
    const facts = await text(page, "dl.facts");
    expect(facts).toContain("Budget150 000,00 $US");
    expect(facts).toContain("Source de financementFonds de contributions volontaires");

    // Publishing the offer moves the request on: "offer made", in the timeline too.
    await goto(page, `/requests/${trail.requestId}?lang=en`);
    expect(await page.textContent("main .badge")).toBe("Offer made");
    expect(await page.locator("ol.history li").allTextContents()).toEqual([
      expect.stringContaining("Draft created"),
      expect.stringContaining("Submitted"),
      expect.stringContaining("Acknowledged"),
      expect.stringContaining("Offer made"),
    ]);
    await context.close();
  });

  it("journey 3: the focal point reads the offer and accepts it; OHCHR starts the activity; the focal point records consent; OHCHR starts implementation", async () => {
    const focal = await signIn(env, FOCAL, NO_JS);
    await goto(focal.page, `/requests/${trail.requestId}`);
    await focal.page.click("text=Offers ranked for the request");
    const mine = focal.page.locator(".match-item", { hasText: "made for this request" });
    expect(await mine.locator("h3 a").textContent()).toBe(OFFER_TITLE);
    await mine.locator("h3 a").click();
    await focal.page.waitForURL(new RegExp(`/offers/${trail.offerId}$`));
    const offered = await text(focal.page, "dl.facts");
    expect(offered).toContain("Budget$150,000.00");
    expect(offered).toContain("Source of fundsFonds de contributions volontaires");
    await clickThrough(focal.page, "button:has-text('Accept this offer')", /\?changed=1$/);
    expect(await text(focal.page, "main .badge")).toBe("Accepted");

    const officer = await signIn(env, OHCHR, NO_JS);
    await goto(officer.page, "/activities");
    await clickThrough(officer.page, "text=Start an activity", /\/activities\/new$/);
    expect(await officer.page.locator("#field-offer-offerId option", { hasText: OFFER_TITLE }).getAttribute("value")).toBe(trail.offerId);
    await officer.page.selectOption("#field-offer-offerId", trail.offerId);
    await clickThrough(officer.page, "section[aria-labelledby=from-offer] button[type=submit]", /\/activities\/[0-9a-f-]+\?saved=1$/);
    trail.activityId = new URL(officer.page.url()).pathname.split("/")[2] as string;
    // In the pipeline, blocked until the State consents; it answers the request and its three recommendations.
    expect(await text(officer.page, "main > p:has(.badge)")).toContain("Pipeline No consent recorded — the activity cannot start");
    expect(await officer.page.isDisabled("button:has-text('Start or resume implementation')")).toBe(true);
    const answers = await text(officer.page);
    expect(answers).toContain(`${trail.reference} — ${REQUEST_TITLE}`);
    expect(answers).toContain("BudgetUSD 150,000.00");

    // The focal point records the consent, in French: note verbale, its reference, the scope and the date.
    await goto(focal.page, `/activities/${trail.activityId}/consent?lang=fr`);
    expect(await focal.page.textContent("h1")).toBe(`Consentement de l'État : ${OFFER_TITLE}`);
    await focal.page.fill("#field-consent-grantedByName", "Awa Diop (demo), point focal pour la coopération technique");
    await focal.page.selectOption("#field-consent-channel", "note_verbale");
    await focal.page.fill("#field-consent-channelReference", NOTE_VERBALE);
    await focal.page.fill("#field-consent-scope", "Formation de 400 enseignants et programme de retour des filles à l'école, 2027.");
    await focal.page.fill("#field-consent-counterparts", "Ministère de l'Éducation nationale");
    await focal.page.fill("#field-consent-grantedOn", isoDay(0));
    await clickThrough(focal.page, "button:has-text('Enregistrer le consentement')", /\/consent\?saved=1$/);
    expect(await text(focal.page, "p.notice")).toBe("Enregistré.");
    const record = await text(focal.page, ".consent-record");
    expect(record).toContain("Valable ce jour");
    expect(record).toContain(`Note verbale — ${NOTE_VERBALE}`);
    expect(record).toContain("Formation de 400 enseignants");

    // Now the provider can start implementation.
    await goto(officer.page, `/activities/${trail.activityId}`);
    await clickThrough(officer.page, "button:has-text('Start or resume implementation')", /\?saved=1$/);
    const status = await text(officer.page, "main > p:has(.badge)");
    expect(status).toMatch(/^Implementation Consent recorded on /);
    expect(await officer.page.locator("ol.history li").allTextContents()).toEqual([
      expect.stringContaining("Pipeline"),
      expect.stringContaining("Implementation"),
    ]);
    // The request has become an activity.
    await goto(focal.page, `/requests/${trail.requestId}?lang=en`);
    expect(await text(focal.page, "main .badge")).toBe("Became an activity");
    await focal.context.close();
    await officer.context.close();
  });

  it("journey 4: OHCHR records money, a result disaggregated by sex and national actors; the coordination page warns of the overlap with UNICEF", async () => {
    const { page, context } = await signIn(env, OHCHR, NO_JS);
    const edit = `/activities/${trail.activityId}/edit`;
    await goto(page, `/activities/${trail.activityId}`);
    await clickThrough(page, "text=Edit the activity", /\/edit$/);

    // IATI transactions: a commitment, then a first disbursement.
    for (const [type, date, amount, description] of [
      ["2", isoDay(-2), "150000", "Commitment"],
      ["3", isoDay(-1), "60000", "First disbursement"],
    ] as const) {
      await page.selectOption("#field-transaction-transactionType", type);
      await page.fill("#field-transaction-transactionDate", date);
      await page.fill("#field-transaction-amount", amount);
      await page.selectOption("#field-transaction-currency", "USD");
      await page.fill("#field-transaction-description", description);
      await clickThrough(page, "button:has-text('Record the transaction')", /\/edit\?saved=transaction/);
    }

    // A result with an indicator (baseline, target), and values by sex.
    await page.selectOption("#field-result-resultType", "1");
    await page.fill("#field-result-title", "Teachers trained in distance teaching");
    await clickThrough(page, "button:has-text('Add the result')", /\/edit\?saved=result/);
    await page.selectOption("#field-indicator-resultId", { label: "Teachers trained in distance teaching" });
    await page.fill("#field-indicator-title", "Teachers trained");
    await page.selectOption("#field-indicator-measure", "1");
    await page.fill("#field-indicator-baselineYear", isoDay(0).slice(0, 4));
    await page.fill("#field-indicator-baselineValue", "0");
    await page.fill("#field-indicator-targetValue", "400");
    await clickThrough(page, "button:has-text('Add the indicator')", /\/edit\?saved=indicator/);
    for (const [sex, value] of [
      ["total", "180"],
      ["female", "110"],
      ["male", "70"],
    ] as const) {
      await page.selectOption("#field-value-indicatorId", { label: "Teachers trained in distance teaching — Teachers trained" });
      await page.fill("#field-value-periodStart", isoDay(-1));
      await page.fill("#field-value-periodEnd", isoDay(0));
      await page.fill("#field-value-value", value);
      await page.selectOption("#field-value-sex", sex);
      await clickThrough(page, "button:has-text('Record the value')", /\/edit\?saved=value/);
    }

    // National actors by type: the ministry of education (named, with its agreement) and a teachers' union.
    await page.selectOption("#field-actor-actorType", "government_ministry");
    await page.selectOption("#field-actor-involvement", "implementation");
    await page.fill("#field-actor-name", "Ministère de l'Éducation nationale");
    await page.check("#field-actor-nameConsented");
    await clickThrough(page, "button:has-text('Add the national actor')", /\/edit\?saved=actor/);
    await page.selectOption("#field-actor-actorType", "teachers_union");
    await page.selectOption("#field-actor-involvement", "consultation");
    await clickThrough(page, "button:has-text('Add the national actor')", /\/edit\?saved=actor/);
    expect(page.url()).toContain(edit);

    await goto(page, `/activities/${trail.activityId}`);
    const totals = await page.locator("table:has(caption:has-text('Totals by type and currency')) tbody tr").allTextContents();
    expect(totals.map(squash)).toEqual(["Outgoing commitmentUSDUSD 150,000.00", "DisbursementUSDUSD 60,000.00"]);
    const indicator = page.locator(".indicator", { hasText: "Teachers trained" });
    const facts = await text(page, ".indicator dl");
    expect(facts).toContain(`Baseline0 (${isoDay(0).slice(0, 4)})`);
    expect(facts).toContain("Target400");
    expect(await indicator.locator("thead th").allTextContents()).toEqual(["Period", "All", "Female", "Male", "Other breakdowns"]);
    expect(await indicator.locator("tbody td").allTextContents()).toEqual(["180", "110", "70", "—"]);
    expect(await indicator.locator("meter").getAttribute("value")).toBe("45");
    expect(await page.locator("ul.inclusiveness li").allTextContents()).toEqual(["Government ministry or agency: 1", "Teachers' union: 1"]);

    // The coordination page, in French: another provider (UNICEF) works with the same ministry on the same theme.
    await goto(page, "/countries/SEN/coordination?lang=fr");
    expect(await page.textContent("#overlaps-h")).toBe("Chevauchements possibles");
    const warning = page.locator(".overlap", { hasText: OFFER_TITLE });
    expect(await warning.count()).toBe(1);
    expect(await text(page, `.overlap:has-text("${OFFER_TITLE}") > p`)).toBe(
      `Back-to-school campaign for girls (fictional example) (UNICEF) et ${OFFER_TITLE} (OHCHR)`,
    );
    const why = await warning.locator("dd").allTextContents();
    // French punctuation: a no-break space before the colon.
    expect(why[0]).toBe("Ministère ou organisme public\u00a0: Ministère de l'Éducation nationale");
    expect(why[1]).toBe("E5 Droit à l'éducation");
    expect(why[2]).toBe("4.1");
    await context.close();
  });

  it("journey 3, later: the focal point revokes the consent; the activity is suspended and keeps its history and records", async () => {
    const { page, context } = await signIn(env, FOCAL, NO_JS);
    await goto(page, `/activities/${trail.activityId}/consent`);
    await page.click("summary:has-text('Revoke this consent')");
    await page.fill(".consent-record textarea[name=reason]", "The ministry asked to postpone the training until the new school year.");
    await clickThrough(page, "button:has-text('Revoke the consent')", /\/consent\?saved=1$/);
    const record = await text(page, ".consent-record");
    expect(record).toMatch(/Revoked on /);
    expect(record).toContain("The ministry asked to postpone the training until the new school year.");
    expect(record).toContain(`Note verbale — ${NOTE_VERBALE}`);

    await goto(page, `/activities/${trail.activityId}`);
    expect(await text(page, "main > p:has(.badge)")).toMatch(/^Suspended Consent revoked on .* — the activity cannot start or resume/);
    const history = await page.locator("ol.history li").allTextContents();
    expect(history.map(squash)).toEqual([
      expect.stringContaining("Pipeline"),
      expect.stringContaining("Implementation"),
      expect.stringMatching(/Suspended The State concerned revoked its consent/),
    ]);
    // Nothing was erased: the money, the results and the national actors are still there.
    expect(await text(page)).toContain("First disbursement");
    expect(await page.locator(".indicator tbody td").first().textContent()).toBe("180");
    expect(await page.locator("ul.inclusiveness li").count()).toBe(2);
    await context.close();
  });
});

/** Text with runs of white space (including the no-break spaces of number formats) as one plain space. */
function squash(s: string): string {
  return s.replace(/\s+/g, " ");
}

function isoDay(offsetDays: number): string {
  return new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);
}
