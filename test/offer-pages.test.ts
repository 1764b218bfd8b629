import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEMO_PASSWORD } from "../src/domain/setup/demo-seed.js";
import { findOrganizationBySlug } from "../src/store/organization-store.js";
import { cookieJar, csrfTokenOf, postForm, startTestServer, type TestServer } from "./http-harness.js";
import { insertRequest, offerStatus, requestStatus } from "./offer-fixtures.js";

// Journeys 2 and 3 through the pages, as a browser without JavaScript does it: forms, POST-redirect-GET, field errors
// that keep what was typed.
let server: TestServer;
let requestId = "";
const sessions: Record<string, Record<string, string>> = {};

const get = (url: string, cookies: Record<string, string> = {}) => server.app.inject({ method: "GET", url, cookies });
const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ")
    .replace(/ ([:;,.)])/g, "$1");

async function signIn(email: string): Promise<Record<string, string>> {
  const page = await get("/login");
  const res = await postForm(server, "/login", { _csrf: csrfTokenOf(page.body), email, password: DEMO_PASSWORD }, cookieJar(page));
  expect(res.statusCode).toBe(303);
  return { ...cookieJar(page), ...cookieJar(res) };
}

/** Posts a form found on `pageUrl`, with that page's CSRF token; `fields` may repeat names as arrays. */
async function submit(who: string, pageUrl: string, action: string, fields: Record<string, string | string[]>) {
  const cookies = sessions[who] as Record<string, string>;
  const page = await get(pageUrl, cookies);
  const body = new URLSearchParams();
  body.append("_csrf", csrfTokenOf(page.body));
  for (const [k, v] of Object.entries(fields)) for (const x of Array.isArray(v) ? v : [v]) body.append(k, x);
  return server.app.inject({
    method: "POST",
    url: action,
    payload: body.toString(),
    headers: { "content-type": "application/x-www-form-urlencoded" },
    cookies,
  });
}

beforeAll(async () => {
  server = await startTestServer();
  const db = server.handle.db;
  const id = async (slug: string) => (await findOrganizationBySlug(db, slug))?.id as string;
  requestId = await insertRequest(db, {
    stateIso3: "SEN",
    organizationId: await id("sen-ministry-justice"),
    providers: [await id("ohchr"), await id("unesco")],
    title: "Teacher training for distance learning and girls' return to school",
  });
  sessions.unesco = await signIn("officer.unesco@demo.passerelle.example");
  sessions.ohchr = await signIn("officer.ohchr@demo.passerelle.example");
  sessions.senegal = await signIn("focal.senegal@demo.passerelle.example");
});
afterAll(async () => {
  await server.close();
});

const offerForm = (extra: Record<string, string | string[]> = {}) => ({
  requestId,
  stateIso3: "SEN",
  title: "Training of teacher trainers for distance learning",
  description: "Three workshops in Dakar, Saint-Louis and Ziguinchor.",
  themes: ["E5"],
  sdgTargets: "4.c",
  modalities: ["training"],
  cooperationType: "multilateral",
  languages: ["fr"],
  otherLanguages: "wo",
  regions: ["011"],
  availableFrom: "2027-01-01",
  availableTo: "2027-12-31",
  budgetAmount: "45000",
  budgetCurrency: "USD",
  textLang: "en",
  visibility: "state_and_un",
  version: "",
  ...extra,
});

describe("offer pages", () => {
  let offerId = "";

  it("a provider drafts an offer from matching: the form starts from the request, bad input keeps what was typed", async () => {
    const matching = await get(`/matching/requests/${requestId}`, sessions.unesco);
    expect(matching.statusCode).toBe(200);
    expect(matching.body).toContain(`href="/offers/new?request=${requestId}"`);
    const form = await get(`/offers/new?request=${requestId}`, sessions.unesco);
    expect(form.statusCode).toBe(200);
    expect(form.body).toMatch(/id="field-themes-E5"[^>]*checked/);
    expect(form.body).toContain(`name="requestId" value="${requestId}"`);
    const orgId = /name="organizationId"[^>]*><option value="([^"]+)"/.exec(form.body)?.[1] as string;
    const bad = await submit(
      "unesco",
      `/offers/new?request=${requestId}`,
      "/offers",
      offerForm({ organizationId: orgId, title: "Hi", budgetCurrency: "ABC", availableTo: "2026-01-01" }),
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('href="#field-title"');
    expect(bad.body).toContain('value="Hi"');
    expect(bad.body).toMatch(/id="field-availableTo"[^>]*aria-invalid="true"/);
    const ok = await submit("unesco", `/offers/new?request=${requestId}`, "/offers", offerForm({ organizationId: orgId }));
    expect(ok.statusCode).toBe(303);
    offerId = /\/offers\/([0-9a-f-]{36})/.exec(ok.headers.location as string)?.[1] as string;
    const page = await get(ok.headers.location as string, sessions.unesco);
    expect(page.body).toContain("The offer was saved.");
    expect(text(page.body)).toContain("Wolof");
    expect(page.body).toContain("Publish the offer");
    expect((await get(`/offers/${offerId}`, sessions.senegal)).statusCode).toBe(404);
  });

  it("the provider edits the draft (stale form refused) and publishes it", async () => {
    const edit = await get(`/offers/${offerId}/edit`, sessions.unesco);
    expect(edit.statusCode).toBe(200);
    expect(edit.body).toContain('name="version" value="1"');
    const saved = await submit(
      "unesco",
      `/offers/${offerId}/edit`,
      `/offers/${offerId}`,
      offerForm({ title: "Training of teacher trainers (revised)", version: "1" }),
    );
    expect(saved.statusCode).toBe(303);
    const stale = await submit("unesco", `/offers/${offerId}/edit`, `/offers/${offerId}`, offerForm({ title: "Stale edit", version: "1" }));
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('value="Stale edit"');
    const published = await submit("unesco", `/offers/${offerId}`, `/offers/${offerId}/transitions`, { to: "published", version: "2" });
    expect(published.statusCode).toBe(303);
    expect(await requestStatus(server.handle.db, requestId)).toBe("offer_made");
  });

  it("the State reads the offer made to it, must give a reason to decline, and accepts it", async () => {
    const page = await get(`/offers/${offerId}`, sessions.senegal);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("Accept this offer");
    expect(page.body).toContain("Why does the State decline this offer?");
    const noReason = await submit("senegal", `/offers/${offerId}`, `/offers/${offerId}/transitions`, { to: "declined", reason: "" });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.body).toContain("a reason is required");
    const accepted = await submit("senegal", `/offers/${offerId}`, `/offers/${offerId}/transitions`, { to: "accepted", version: "3" });
    expect(accepted.statusCode).toBe(303);
    expect(await offerStatus(server.handle.db, offerId)).toMatchObject({ status: "accepted" });
    expect(await requestStatus(server.handle.db, requestId)).toBe("agreed");
    const fr = await get(`/offers/${offerId}?lang=fr`, sessions.senegal);
    expect(fr.body).toContain("Acceptée");
  });

  it("the board shows what the viewer may see, with filters and the South-South view; it works in Arabic", async () => {
    const anonymous = await get("/offers");
    expect(anonymous.statusCode).toBe(200);
    expect(anonymous.body).not.toContain("Training of teacher trainers (revised)");
    const mine = await get("/offers?mine=1", sessions.unesco);
    expect(mine.body).toContain("Training of teacher trainers (revised)");
    expect(mine.body).toContain("Accepted");
    const senegal = await get("/offers?theme=E5&status=accepted", sessions.senegal);
    expect(senegal.statusCode).toBe(200);
    const southSouth = await get("/offers?southSouth=1");
    expect(southSouth.body).toContain("<h1>South-South and triangular cooperation</h1>");
    const ar = await get("/offers?lang=ar");
    expect(ar.body).toContain('<html lang="ar" dir="rtl">');
    expect(ar.body).toContain("عروض المساعدة");
    expect((await get("/offers?region=not-a-region")).statusCode).toBe(200);
  });

  it("the matching page explains every score", async () => {
    const page = await get(`/matching/requests/${requestId}`, sessions.ohchr);
    expect(page.statusCode).toBe(200);
    const words = text(page.body);
    expect(words).toMatch(/Themes: E5 Right to education/);
    expect(words).toContain("Language: French");
    expect(words).toContain("SDG targets: 4.c");
    expect(words).toMatch(/Timing: overlaps/);
    expect((await get(`/matching/requests/${requestId}`)).statusCode).toBe(404);
  });
});

describe("provider and pairing pages", () => {
  it("a provider edits its capability profile without JavaScript", async () => {
    const form = await get("/providers/unesco/profile", sessions.unesco);
    expect(form.statusCode).toBe(200);
    expect((await get("/providers/unesco/profile", sessions.ohchr)).statusCode).toBe(403);
    const bad = await submit("unesco", "/providers/unesco/profile", "/providers/unesco/profile", {
      summary: "Education",
      themes: ["E5"],
      sdgTargets: "4.zz",
      version: "0",
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('href="#field-sdgTargets"');
    const ok = await submit("unesco", "/providers/unesco/profile", "/providers/unesco/profile", {
      summary: "Teacher policy and distance learning",
      themes: ["E5"],
      sdgTargets: "4.c",
      cooperationTypes: ["multilateral"],
      languages: ["fr", "en"],
      regions: ["world"],
      version: "0",
    });
    expect(ok.statusCode).toBe(303);
    expect((await get(ok.headers.location as string, sessions.unesco)).body).toContain("The capability profile was saved.");
    const page = await get("/providers/unesco");
    expect(page.body).toContain("Teacher policy and distance learning");
    const list = await get("/providers");
    expect(list.body).toContain("<caption>");
    expect(list.body).toContain('href="/providers/unesco"');
  });

  it("the State pairs its request with an offer, the parties add and complete milestones, then report", async () => {
    const db = server.handle.db;
    const sen = (await findOrganizationBySlug(db, "sen-ministry-justice"))?.id as string;
    const ohchr = (await findOrganizationBySlug(db, "ohchr"))?.id as string;
    const second = await insertRequest(db, { stateIso3: "SEN", organizationId: sen, providers: [ohchr], status: "under_assessment" });
    const form = await get(`/offers/new?request=${second}`, sessions.ohchr);
    const orgId = /name="organizationId"[^>]*><option value="([^"]+)"/.exec(form.body)?.[1] as string;
    const created = await submit("ohchr", `/offers/new?request=${second}`, "/offers", offerForm({ organizationId: orgId, requestId: second }));
    const offerId = /\/offers\/([0-9a-f-]{36})/.exec(created.headers.location as string)?.[1] as string;
    await submit("ohchr", `/offers/${offerId}`, `/offers/${offerId}/transitions`, { to: "published" });
    const matching = await get(`/matching/requests/${second}`, sessions.senegal);
    expect(matching.body).toContain("Pair this request with this offer");
    const paired = await submit("senegal", `/matching/requests/${second}`, "/pairings", { requestId: second, offerId });
    expect(paired.statusCode).toBe(303);
    const url = (paired.headers.location as string).split("?")[0] as string;
    const again = await submit("senegal", `/matching/requests/${second}`, "/pairings", { requestId: second, offerId });
    expect(again.statusCode).toBe(409);
    const badMilestone = await submit("ohchr", url, `${url}/milestones`, { title: "x", dueOn: "" });
    expect(badMilestone.statusCode).toBe(400);
    expect(badMilestone.body).toContain('href="#field-title"');
    expect((await submit("ohchr", url, `${url}/milestones`, { title: "Inception mission", dueOn: "2027-02-15", note: "Dakar" })).statusCode).toBe(303);
    const page = await get(url, sessions.senegal);
    expect(page.body).toContain("Inception mission");
    const milestoneId = /\/milestones\/([0-9a-f-]{36})\/done/.exec(page.body)?.[1] as string;
    expect((await submit("senegal", url, `${url}/milestones/${milestoneId}/done`, {})).statusCode).toBe(303);
    const version = /name="version" value="(\d+)"/.exec((await get(url, sessions.ohchr)).body)?.[1] as string;
    const report = await submit("ohchr", url, `${url}/follow-up`, { report: "A year on, 240 teacher trainers were trained in 8 regions.", version });
    expect(report.statusCode).toBe(303);
    const done = await get(url, sessions.unesco);
    expect(done.statusCode).toBe(200);
    expect(done.body).toContain("240 teacher trainers");
    expect(done.body).not.toContain("Add a milestone");
    const list = await get("/pairings", sessions.senegal);
    expect(list.body).toContain(url);
  });
});
