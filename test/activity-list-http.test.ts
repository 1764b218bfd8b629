import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApiToken } from "../src/domain/accounts/account-service.js";
import { ANONYMOUS } from "../src/domain/access/viewer.js";
import { startActivity, updateActivity } from "../src/domain/activities/activity-service.js";
import { scopeOf } from "../src/domain/access/viewer.js";
import { iterateVisibleActivityRows } from "../src/store/activity-list-store.js";
import { makeUserWithRole, TEST_ACTOR } from "./factories.js";
import { startTestServer, type TestServer } from "./http-harness.js";

// The searchable activity list and its CSV / HXL / JSON downloads (issue 5 items 1 and 4): search, each filter, sort,
// what the downloads hold, visibility (withheld details never leave the activity's circle) and cache validators.

let server: TestServer;
let senegalToken = "";
let providerOrgId = "";
const ids: Record<string, string> = {};
const BULK = 55;

beforeAll(async () => {
  server = await startTestServer({ demo: false });
  const db = server.handle.db;
  const provider = await makeUserWithRole(db, "ohchr_officer", { type: "un_entity", name: "Haut-Commissariat test (fictional)", iatiRef: "XM-DAC-41313" });
  providerOrgId = provider.organizationId;
  const senegal = await makeUserWithRole(db, "state_focal_point", { type: "government", countryIso3: "SEN" });
  senegalToken = (await createApiToken(db, TEST_ACTOR, { email: senegal.email })).token;
  const start = async (key: string, input: Record<string, unknown>) => {
    ids[key] = (await startActivity(db, provider.viewer, { organizationId: providerOrgId, stateIso3: "SEN", ...input } as never)).id;
  };
  await start("teachers", {
    title: "Formation des enseignants à Thiès",
    description: 'Éducation aux droits de l\'homme, modules « citoyenneté », virgule, et "guillemets"',
    modalities: ["training"],
    sdgTargets: ["4.7"],
    themes: ["E5"],
    plannedStart: "2025-09-01",
    plannedEnd: "2026-06-30",
    budgetAmount: "120000",
    defaultCurrency: "EUR",
  });
  await start("penal", {
    title: "Legislative review of the penal code",
    modalities: ["legislative_review"],
    sdgTargets: ["16.3"],
    plannedStart: "2023-01-01",
    plannedEnd: "2023-12-31",
    budgetAmount: "50000",
    defaultCurrency: "USD",
  });
  await start("nhri", {
    stateIso3: "EGY",
    title: "المساعدة التقنية للمؤسسة الوطنية لحقوق الإنسان",
    sdgTargets: ["16.a"],
    budgetAmount: "900",
    defaultCurrency: "USD",
  });
  await start("formula", { stateIso3: "EGY", title: '=HYPERLINK("http://example.org") workshop', modalities: ["workshop"] });
  await start("mali", { stateIso3: "MLI", title: "Lessons by radio", plannedStart: "2028-01-01", budgetAmount: "9000", defaultCurrency: "EUR" });
  for (const n of [1, 2, 3]) {
    await start(`withheld${n}`, { title: `Confidential hearing support ${n}`, modalities: ["training"], plannedStart: "2026-01-01" });
    await updateActivity(db, senegal.viewer, ids[`withheld${n}`] as string, {
      version: 1,
      detailsWithheld: true,
      withheldReason: "Safety of the participants",
    });
  }
  for (let i = 0; i < BULK; i++) await start(`bulk${i}`, { stateIso3: "GHA", title: `Bulk activity ${String(i).padStart(2, "0")}` });
  await db.insertInto("exchange_rates").values({ currency: "EUR", year: 2025, units_per_usd: "0.9", source: "test" }).execute();
});
afterAll(async () => {
  await server?.close();
});

const get = (url: string, headers: Record<string, string> = {}) => server.app.inject({ method: "GET", url, headers });
const asSenegal = () => ({ authorization: `Bearer ${senegalToken}` });
/** The titles listed on the page, in order. */
async function titles(query: string, headers: Record<string, string> = {}): Promise<string[]> {
  const res = await get(`/activities?${query}`, headers);
  expect(res.statusCode, res.body.slice(0, 500)).toBe(200);
  return [...res.body.matchAll(/<a href="\/activities\/[0-9a-f-]{36}">([^<]*)<\/a>/g)].map((m) => decode(m[1] as string));
}
const decode = (s: string) => s.replaceAll("&quot;", '"').replaceAll("&amp;", "&").replaceAll("&#39;", "'").replaceAll("&lt;", "<");
const csvRows = (body: string) => parse(body.replace(/^\uFEFF/, "")) as string[][];

describe("activity search (title, description, IATI identifier, provider; case and accents ignored)", () => {
  it.each([
    ["q=formation", ["Formation des enseignants à Thiès"]],
    ["q=FORMATION", ["Formation des enseignants à Thiès"]],
    ["q=thies", ["Formation des enseignants à Thiès"]],
    ["q=education%20citoyennete", ["Formation des enseignants à Thiès"]],
    ["q=%C3%89DUCATION", ["Formation des enseignants à Thiès"]],
    ["q=penal%20review", ["Legislative review of the penal code"]],
    ["q=penal%20formation", []],
    [`q=${encodeURIComponent("مؤسسة")}`, ["المساعدة التقنية للمؤسسة الوطنية لحقوق الإنسان"]],
    // Vowel marks and hamza forms of alef are ignored.
    [`q=${encodeURIComponent("الإنْسان")}`, ["المساعدة التقنية للمؤسسة الوطنية لحقوق الإنسان"]],
    ["q=100%25", []],
    ["q=_", []],
  ])("%s", async (query, expected) => {
    expect(await titles(query)).toEqual(expected);
  });

  it("finds an activity by its IATI identifier and by its provider's name", async () => {
    const res = await get(`/api/v1/activities/${ids.penal}`);
    const iati = (res.json() as { iatiIdentifier: string }).iatiIdentifier;
    expect(iati).toMatch(/^XM-DAC-41313-/);
    expect(await titles(`q=${encodeURIComponent(iati.toLowerCase())}`)).toEqual(["Legislative review of the penal code"]);
    expect((await titles("q=haut-commissariat&state=SEN")).length).toBe(2);
  });

  it("never searches withheld details for outsiders, and says so in the withheld line", async () => {
    const res = await get("/activities?q=confidential&state=SEN");
    expect(res.body).not.toContain("Confidential hearing");
    expect(res.body).toContain("3 further activities match the other filters; the State withheld their details");
    // The State concerned finds its own withheld activities.
    expect((await titles("q=confidential", asSenegal())).sort()).toEqual([
      "Confidential hearing support 1",
      "Confidential hearing support 2",
      "Confidential hearing support 3",
    ]);
  });
});

describe("activity filters and sort", () => {
  it.each([
    ["year=2023", ["Legislative review of the penal code"]],
    ["year=2026&state=SEN", ["Formation des enseignants à Thiès"]],
    ["year=2024", []],
    ["modality=training", ["Formation des enseignants à Thiès"]],
    ["modality=workshop", ['=HYPERLINK("http://example.org") workshop']],
    ["sdg=4", ["Formation des enseignants à Thiès"]],
    ["sdg=16&sort=title", ["Legislative review of the penal code", "المساعدة التقنية للمؤسسة الوطنية لحقوق الإنسان"]],
    ["state=EGY&sort=title", ['=HYPERLINK("http://example.org") workshop', "المساعدة التقنية للمؤسسة الوطنية لحقوق الإنسان"]],
    ["state=SEN&status=1&sort=title", ["Formation des enseignants à Thiès", "Legislative review of the penal code"]],
    ["theme=E5", ["Formation des enseignants à Thiès"]],
    // In US dollars: 120,000 EUR at 0.9 per USD (2025) = 133,333.33 USD before 50,000 USD; no rate or no budget last.
    ["sort=budget&q=e", ["Formation des enseignants à Thiès", "Legislative review of the penal code", "المساعدة التقنية للمؤسسة الوطنية لحقوق الإنسان"]],
  ])("%s", async (query, expected) => {
    const got = await titles(query);
    if (query.startsWith("sort=budget")) expect(got.slice(0, 2)).toEqual(expected.slice(0, 2));
    else expect(got).toEqual(expected);
  });

  it("filters by provider and keeps the filters in the pager links", async () => {
    const res = await get(`/activities?provider=${providerOrgId}&state=GHA`);
    expect(res.body).toContain(`${BULK} activities`);
    expect(res.body).toContain(`href="/activities?state=GHA&amp;provider=${providerOrgId}&amp;page=2"`);
  });

  it.each([
    ["year=abc", "year"],
    ["year=1800", "year"],
    ["sdg=18", "sdg"],
    ["modality=dancing", "modality"],
    ["sort=cheapest", "sort"],
    ["state=XX", "state"],
    ["status=9", "status"],
    [`q=${"x".repeat(201)}`, "q"],
  ])("%s is refused with a 400 page naming the filter", async (query, name) => {
    const res = await get(`/activities?${query}`);
    expect(res.statusCode).toBe(400);
    expect(res.headers["content-type"]).toContain("text/html");
    expect(res.body).toContain(`Invalid filter: ${name}:`);
    const download = await get(`/activities.csv?${query}`);
    expect(download.statusCode).toBe(400);
  });

  it("links the downloads and the IATI file of the same filters", async () => {
    const res = await get(`/activities?state=SEN&provider=${providerOrgId}&q=formation&page=1`);
    expect(res.body).toContain(`href="/activities.csv?q=formation&amp;state=SEN&amp;provider=${providerOrgId}"`);
    expect(res.body).toContain(`href="/activities.hxl.csv?q=formation&amp;state=SEN&amp;provider=${providerOrgId}"`);
    expect(res.body).toContain(`href="/activities.json?q=formation&amp;state=SEN&amp;provider=${providerOrgId}"`);
    expect(res.body).toContain('aria-label="Download the activities as CSV"');
    expect(res.body).toMatch(/href="\/api\/v1\/iati\/activities\.xml\?provider=org-[^"&]+&amp;country=SEN"/);
  });
});

describe("activity downloads", () => {
  it("CSV: every matching activity (not only the page on screen), formula-safe, quoted, in US dollars where known", async () => {
    const res = await get("/activities.csv?state=GHA");
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-disposition"]).toBe('attachment; filename="activities.csv"');
    const rows = csvRows(res.body);
    expect(rows.length).toBe(1 + BULK);
    const all = csvRows((await get("/activities.csv?sort=title")).body);
    const header = all[0] as string[];
    const byTitle = new Map(all.slice(1).map((r) => [r[header.indexOf("title")], Object.fromEntries(header.map((h, i) => [h, r[i]]))]));
    expect(byTitle.get("Formation des enseignants à Thiès")).toMatchObject({
      recipient_country: "SEN",
      recipient_country_name: "Senegal",
      provider: "Haut-Commissariat test (fictional)",
      provider_iati_ref: "XM-DAC-41313",
      status_code: "1",
      status: "pipeline",
      planned_start: "2025-09-01",
      budget: "120000.00",
      budget_currency: "EUR",
      budget_usd: "133333.33",
      units_per_usd: "0.9",
      exchange_rate_year: "2025",
      sdg_targets: "4.7",
      modalities: "training",
      details_withheld: "false",
      description: 'Éducation aux droits de l\'homme, modules « citoyenneté », virgule, et "guillemets"',
    });
    expect(byTitle.get("Legislative review of the penal code")).toMatchObject({ budget_usd: "50000.00", units_per_usd: "", exchange_rate_year: "" });
    // No EUR rate for 2028: the nearest year's (2025) is used, and the file says which.
    expect(byTitle.get("Lessons by radio")).toMatchObject({ budget_usd: "10000.00", units_per_usd: "0.9", exchange_rate_year: "2025" });
    expect(byTitle.has('\'=HYPERLINK("http://example.org") workshop')).toBe(true);
    expect(byTitle.has("المساعدة التقنية للمؤسسة الوطنية لحقوق الإنسان")).toBe(true);
  });

  it("HXL: the hashtag row under the header; JSON: rows keyed by the column keys", async () => {
    const hxl = csvRows((await get("/activities.hxl.csv?state=EGY&sort=title")).body);
    expect(hxl[1]?.slice(0, 7)).toEqual([
      "#activity+code+iati",
      "#activity+name",
      "#description+notes",
      "#country+code",
      "#country+name",
      "#org+name+funder",
      "#org+code+funder",
    ]);
    expect(hxl.length).toBe(4);
    const json = (await get("/activities.json?state=EGY&sort=title")).json() as { columns: { key: string; hxl: string }[]; rows: Record<string, unknown>[] };
    expect(json.columns.map((c) => c.key)).toContain("budget_usd");
    expect(json.rows.map((r) => r.title)).toEqual(['=HYPERLINK("http://example.org") workshop', "المساعدة التقنية للمؤسسة الوطنية لحقوق الإنسان"]);
    expect(json.rows[1]).toMatchObject({ recipient_country: "EGY", budget: "900.00", budget_usd: "900.00", sdg_targets: ["16.a"], details_withheld: false });
  });

  it.each(["csv", "hxl.csv", "json"])("a withheld activity never appears in the anonymous .%s download; the State concerned gets its own", async (ext) => {
    const anonymous = await get(`/activities.${ext}`);
    expect(anonymous.statusCode).toBe(200);
    expect(anonymous.body).not.toContain("Confidential hearing");
    expect(anonymous.body).not.toContain(ids.withheld1);
    const state = await get(`/activities.${ext}?state=SEN`, asSenegal());
    for (const n of [1, 2, 3]) expect(state.body).toContain(`Confidential hearing support ${n}`);
    expect(state.headers["cache-control"]).toBe("private, no-cache");
  });

  it("ETag: 304 while nothing changed, a new tag after a change; each query and format its own tag", async () => {
    const first = await get("/activities.csv?state=SEN");
    const etag = String(first.headers.etag);
    expect(first.headers["cache-control"]).toBe("public, max-age=300, must-revalidate");
    expect((await get("/activities.csv?state=SEN", { "if-none-match": etag })).statusCode).toBe(304);
    expect((await get("/activities.csv?state=EGY")).headers.etag).not.toBe(etag);
    expect((await get("/activities.json?state=SEN")).headers.etag).not.toBe(etag);
    await updateActivity(
      server.handle.db,
      (await makeUserWithRole(server.handle.db, "state_focal_point", { type: "government", countryIso3: "SEN" })).viewer,
      ids.teachers as string,
      {
        version: 1,
        detailsWithheld: true,
        withheldReason: "Changed for the ETag test",
      },
    );
    const after = await get("/activities.csv?state=SEN", { "if-none-match": etag });
    expect(after.statusCode).toBe(200);
    expect(after.body).not.toContain("Formation des enseignants");
  });

  it("streams in pages in the list's order", async () => {
    const pages: number[] = [];
    const titlesInOrder: string[] = [];
    for await (const page of iterateVisibleActivityRows(server.handle.db, scopeOf(ANONYMOUS), { stateIso3: "GHA", sort: "title" }, 20)) {
      pages.push(page.length);
      titlesInOrder.push(...page.map((r) => r.title));
    }
    expect(pages).toEqual([20, 20, 15]);
    expect(titlesInOrder).toEqual([...titlesInOrder].sort());
  });
});
