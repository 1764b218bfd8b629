import path from "node:path";
import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ANONYMOUS } from "../src/domain/access/viewer.js";
import { importClosureFile } from "../src/domain/education/closure-import-service.js";
import type { CountryEducation } from "../src/domain/education/country-education-schemas.js";
import { getCountryEducation } from "../src/domain/education/country-education-service.js";
import { seedDemoCooperation } from "../src/domain/setup/demo-cooperation.js";
import { seedDemoMonitoring } from "../src/domain/setup/demo-monitoring.js";
import { seedDemoTransparency } from "../src/domain/setup/demo-transparency.js";
import { TEST_ACTOR } from "./factories.js";
import { startTestServer, type TestServer } from "./http-harness.js";

// /countries/{ISO3}/education over HTTP (R11, R25): the page in order (sources, timeline with its table, days per
// year, comparisons, recommendations, requests and activities, SDG 4 matrix), without JavaScript; the JSON API; the
// CSV/HXL download of the periods; withheld activities never shown. Crafted closure files with known day counts.

let server: TestServer;
const get = (url: string, headers: Record<string, string> = {}) => server.app.inject({ method: "GET", url, headers });
const FIXTURES = path.resolve(import.meta.dirname, "fixtures/education-country");
let withheldTitles: string[] = [];

beforeAll(async () => {
  server = await startTestServer({ recommendations: true });
  await seedDemoCooperation(server.handle.db);
  await seedDemoTransparency(server.handle.db);
  await seedDemoMonitoring(server.handle.db);
  for (const f of ["unesco-daily.csv", "unesco-scale.csv", "oxcgrt-c1.csv"])
    await importClosureFile(server.handle.db, TEST_ACTOR, { path: path.join(FIXTURES, f) });
  const withheld = await server.handle.db.selectFrom("activities").select("title").where("details_withheld", "=", true).execute();
  withheldTitles = withheld.map((w) => w.title);
});
afterAll(async () => {
  await server?.close();
});

describe("country education page", () => {
  it("ends with the State's national monitoring: counts, the latest value by sex, and the link to the registry", async () => {
    const html = (await get("/countries/SEN/education")).body;
    const section = html.slice(html.indexOf('id="edu-monitoring"'));
    expect(section).toContain("2 monitoring mechanisms and 2 indicator series recorded for this State.");
    expect(section).toMatch(/Latest value recorded: [^<]+, 20\d\d\./);
    expect(section).toContain("<dt>Female</dt>");
    expect(section).toContain('href="/countries/SEN/monitoring"');
    // A State with nothing recorded says so.
    expect((await get("/countries/FRA/education")).body).toContain("No monitoring mechanism and no indicator series recorded for this State.");
  });

  it("shows need, commitment and support together, in order, with a chart readable without colour", async () => {
    const r = await get("/countries/SEN/education");
    expect(r.statusCode).toBe(200);
    const html = r.body;
    expect(html).toContain("<h1>Education in Senegal</h1>");
    const order = ["edu-timeline", "edu-years", "edu-compare", "edu-commitment", "edu-support", "edu-sdg4", "edu-monitoring"].map((id) =>
      html.indexOf(`id="${id}"`),
    );
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    // Sources with coverage, licence and citation.
    expect(html).toContain("Coverage: ");
    expect(html).toContain("Oxford COVID-19 Government Response Tracker");
    // The chart: role="img", patterns for statuses, a legend in each scale's words, the OxCGRT targeted strip.
    expect(html).toMatch(/<svg[^>]+role="img"[^>]+aria-labelledby="closure-timeline-title"/);
    expect(html).toContain('<pattern id="closure-timeline-partial"');
    expect(html).toContain("Level 3: all levels required to close");
    expect(html).toContain("Measures targeted (OxCGRT flag 0)");
    expect(html).not.toMatch(/<svg[\s\S]*style=/);
    // The table alternative in a <details>, with the flag for OxCGRT.
    expect(html).toContain('<details class="closure-periods"><summary>Periods as a table');
    expect(html).toContain('<th scope="col">Scope (OxCGRT flag)</th>');
    // Comparison: 4 agree, 3 disagree, 2 not comparable, 1 missing, and the periods of disagreement.
    expect(html).toMatch(/Days on which they disagree<\/th><td class="num">3<span class="meta"> \(42\.9% of comparable days\)/);
    expect(html).toMatch(/Not comparable \(academic break\)<\/th><td class="num">2</);
    expect(html).toMatch(/No data from one of them<\/th><td class="num">1</);
    expect(html).toContain("2 periods of disagreement");
    expect(html).toContain("Level 2: some levels required to close (targeted)");
    // Commitment and support, linked.
    expect(html).toContain('href="/countries/SEN/recommendations#theme-E5"');
    expect(html).toMatch(/\d+ recommendations? on education/);
    expect(html).toContain('<th scope="row"><span class="sdg-target-code">4.1</span>');
    expect(html).toContain('href="/countries/SEN/education/closures.hxl.csv"');
    for (const title of withheldTitles) expect(html).not.toContain(title);
    // Small: well under 150 KB for a page with three releases.
    expect(html.length).toBeLessThan(150_000);
  });

  it("lists the education requests and activities the public may see, each linked", async () => {
    const data = await getCountryEducation(server.handle.db, ANONYMOUS, "SEN");
    const html = (await get("/countries/SEN/education")).body;
    for (const r of data.requests) expect(html).toContain(`href="/requests/${r.id}"`);
    for (const a of data.activities.items) expect(html).toContain(`href="/activities/${a.id}"`);
    expect(data.activities.items.length + data.activities.withheldCounted).toBe(data.activities.total);
  });

  it("is translated (French, Arabic right to left)", async () => {
    const fr = await get("/countries/SEN/education", { "accept-language": "fr" });
    expect(fr.body).toContain("<h1>Éducation : Sénégal</h1>");
    expect(fr.body).toContain("Fermées en raison de la COVID-19");
    const ar = await get("/countries/SEN/education", { "accept-language": "ar" });
    expect(ar.body).toMatch(/<html lang="ar" dir="rtl">/);
    expect(ar.body).toContain('direction="ltr"');
  });

  it("says plainly when a country has no closure data; redirects lower case; 404 and 400", async () => {
    const grl = await get("/countries/GRL/education");
    expect(grl.statusCode).toBe(200);
    expect(grl.body).toContain("No source release has school-closure data for Greenland.");
    expect(grl.body).not.toContain("<svg");
    const lower = await get("/countries/sen/education");
    expect([lower.statusCode, lower.headers.location]).toEqual([301, "/countries/SEN/education"]);
    expect((await get("/countries/XXX/education")).statusCode).toBe(404);
    expect((await get("/countries/SE1/education")).statusCode).toBe(400);
  });

  it("is linked from the country page and the transparency country page", async () => {
    expect((await get("/countries/SEN")).body).toContain('href="/countries/SEN/education"');
    expect((await get("/transparency/countries/SEN")).body).toContain('href="/countries/SEN/education"');
  });
});

describe("JSON API and downloads", () => {
  it("GET /api/v1/countries/SEN/education: the same data as the page, with ETag and 304", async () => {
    const r = await get("/api/v1/countries/SEN/education");
    expect(r.statusCode).toBe(200);
    const body = r.json() as CountryEducation;
    const sources = body.comparisons.find((c) => c.kind === "sources");
    expect([sources?.agree, sources?.disagree, sources?.notComparable, sources?.missing]).toEqual([4, 3, 2, 1]);
    expect(body.releases.map((r2) => r2.scale).sort()).toEqual(["oxcgrt_c1", "unesco_scale", "unesco_status"]);
    for (const title of withheldTitles) expect(r.body).not.toContain(title);
    const again = await get("/api/v1/countries/SEN/education", { "if-none-match": String(r.headers.etag) });
    expect(again.statusCode).toBe(304);
    expect((await get("/api/v1/countries/XXX/education")).statusCode).toBe(404);
    expect((await get("/api/v1/countries/sen/education")).statusCode).toBe(400);
  });

  it("downloads the periods as CSV, HXL and JSON", async () => {
    const csv = await get("/countries/SEN/education/closures.csv");
    expect(csv.statusCode).toBe(200);
    expect(csv.headers["content-disposition"]).toBe('attachment; filename="school-closures-SEN.csv"');
    const rows = parse(csv.body, { columns: true, bom: true }) as Record<string, string>[];
    expect(rows).toHaveLength(4 + 2 + 6);
    expect(rows.find((x) => x.From === "2020-03-05" && x.Scale === "oxcgrt_c1")).toMatchObject({
      To: "2020-03-06",
      Days: "2",
      Status: "2",
      "OxCGRT C1 flag (0 targeted, 1 general)": "0",
    });
    const hxl = await get("/countries/SEN/education/closures.hxl.csv");
    expect(hxl.body.split("\n")[1]).toContain("#country+code,#meta+source");
    const json = await get("/countries/SEN/education/closures.json");
    expect(json.statusCode).toBe(200);
    expect((await get("/countries/SEN/education/other.csv")).statusCode).toBe(404);
  });
});
