import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestServer, type TestServer } from "./http-harness.js";

// /education, its downloads and the closures API on the real releases (res. 45/32 PP10; R25; issue 6 item 4): the
// page works without JavaScript in every language, bad filters are a 400 naming the filter, downloads carry the
// page's query, HXL hashtags and an ETag.

let server: TestServer;
let ids: Record<string, number>;

beforeAll(async () => {
  server = await startTestServer({ demo: false, closures: true });
  const res = await server.app.inject({ url: "/api/v1/closures/releases" });
  ids = Object.fromEntries((res.json().items as { scale: string; id: number }[]).map((r) => [r.scale, r.id]));
}, 120_000);
afterAll(async () => server.close());

const get = (url: string, headers: Record<string, string> = {}) => server.app.inject({ url, headers: { "accept-language": "en", ...headers } });

describe("the /education page", () => {
  it("shows UNESCO's daily release by default, with its peak, tables and sources", async () => {
    const res = await get("/education");
    expect(res.statusCode).toBe(200);
    const html = res.body;
    expect(html).toContain("<h1>School closures worldwide</h1>");
    expect(html).toContain('aria-current="page"');
    expect(html).toContain("Peak: 172 countries with the status “Closed due to COVID-19” on April 1, 2020.");
    expect(html).toContain("These sources do not report learners");
    // The chart and its text alternative: a table with one row per week (53 weeks and the last day).
    expect(html).toMatch(/<svg[^>]*role="img"/);
    expect(html).toContain("Table: countries by status, one day per week (54 rows)");
    // Countries closed longest link to their education page; the release is selected in the GET form.
    expect(html).toContain('<a href="/countries/SLV/education">');
    expect(html).toMatch(new RegExp(`<option value="${ids.unesco_status}" selected`));
    expect(html).toContain('href="/education.hxl.csv?release=');
    expect(html).toContain('href="/api/v1/closures/releases"');
  });

  it("shows OxCGRT in its own words, in French", async () => {
    const res = await get(`/education?release=${ids.oxcgrt_c1}&lang=fr`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain("C1 3 : fermeture exigée de tous les niveaux");
    expect(res.body).toContain("Fermeture exigée de certains niveaux ou catégories seulement");
    expect(res.body).toContain("<h1>Fermetures d'écoles dans le monde</h1>");
  });

  it("filters by region, regional group, LDC and SIDS", async () => {
    const res = await get(`/education?release=${ids.unesco_status}&region=002&group=AFG&ldc=1`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/<option value="002" selected/);
    expect(res.body).toMatch(/<input type="checkbox" id="f-ldc" name="ldc" value="1" checked/);
    // Only African countries are listed among those closed longest.
    const links = [...res.body.matchAll(/href="\/countries\/([A-Z]{3})\/education"/g)].map((m) => m[1]);
    expect(links.length).toBeGreaterThan(0);
    expect(links).toContain("COM");
    expect(links).not.toContain("SLV");
  });

  it("refuses a bad filter with a 400 that names it", async () => {
    const res = await get("/education?region=999");
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain("region");
    expect((await get("/education?release=abc")).statusCode).toBe(400);
  });

  it("renders in Arabic", async () => {
    const res = await get(`/education?release=${ids.unesco_scale}&lang=ar`);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('dir="rtl"');
    expect(res.body).toContain("إغلاق على الصعيد الوطني");
  });
});

describe("downloads", () => {
  it("gives the daily counts as CSV with the page's query", async () => {
    const res = await get(`/education.csv?release=${ids.unesco_status}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("text/csv");
    expect(res.headers["content-disposition"]).toBe(`attachment; filename="school-closures-${ids.unesco_status}.csv"`);
    const lines = res.body
      .replace(/^\uFEFF/, "")
      .trimEnd()
      .split(/\r?\n/);
    expect(lines[0]).toBe("date,release_id,release,source,status_code,status,comparable,countries,countries_reporting,learners_total,learners_countries");
    expect(lines).toHaveLength(1 + 366 * 4);
    expect(lines.find((l) => l.startsWith("2020-04-15,") && l.includes(",2,Closed due to COVID-19,"))).toMatch(/,closed,137,210,,0$/);
  });

  it("tags the HXL file and describes the JSON columns", async () => {
    const hxl = await get(`/education.hxl.csv?release=${ids.oxcgrt_c1}&region=150`);
    const rows = hxl.body.replace(/^\uFEFF/, "").split(/\r?\n/);
    expect(rows[1]).toBe(
      "#date,#meta+release+id,#meta+release+name,#meta+source,#status+code,#status+name,#status+comparable,#indicator+countries+num,#indicator+countries+reporting+num,#affected+learners+num,#indicator+countries+learners+num",
    );
    const json = await get(`/education.json?release=${ids.oxcgrt_c1}&region=150`);
    const body = json.json() as { columns: { key: string; hxl: string }[]; rows: { date: string; countries: number; status: string }[] };
    expect(body.columns.map((c) => c.key)).toContain("countries_reporting");
    expect(body.rows).toHaveLength(867 * 4);
    const europeOn = body.rows.filter((r) => r.date === "2020-04-15").reduce((n, r) => n + r.countries, 0);
    const api = await get(`/api/v1/closures/daily?release=${ids.oxcgrt_c1}&region=150`);
    expect(europeOn).toBe((api.json().days as { day: string; reporting: number }[]).find((d) => d.day === "2020-04-15")?.reporting);
  });

  it("answers 304 when the client's copy is current", async () => {
    const first = await get("/education.csv");
    const etag = first.headers.etag as string;
    expect(etag).toMatch(/^W\//);
    const again = await get("/education.csv", { "if-none-match": etag });
    expect(again.statusCode).toBe(304);
    expect(again.body).toBe("");
  });

  it("refuses a bad filter before sending anything", async () => {
    const res = await get("/education.json?sids=perhaps");
    expect(res.statusCode).toBe(400);
  });
});

describe("the closures API", () => {
  it("lists the releases with coverage, licence and import report", async () => {
    const res = await get("/api/v1/closures/releases");
    expect(res.statusCode).toBe(200);
    const items = res.json().items as {
      scale: string;
      coverageFrom: string;
      coverageTo: string;
      licence: string;
      rowsSkipped: number;
      warnings: { line: number | null }[];
    }[];
    expect(items.map((r) => r.scale)).toEqual(["oxcgrt_c1", "unesco_status", "unesco_scale"]);
    const ox = items.find((r) => r.scale === "oxcgrt_c1");
    expect(ox).toMatchObject({ coverageFrom: "2020-01-01", coverageTo: "2022-05-16", licence: "CC BY 4.0" });
    expect(items.find((r) => r.scale === "unesco_scale")?.warnings.some((w) => w.line === 742)).toBe(true);
    expect(res.headers.etag).toBeDefined();
  });

  it("gives the daily series of one release for a group of countries", async () => {
    const res = await get(`/api/v1/closures/daily?release=${ids.unesco_status}&ldc=1`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.filters).toEqual({ region: null, group: null, ldc: true, sids: null });
    expect(body.learnersReported).toBe(false);
    expect(body.days).toHaveLength(366);
    const all = (await get(`/api/v1/closures/daily?release=${ids.unesco_status}`)).json();
    const others = (await get(`/api/v1/closures/daily?release=${ids.unesco_status}&ldc=0`)).json();
    const on = (b: { days: { day: string; reporting: number }[] }) => b.days.find((d) => d.day === "2020-04-15")?.reporting ?? 0;
    expect(on(body) + on(others)).toBe(on(all));
    expect(on(all)).toBe(210);
  });

  it("refuses bad parameters with the error body", async () => {
    const res = await get("/api/v1/closures/daily?group=XYZ");
    expect(res.statusCode).toBe(400);
    expect(res.json().error.problems).toEqual([{ field: "group", message: expect.any(String) }]);
  });
});
