import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seedDemoCooperation } from "../src/domain/setup/demo-cooperation.js";
import { DEMO_PASSWORD } from "../src/domain/setup/demo-seed.js";
import { seedDemoTransparency } from "../src/domain/setup/demo-transparency.js";
import type { CountryRegister, RegisterActivityList, RegisterSummary } from "../src/domain/transparency/register-schemas.js";
import { insertTestRequest } from "./activity-fixtures.js";
import { cookieJar, csrfTokenOf, postForm, startTestServer, type TestServer } from "./http-harness.js";

// The transparency register over HTTP (R14): pages, filters, 404s, the JSON API, the downloads, ETag and 304, on the
// cooperation demo (real recommendations, fictional requests, offers, activities; three withheld activities in
// Senegal). Counts are read from the data, never assumed: the demo grows.

let server: TestServer;
const get = (url: string, headers: Record<string, string> = {}) => server.app.inject({ method: "GET", url, headers });
const json = async <T>(url: string) => {
  const r = await get(url);
  expect(r.statusCode, `${url}: ${r.body.slice(0, 300)}`).toBe(200);
  return r.json() as T;
};
let withheldTitles: string[] = [];

beforeAll(async () => {
  server = await startTestServer({ recommendations: true });
  await seedDemoCooperation(server.handle.db);
  await seedDemoTransparency(server.handle.db);
  const withheld = await server.handle.db.selectFrom("activities").select("title").where("details_withheld", "=", true).execute();
  withheldTitles = withheld.map((w) => w.title);
});
afterAll(async () => {
  await server?.close();
});

describe("register pages", () => {
  it("/transparency: the world's register, in the navigation, with the chart, the table of States and downloads", async () => {
    const r = await get("/transparency");
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain('<a href="/transparency" aria-current="page">Transparency</a>');
    expect(r.body).toContain("45/32");
    expect(r.body).toMatch(/<svg[^>]+role="img"/);
    expect(r.body).toContain('href="/transparency/countries/SEN"');
    for (const href of ["/transparency/states.csv", "/transparency/states.hxl.csv", "/transparency/states.json", "/transparency/years.csv"])
      expect(r.body).toContain(`href="${href}"`);
    for (const title of withheldTitles) expect(r.body).not.toContain(title);
  });

  it("filters are a GET form; a bad filter is a 400 naming it", async () => {
    const ok = await get("/transparency?region=002&year=&provider=ohchr&theme=E5");
    expect(ok.statusCode).toBe(200);
    expect(ok.body).toContain('<option value="002" selected>');
    const bad = await get("/transparency?year=twenty");
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain("year");
    expect((await get("/transparency?provider=no-such-provider")).statusCode).toBe(400);
  });

  it("/transparency/countries/SEN: requested, offered and provided; withheld activities counted, never shown", async () => {
    const api = await json<CountryRegister>("/api/v1/transparency/countries/SEN");
    const r = await get("/transparency/countries/SEN");
    expect(r.statusCode).toBe(200);
    for (const heading of ["Requested", "Offered", "Provided", "Support requested, offered and provided: Senegal"]) expect(r.body).toContain(heading);
    expect(api.activities.total.withheldIncluded).toBeGreaterThanOrEqual(3);
    expect(r.body).toContain(`These figures include ${api.activities.total.withheldIncluded} activities whose details are withheld`);
    for (const title of withheldTitles) expect(r.body).not.toContain(title);
    // Every activity of the table links to its page, and the table lists exactly what the API lists.
    const list = await json<RegisterActivityList>("/api/v1/transparency/countries/SEN/activities?limit=500");
    expect(list.items.length).toBeGreaterThan(0);
    for (const a of list.items) expect(r.body).toContain(`href="/activities/${a.id}"`);
    expect(list.withheldCounted).toBe(api.activities.total.withheldIncluded);
    expect(r.body).toContain('href="/api/v1/iati/activities.xml?country=SEN"');
    expect(r.body).toContain('id="register-notes"');
  });

  it("the country page links to the register; French and Arabic render", async () => {
    expect((await get("/countries/SEN")).body).toContain('href="/transparency/countries/SEN"');
    const fr = await get("/transparency/countries/SEN?lang=fr");
    expect(fr.body).toContain("Appui demandé, offert et fourni : Sénégal");
    const ar = await get("/transparency/countries/SEN?lang=ar");
    expect(ar.body).toContain('dir="rtl"');
    expect(ar.body).toContain("الدعم المطلوب والمعروض والمقدَّم");
  });

  it("searches and filters the activity table", async () => {
    const all = await json<RegisterActivityList>("/api/v1/transparency/countries/SEN/activities?limit=500");
    const first = all.items[0];
    const word = first?.title.split(/\s+/).find((w) => w.length > 6) ?? "";
    const r = await get(`/transparency/countries/SEN?q=${encodeURIComponent(word)}`);
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain(`href="/activities/${first?.id}"`);
    const none = await get("/transparency/countries/SEN?q=zzzznothingzzzz");
    expect(none.body).toContain("No activity matches.");
    expect((await get("/transparency/countries/SEN?status=42")).statusCode).toBe(400);
  });

  it("answers 404 for an unknown State or provider, and redirects a lower-case code", async () => {
    expect((await get("/transparency/countries/XXX")).statusCode).toBe(404);
    const lower = await get("/transparency/countries/sen");
    expect(lower.statusCode).toBe(301);
    expect(lower.headers.location).toBe("/transparency/countries/SEN");
    expect((await get("/transparency/providers/no-such-provider")).statusCode).toBe(404);
    expect((await get("/api/v1/transparency/countries/XXX")).statusCode).toBe(404);
    expect((await get("/api/v1/transparency/providers/no-such-provider")).statusCode).toBe(404);
    expect((await get("/transparency/countries/SEN/nothing.csv")).statusCode).toBe(404);
  });

  it("/transparency/providers/ohchr: what OHCHR offered and provided, by State, theme and year", async () => {
    const r = await get("/transparency/providers/ohchr");
    expect(r.statusCode).toBe(200);
    expect(r.body).toContain("support offered and provided");
    expect(r.body).toContain('href="/transparency/countries/SEN"');
    for (const title of withheldTitles) expect(r.body).not.toContain(title);
  });

  it("drafts never count", async () => {
    const before = await json<CountryRegister>("/api/v1/transparency/countries/SEN");
    const org = await server.handle.db.selectFrom("organizations").select("id").where("country_iso3", "=", "SEN").executeTakeFirstOrThrow();
    await insertTestRequest(server.handle.db, { stateIso3: "SEN", organizationId: org.id, status: "draft" });
    const after = await json<CountryRegister>("/api/v1/transparency/countries/SEN");
    expect(after.requests.total).toBe(before.requests.total);
  });
});

describe("the JSON API", () => {
  it("summary: Senegal's row agrees with Senegal's register", async () => {
    const s = await json<RegisterSummary>("/api/v1/transparency/summary");
    const c = await json<CountryRegister>("/api/v1/transparency/countries/SEN");
    const sen = s.rows.find((r) => r.stateIso3 === "SEN");
    expect(sen).toMatchObject({
      requests: c.requests.total,
      offers: c.offers.total,
      activities: c.activities.total.activities,
      withheldIncluded: c.activities.total.withheldIncluded,
      committed: c.activities.total.committed,
      disbursed: c.activities.total.disbursed,
    });
    const byYearCommitted = s.byYear.reduce((cents, y) => cents + BigInt(y.committed.usd.replace(".", "")), 0n);
    expect(byYearCommitted + BigInt((s.byYearNotBrokenDown?.committed.usd ?? "0.00").replace(".", ""))).toBe(BigInt(s.total.committed.usd.replace(".", "")));
  });

  it("summary filters: a provider's rows count only what that provider reports", async () => {
    const ohchr = await json<RegisterSummary>("/api/v1/transparency/summary?provider=ohchr");
    const p = await json<{ activities: { total: { activities: number } } }>("/api/v1/transparency/providers/ohchr");
    expect(ohchr.total.activities).toBe(p.activities.total.activities);
    expect((await get("/api/v1/transparency/summary?region=999")).statusCode).toBe(400);
  });

  it("a signed-in Senegal focal point sees every activity of Senegal in detail, so counts none as withheld", async () => {
    const login = await get("/login");
    const posted = await postForm(
      server,
      "/login",
      { email: "focal.senegal@demo.passerelle.example", password: DEMO_PASSWORD, _csrf: csrfTokenOf(login.body) },
      cookieJar(login),
    );
    const cookies = cookieJar(login, posted);
    const r = await server.app.inject({ method: "GET", url: "/api/v1/transparency/countries/SEN", cookies });
    expect(r.statusCode).toBe(200);
    const own = r.json() as CountryRegister;
    const pub = await json<CountryRegister>("/api/v1/transparency/countries/SEN");
    expect(own.activities.total.withheldIncluded).toBe(0);
    expect(own.activities.total.activities).toBe(pub.activities.total.activities);
    expect(r.headers["cache-control"]).toBe("private, no-cache");
  });

  it("ETag and 304 on the API, public caching for anonymous callers", async () => {
    const first = await get("/api/v1/transparency/countries/SEN");
    expect(first.headers["cache-control"]).toMatch(/^public, max-age=\d+/);
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^W\/"/);
    const again = await get("/api/v1/transparency/countries/SEN", { "if-none-match": etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe("");
  });

  it("is in the OpenAPI document under the transparency tag", async () => {
    const doc = (await json<{ paths: Record<string, Record<string, { tags: string[] }>> }>("/api/v1/openapi.json")).paths;
    for (const path of ["/api/v1/transparency/summary", "/api/v1/transparency/countries/{iso3}", "/api/v1/transparency/providers/{slug}"])
      expect(doc[path]?.get?.tags).toEqual(["transparency"]);
  });
});

describe("downloads of every register table", () => {
  it.each([
    "/transparency/states",
    "/transparency/years",
    "/transparency/countries/SEN/activities",
    "/transparency/countries/SEN/by-provider",
    "/transparency/countries/SEN/by-theme",
    "/transparency/countries/SEN/by-modality",
    "/transparency/countries/SEN/by-status",
    "/transparency/countries/SEN/by-year",
    "/transparency/countries/SEN/requests",
    "/transparency/countries/SEN/offers",
    "/transparency/providers/ohchr/by-state",
    "/transparency/providers/ohchr/by-theme",
    "/transparency/providers/ohchr/by-year",
    "/transparency/providers/ohchr/offers",
  ])("%s as CSV, HXL-tagged CSV and JSON", async (base) => {
    const csv = await get(`${base}.csv`);
    expect(csv.statusCode, csv.body.slice(0, 300)).toBe(200);
    expect(csv.headers["content-type"]).toBe("text/csv; charset=utf-8");
    const rows = parse(csv.body, { bom: true }) as string[][];
    const hxl = parse((await get(`${base}.hxl.csv`)).body, { bom: true }) as string[][];
    expect(hxl[0]).toEqual(rows[0]);
    expect(hxl[1]?.every((tag) => tag === "" || /^#[a-z][a-z0-9_]*(\+[a-z][a-z0-9_]*)*$/.test(tag))).toBe(true);
    const body = (await get(`${base}.json`)).json() as { columns: { key: string }[]; rows: Record<string, unknown>[] };
    expect(body.columns.map((c) => c.key)).toEqual(rows[0]);
    expect(body.rows).toHaveLength(rows.length - 1);
    for (const title of withheldTitles) expect(csv.body).not.toContain(title);
  });

  it("the by-provider table carries the withheld group in one row, with the same sums as the page", async () => {
    const api = await json<CountryRegister>("/api/v1/transparency/countries/SEN");
    const body = (await get("/transparency/countries/SEN/by-provider.json")).json() as { rows: Record<string, unknown>[] };
    const rest = body.rows.find((r) => r.row_type === "withheld_not_broken_down");
    expect(rest?.activities).toBe(api.activities.byProvider.notBrokenDown?.activities);
    expect(rest?.committed_usd).toBe(api.activities.byProvider.notBrokenDown?.committed.usd);
    const hxl = (await get("/transparency/countries/SEN/by-provider.hxl.csv")).body;
    expect(hxl).toContain("#org+name+funder");
    expect(hxl).toContain("#value+committed+usd");
    expect(hxl).toContain("#value+spent+usd");
  });

  it("downloads answer 304 while nothing changed", async () => {
    const first = await get("/transparency/countries/SEN/activities.csv");
    const again = await get("/transparency/countries/SEN/activities.csv", { "if-none-match": first.headers.etag as string });
    expect(again.statusCode).toBe(304);
  });
});
